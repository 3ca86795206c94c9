import type { CountryCode } from 'libphonenumber-js/min';
import type { Worker } from 'node:worker_threads';
import type { AppError } from '../errors.js';
import { fromWireError } from '../worker-rpc.js';
import { createLogger } from '../logger.js';
import {
  newWorker,
  tryStartWorker,
  workerEntry,
  type WorkerEntry,
  type WorkerFactory,
} from '../workers.js';
import {
  decodeConnectionsPage,
  type ConnectionsPage,
  type PersonEntry,
} from './connections-page.js';
import type { PageItems } from './packed-items.js';
import { malformedResponse } from './errors.js';

const log = createLogger('google');

/** Reads connections page bodies (decode-worker.ts runs the same function on another thread). */
export interface ConnectionsDecoder {
  decode(body: ArrayBuffer, defaultRegion?: CountryCode): Promise<DecodedPage>;
}

/** A page as a decoder gives it: the worker's entries come packed, to be read where they are written. */
export type DecodedPage = Omit<ConnectionsPage, 'entries'> & { entries: PageItems<PersonEntry> };

export const inlineDecoder: ConnectionsDecoder = {
  // async: a page that cannot be read rejects, never throws where the caller does not expect it
  decode: async (body, defaultRegion) => decodeConnectionsPage(new Uint8Array(body), defaultRegion),
};

/** What decode-worker.ts is sent and answers. */
export interface DecodeRequest {
  id: number;
  body: ArrayBuffer;
  defaultRegion?: CountryCode;
}
export type DecodeReply =
  { id: number; page: DecodedPage } | { id: number; error: { code: string; message: string } };

interface Pending {
  resolve: (page: DecodedPage) => void;
  reject: (error: unknown) => void;
  /** Kept (not transferred) so the page can still be read inline if the worker dies. */
  body: ArrayBuffer;
  defaultRegion: CountryCode | undefined;
}

/**
 * Below this size a page is read inline: ~2 ms of the main thread (about 40 contacts), where
 * starting the thread costs ~10 MB and ~0.07 s of CPU — what a no-change or few-change sync
 * fetches (bench/peer.sh).
 */
export const INLINE_PAGE_BYTES = 64 * 1024;

/**
 * Reads pages on a worker thread: parsing 1.6 MB of JSON and flattening 1000 contacts costs the
 * main thread ~45 ms a page, receiving the flattened page ~10 ms (docs/PERFORMANCE.md), and the
 * main thread is the one writing SQLite. Started on the first big page and stopped after `idleMs`
 * without a page, so an app that syncs once a day does not keep its heap; if it cannot start or
 * dies, pages are read inline, as before.
 */
export class WorkerDecoder implements ConnectionsDecoder {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly entry: WorkerEntry;
  private readonly idleMs: number;
  private readonly createWorker: WorkerFactory;
  /** Pages the worker read (for tests and the benchmark). */
  pagesOnWorker = 0;

  constructor(
    options: { entry?: WorkerEntry; idleMs?: number; createWorker?: WorkerFactory } = {},
  ) {
    this.entry = options.entry ?? workerEntry(import.meta.url, 'decode-worker');
    this.idleMs = options.idleMs ?? 30_000;
    this.createWorker = options.createWorker ?? newWorker;
  }

  /** Whether a worker thread is up (it stops when idle). */
  get running(): boolean {
    return this.worker !== null;
  }

  decode(body: ArrayBuffer, defaultRegion?: CountryCode): Promise<DecodedPage> {
    if (body.byteLength < INLINE_PAGE_BYTES) return inlineDecoder.decode(body, defaultRegion);
    this.cancelIdleStop();
    const worker = this.start();
    if (!worker) return inlineDecoder.decode(body, defaultRegion);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, body, defaultRegion });
      if (this.pending.size === 1) worker.ref();
      const request: DecodeRequest = { id, body, ...(defaultRegion ? { defaultRegion } : {}) };
      worker.postMessage(request);
    });
  }

  /** Stops the worker; pages asked for meanwhile are read inline. */
  async close(): Promise<void> {
    this.cancelIdleStop();
    const worker = this.worker;
    this.worker = null;
    this.failed = true;
    if (worker) await worker.terminate();
    this.settleInline();
  }

  private start(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    const { script, ...options } = this.entry;
    const worker = tryStartWorker(
      this.createWorker,
      script,
      options,
      log,
      'contacts pages are read on the main thread',
    );
    if (!worker) {
      this.failed = true;
      return null;
    }
    worker.unref(); // held only while pages are being read
    worker.on('message', (reply: DecodeReply) => this.onReply(reply));
    worker.on('error', (error) => this.onFailed(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.onFailed(new Error(`the worker exited (code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private onReply(reply: DecodeReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) {
      this.worker?.unref();
      this.idleTimer = setTimeout(() => this.stopIdle(), this.idleMs);
      this.idleTimer.unref();
    }
    this.pagesOnWorker++;
    if ('page' in reply) pending.resolve(reply.page);
    else pending.reject(toError(reply.error));
  }

  private cancelIdleStop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private stopIdle(): void {
    this.idleTimer = null;
    const worker = this.worker;
    if (!worker || this.pending.size > 0) return;
    this.worker = null; // before terminating, so its exit is not taken for a failure
    void worker.terminate();
  }

  private onFailed(error: Error): void {
    if (this.failed) return;
    log.warn('contacts pages are read on the main thread: the worker failed', {
      reason: error.message,
    });
    this.worker = null;
    this.failed = true;
    this.settleInline();
  }

  private settleInline(): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      inlineDecoder
        .decode(pending.body, pending.defaultRegion)
        .then(pending.resolve, pending.reject);
    }
  }
}

function toError(error: { code: string; message: string }): AppError {
  if (error.code === 'MALFORMED_RESPONSE') return malformedResponse(new Error(error.message));
  return fromWireError(error);
}
