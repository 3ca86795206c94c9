/**
 * The sync writer: a worker thread that owns the write connection for every run's pages, so the
 * main thread — the app's UI thread — only fetches, orchestrates and answers the window while
 * a page, a sweep or the end of a first import (seconds at 100,000 contacts) is written
 * (docs/ARCHITECTURE.md "Threads"). Started on a listing's first page and stopped once no listing
 * has been open for `idleMs`, so an app that syncs once a day does not keep its heap and cache.
 *
 * If the thread cannot start, pages are written on the main thread as before (InlineSyncWrites).
 * If it dies during a listing, that listing's run fails (what it committed stays; the next run
 * continues) and later runs write on the main thread.
 */
import type { Worker } from 'node:worker_threads';
import { emptyCounts } from '../../../shared/domain.js';
import type { Db } from '../db/connection.js';
import { AppError } from '../errors.js';
import { transferables } from '../google/packed-items.js';
import { createLogger } from '../logger.js';
import { fromWireError } from '../worker-rpc.js';
import { newWorker, tryStartWorker, workerEntry, type WorkerFactory } from '../workers.js';
import {
  InlineSyncWrites,
  isSpec,
  type LeaseTerms,
  type ListingWrites,
  type PageCommit,
  type PageOutcome,
  type PageWriter,
  type SyncWrites,
  type WriterSpec,
} from './sync-writes.js';

const log = createLogger('sync');

/** What the main thread sends the writer's thread. */
export type WriterRequest =
  | { op: 'open'; listing: number; spec: WriterSpec }
  | { op: 'close'; listing: number }
  | { op: 'commit'; callId: number; listing: number; page: PageCommit }
  | { op: 'renewLease'; callId: number; terms: LeaseTerms }
  | { op: 'shutdown' };

/** What the thread is started with. */
export interface WriterThreadData {
  file: string;
  pragmas: string[];
}

export type WriterReply =
  | { callId: number; ok: true; value: unknown }
  | { callId: number; ok: false; error: { code: string; message: string } };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Thread {
  worker: Worker;
  /** Listings open on it. */
  listings: Set<number>;
  /** Its calls not answered yet (a thread stopping while the next starts has its own). */
  pending: Map<number, Pending>;
  /** True once it has opened its connection; false if it failed before. */
  ready: Promise<boolean>;
  markReady: (ready: boolean) => void;
}

export class WorkerSyncWrites implements SyncWrites {
  private readonly inline: InlineSyncWrites;
  private thread: Thread | null = null;
  private failed = false;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly idleMs: number;
  private readonly createWorker: WorkerFactory;
  private readonly inlinePages: number;
  private readonly pragmas: () => readonly string[];
  /** Pages committed on the thread (for tests and the benchmark). */
  pagesOnThread = 0;

  constructor(
    private readonly db: Db,
    options: {
      idleMs?: number;
      createWorker?: WorkerFactory;
      /** Pragmas the thread's connection runs after opening (tests: a full disk). */
      pragmas?: () => readonly string[];
    } = {},
  ) {
    this.inline = new InlineSyncWrites(db);
    this.inlinePages = Number(db.pragma('wal_autocheckpoint', { simple: true })) || 1000;
    this.idleMs = options.idleMs ?? 30_000;
    this.createWorker = options.createWorker ?? newWorker;
    this.pragmas = options.pragmas ?? (() => []);
    // An in-memory database has no file the thread could open.
    if (db.memory || db.name === '') this.failed = true;
  }

  /** Whether the thread is up (it stops when idle). */
  get running(): boolean {
    return this.thread !== null;
  }

  open(writer: PageWriter<never> | WriterSpec): ListingWrites {
    const thread = isSpec(writer) ? this.start() : null;
    if (!thread || !isSpec(writer)) return this.inline.open(writer);
    this.cancelIdleStop();
    const listing = this.nextId++;
    thread.listings.add(listing);
    thread.worker.postMessage({ op: 'open', listing, spec: writer } satisfies WriterRequest);
    // A thread that fails before it is ready (a missing bundle, a database it cannot open) has
    // written nothing of this listing: its pages go to the main thread instead.
    let instead: ListingWrites | null = null;
    return {
      commit: async (page) => {
        if (!(await thread.ready)) return (instead ??= this.inline.open(writer)).commit(page);
        if (this.thread !== thread) throw writerStopped('it is no longer running');
        const request = (callId: number): WriterRequest => ({
          op: 'commit',
          callId,
          listing,
          page,
        });
        // Packed items move to the thread rather than being copied (the main thread never reads them).
        const outcome = (await this.call(
          thread,
          request,
          transferables(page.items),
        )) as PageOutcome;
        this.pagesOnThread++;
        return { counts: outcome.counts ?? emptyCounts(), notice: outcome.notice };
      },
      close: () => {
        instead?.close();
        if (!thread.listings.delete(listing) || this.thread !== thread) return;
        thread.worker.postMessage({ op: 'close', listing } satisfies WriterRequest);
        if (thread.listings.size === 0) this.scheduleIdleStop();
      },
    };
  }

  async renewLease(terms: LeaseTerms): Promise<void> {
    const thread = this.thread;
    if (!thread) return this.inline.renewLease(terms);
    await this.call(thread, (callId) => ({ op: 'renewLease', callId, terms }));
  }

  /** Stops the thread once what it was given is written; later pages are written inline. */
  async close(): Promise<void> {
    this.cancelIdleStop();
    this.failed = true;
    await this.stop();
  }

  private call(
    thread: Thread,
    request: (callId: number) => WriterRequest,
    transfer: ArrayBuffer[] = [],
  ): Promise<unknown> {
    const callId = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(callId, { resolve, reject });
      // Held while a page is being written, so a command line waits for it before exiting.
      if (thread.pending.size === 1) thread.worker.ref();
      thread.worker.postMessage(request(callId), transfer);
    });
  }

  private start(): Thread | null {
    if (this.thread || this.failed) return this.thread;
    const data: WriterThreadData = { file: this.db.name, pragmas: [...this.pragmas()] };
    const { script, ...options } = workerEntry(import.meta.url, 'sync-writer-worker', data);
    const worker = tryStartWorker(
      this.createWorker,
      script,
      options,
      log,
      'pages are written on the main thread',
    );
    if (!worker) {
      this.failed = true;
      return null;
    }
    worker.unref();
    // The thread checkpoints the log it writes; a small write of this thread (a run's progress)
    // must not start copying it back here, on the UI's thread.
    this.db.pragma('wal_autocheckpoint = 0');
    let markReady: (ready: boolean) => void = () => undefined;
    const ready = new Promise<boolean>((resolve) => (markReady = resolve));
    const thread: Thread = { worker, listings: new Set(), pending: new Map(), ready, markReady };
    worker.on('message', (reply: WriterReply | 'ready') => this.onReply(thread, reply));
    worker.on('error', (error) => this.onFailed(thread, error));
    worker.on('exit', (code) =>
      this.onFailed(thread, new Error(`the thread exited (code ${code})`)),
    );
    this.thread = thread;
    return thread;
  }

  private onReply(thread: Thread, reply: WriterReply | 'ready'): void {
    if (reply === 'ready') return thread.markReady(true);
    const pending = thread.pending.get(reply.callId);
    if (!pending) return;
    thread.pending.delete(reply.callId);
    if (thread.pending.size === 0) thread.worker.unref();
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(fromWireError(reply.error));
  }

  /** The thread died: what it was writing fails, and later runs write on the main thread. */
  private onFailed(thread: Thread, error: Error): void {
    thread.markReady(false); // no effect once it was ready
    if (this.thread !== thread) return; // stopped on purpose, or already handled
    log.warn('the sync writer stopped; pages are written on the main thread', {
      reason: error.message,
    });
    this.thread = null;
    this.failed = true;
    this.restoreCheckpoints();
    rejectAll(thread, writerStopped(error.message));
  }

  private scheduleIdleStop(): void {
    this.cancelIdleStop();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.thread?.listings.size === 0 && this.thread.pending.size === 0) void this.stop();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private cancelIdleStop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Asks the thread to finish what it was sent, checkpoint, close its connection and exit. */
  private async stop(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    this.thread = null; // before it exits, so its exit is not taken for a failure
    this.restoreCheckpoints();
    const exited = new Promise<void>((resolve) => thread.worker.once('exit', () => resolve()));
    thread.worker.ref();
    thread.worker.postMessage({ op: 'shutdown' } satisfies WriterRequest);
    await exited;
    rejectAll(thread, writerStopped('it was stopped'));
  }

  private restoreCheckpoints(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${this.inlinePages}`);
  }
}

function rejectAll(thread: Thread, error: AppError): void {
  for (const pending of thread.pending.values()) pending.reject(error);
  thread.pending.clear();
}

function writerStopped(reason: string): AppError {
  return new AppError(
    'INTERRUPTED',
    `The sync stopped: the thread writing it to the database stopped (${reason}). Nothing was ` +
      'lost; the next sync continues where this one stopped.',
  );
}
