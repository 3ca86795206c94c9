/**
 * Fetches contact photos after a sync, in the background (issue 12): never inside a run, never
 * holding the sync's lock — a run only stores Google's photo URLs; this pass, started when a
 * contacts run has finished, downloads what is missing with a few requests at a time, and can be
 * cancelled at any moment (what was stored stays). A new sync while a pass runs only asks for one
 * more pass afterwards.
 */
import { createLogger } from '../logger.js';
import type { PendingPhoto, PhotoCache } from './photo-cache.js';
import { PhotoFetchError, type PhotoSource } from './photo-source.js';

const log = createLogger('photos');

export interface PhotoFetcherOptions {
  cache: PhotoCache;
  /** Google for an account (its credentials); may throw when it has none. */
  sourceFor: (accountId: number) => PhotoSource | Promise<PhotoSource>;
  /** Asked at every pass, so a changed setting applies to the next one. */
  capBytes: () => number;
  /** Photos downloaded at once (default 4): quick, without looking like a burst to Google. */
  concurrency?: number;
}

/** A pass stops after this many failures in a row (Google unreachable); the next sync retries. */
const MAX_CONSECUTIVE_FAILURES = 5;
const BATCH = 64;

export interface PhotoPassResult {
  stored: number;
  missing: number;
  failed: number;
  evicted: number;
}

interface Pass {
  controller: AbortController;
  again: boolean;
  done: Promise<void>;
}

export class PhotoFetcher {
  private readonly passes = new Map<number, Pass>();
  private readonly listeners = new Set<(accountId: number, result: PhotoPassResult) => void>();
  private closed = false;

  constructor(private readonly options: PhotoFetcherOptions) {}

  /** Called with each finished pass (tests, and whoever refreshes what shows photos). */
  onPass(listener: (accountId: number, result: PhotoPassResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts a pass for the account, or asks the running one for another when it ends. */
  schedule(accountId: number): void {
    if (this.closed) return;
    const running = this.passes.get(accountId);
    if (running) {
      running.again = true;
      return;
    }
    const controller = new AbortController();
    const pass: Pass = { controller, again: false, done: Promise.resolve() };
    pass.done = (async () => {
      do {
        pass.again = false;
        const result = await this.run(accountId, controller.signal).catch((error: unknown) => {
          if (!controller.signal.aborted) {
            log.warn('photo pass failed', {
              code: (error as { code?: string }).code ?? 'INTERNAL',
            });
          }
          return null;
        });
        if (result) for (const listener of this.listeners) listener(accountId, result);
      } while (pass.again && !controller.signal.aborted);
      this.passes.delete(accountId);
    })();
    this.passes.set(accountId, pass);
  }

  /** Stops the account's pass at once; what was stored stays. */
  cancel(accountId: number): boolean {
    const pass = this.passes.get(accountId);
    pass?.controller.abort();
    return pass !== undefined;
  }

  async whenIdle(accountId?: number): Promise<void> {
    const passes =
      accountId === undefined ? [...this.passes.values()] : [this.passes.get(accountId)];
    await Promise.all(passes.map((p) => p?.done));
  }

  /** Cancels every pass and waits for them to let go. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pass of this.passes.values()) pass.controller.abort();
    await this.whenIdle();
  }

  private async run(accountId: number, signal: AbortSignal): Promise<PhotoPassResult> {
    const { cache } = this.options;
    cache.sweep();
    const result: PhotoPassResult = { stored: 0, missing: 0, failed: 0, evicted: 0 };
    if (cache.pending(accountId, 1).length === 0) {
      result.evicted = cache.evict(this.options.capBytes());
      return result;
    }
    const source = await this.options.sourceFor(accountId);
    const skipped = new Set<number>();
    let failuresInARow = 0;
    const fetchOne = async (photo: PendingPhoto) => {
      try {
        const { bytes, contentType } = await source.download(photo.url, signal);
        if (signal.aborted) return;
        cache.store(photo.contactId, photo.url, bytes, contentType);
        result.stored++;
        failuresInARow = 0;
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof PhotoFetchError && error.permanent) {
          cache.markMissing(photo.contactId, photo.url);
          result.missing++;
          return;
        }
        skipped.add(photo.contactId);
        result.failed++;
        failuresInARow++;
      }
    };
    while (!signal.aborted && failuresInARow < MAX_CONSECUTIVE_FAILURES) {
      const batch = cache
        .pending(accountId, BATCH + skipped.size)
        .filter((p) => !skipped.has(p.contactId))
        .slice(0, BATCH);
      if (batch.length === 0) break;
      await inPool(
        batch,
        this.options.concurrency ?? 4,
        fetchOne,
        () => signal.aborted || failuresInARow >= MAX_CONSECUTIVE_FAILURES,
      );
      result.evicted += cache.evict(this.options.capBytes());
    }
    if (result.failed > 0) log.info('some photos could not be fetched', { ...result });
    return result;
  }
}

/** Runs `work` over `items`, `limit` at a time, starting no new item once `stop()` holds. */
async function inPool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  stop: () => boolean,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}
