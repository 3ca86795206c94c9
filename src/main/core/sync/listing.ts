import type { RunCounts, SyncProgress } from '../../../shared/domain.js';
import type { Db } from '../db/connection.js';
import type { ListingResource, SyncStateRepo } from '../db/sync-state.js';
import { isAppError } from '../errors.js';
import type { ListPage, PageRequest } from '../google/people-source.js';
import { cancelled, withRetry, type RetryNotice, type RetryPolicy } from './retry.js';

export type ListingMode = 'full' | 'incremental';

export interface PageContext {
  mode: ListingMode;
  runId: number;
  /** The full sync's generation; rows seen by it are marked with it. 0 for incremental. */
  generation: number;
  now: string;
}

/**
 * One Google listing with sync tokens (contacts, labels, the calendar list, one calendar's events).
 * The loop below owns tokens, paging, retries and transactions; an adapter only fetches and
 * applies pages.
 */
export interface ListingAdapter<T> {
  readonly resource: ListingResource;
  /**
   * `onReceived`, if the source supports it, is called when the page's body has arrived and is
   * being read off the main thread (see READ_AHEAD_WAIT_MS).
   */
  fetchPage(
    request: PageRequest,
    signal: AbortSignal,
    onReceived?: () => void,
  ): Promise<ListPage<T>>;
  /** Runs inside the page's transaction. */
  applyPage(items: T[], ctx: PageContext): void;
  /** Full sync only, inside the last page's transaction: soft-deletes what the listing lacked. */
  sweep(ctx: PageContext): void;
  /** Called after a page's transaction committed (counts become real only then). */
  pageCommitted?(): void;
}

/** What a run spent and saw; shared by the listings of one run and kept when a run fails. */
export interface RunTally {
  pages: number;
  apiCalls: number;
  bytesReceived: number;
}

export interface ListingDeps {
  db: Db;
  syncState: SyncStateRepo;
  accountId: number;
  runId: number;
  now: () => Date;
  retry: RetryPolicy;
  signal: AbortSignal;
  tally: RunTally;
  onPage?: (page: { fetched: number; total: number | null }) => void;
  /** Told before each pause of a retry, so progress can say a retry is waiting. */
  onRetry?: (notice: RetryNotice) => void;
  /** Told which kind of listing is under way, so a run that fails still records the right kind. */
  onKind?: (kind: ListingKind) => void;
  /** Told after each page's transaction commits (background WAL checkpoints). */
  afterCommit?: () => void;
  /** READ_AHEAD_WAIT_MS unless a test says otherwise. */
  readAheadWaitMs?: number;
}

export type ListingKind = 'full' | 'incremental' | 'full_after_expired_token';

/**
 * The next page is requested before the current one is written, so Google prepares it meanwhile.
 * When a source reads pages on a worker thread, the body must reach the worker before the main
 * thread starts a page's (synchronous) write, or the reading waits for the write to end. So when
 * Google answers fast, the write waits for the next body for up to this long; when it answers
 * slower, waiting would only add to the time, and the write goes first as before.
 */
export const READ_AHEAD_WAIT_MS = 50;

/** What a run of one resource gives its listings (see syncContacts and syncCalendars). */
export interface ResourceRun {
  db: Db;
  accountId: number;
  listing: Omit<ListingDeps, 'onPage' | 'onKind'>;
  /** The run's counts, which each listing adds to as its pages commit. */
  counts: RunCounts;
  forceFull: boolean;
  onPage: (phase: SyncProgress['phase']) => ListingDeps['onPage'];
  /** Told the run's kind (the listing that decides it reports it). */
  onKind: (kind: ListingKind) => void;
}

/**
 * Full: pages from the start, each applied in its own transaction and marked with a new
 * generation; the last page's transaction also sweeps unseen rows and stores the new sync token.
 * A crash anywhere leaves the previous token and rows valid. Incremental: the same from the stored
 * token. An expired token falls back to a full listing in the same run.
 */
export async function runListing<T>(
  adapter: ListingAdapter<T>,
  deps: ListingDeps,
  options: { forceFull?: boolean } = {},
): Promise<ListingKind> {
  const state = deps.syncState.get(deps.accountId, adapter.resource);
  if (state.syncToken && !options.forceFull) {
    deps.onKind?.('incremental');
    try {
      await listPages(adapter, deps, 'incremental', state.syncToken);
      return 'incremental';
    } catch (error) {
      if (!isAppError(error, 'EXPIRED_SYNC_TOKEN')) throw error;
      // Pages applied before the expiry were real changes; the full listing below settles the rest.
      deps.onKind?.('full_after_expired_token');
      await listPages(adapter, deps, 'full', null);
      return 'full_after_expired_token';
    }
  }
  deps.onKind?.('full');
  await listPages(adapter, deps, 'full', null);
  return 'full';
}

async function listPages<T>(
  adapter: ListingAdapter<T>,
  deps: ListingDeps,
  mode: ListingMode,
  syncToken: string | null,
): Promise<void> {
  const generation =
    mode === 'full' ? deps.syncState.nextGeneration(deps.accountId, adapter.resource) : 0;
  // How long the last body took to arrive, measured only while the main thread was free to see it.
  let answerMs: number | null = null;
  const waitMs = deps.readAheadWaitMs ?? READ_AHEAD_WAIT_MS;
  const fetchPage = (pageToken: string | null, measured: boolean) => {
    const request: PageRequest = {};
    if (pageToken) request.pageToken = pageToken;
    if (syncToken) request.syncToken = syncToken;
    const requestedAt = performance.now();
    let markReceived = () => {};
    const received = new Promise<void>((resolve) => (markReceived = resolve));
    const onReceived = () => {
      if (measured) answerMs = performance.now() - requestedAt;
      markReceived();
    };
    const page = withRetry(
      () => adapter.fetchPage(request, deps.signal, onReceived),
      deps.retry,
      deps.signal,
      () => deps.tally.apiCalls++,
      deps.onRetry,
    );
    return { page, received };
  };
  let fetched = 0;
  let next = fetchPage(null, true);
  for (;;) {
    const page = await next.page;
    if (deps.signal.aborted) throw cancelled();
    deps.tally.pages++;
    deps.tally.bytesReceived += page.bytes;
    const last = page.nextPageToken === null;
    // Ask for the next page before writing this one: Google prepares it while we write.
    if (!last) {
      const readAhead = answerMs !== null && answerMs <= waitMs;
      next = fetchPage(page.nextPageToken, readAhead);
      next.page.catch(() => undefined); // handled when awaited; never an unhandled rejection meanwhile
      if (readAhead) await firstOf(next.received, waitMs);
    }
    const ctx: PageContext = { mode, runId: deps.runId, generation, now: deps.now().toISOString() };
    try {
      deps.db.transaction(() => {
        adapter.applyPage(page.items, ctx);
        if (last) {
          if (mode === 'full') adapter.sweep(ctx);
          deps.syncState.completeListing(
            deps.accountId,
            adapter.resource,
            page.nextSyncToken,
            mode,
            ctx.now,
          );
        }
      })();
    } catch (error) {
      if (!last) await next.page.catch(() => undefined); // let the prefetch settle before failing
      throw error;
    }
    adapter.pageCommitted?.();
    deps.afterCommit?.();
    fetched += page.items.length;
    deps.onPage?.({ fetched, total: page.totalItems });
    if (last) return;
  }
}

/** Resolves when `promise` does or after `ms`, whichever is first (a rejection counts as done). */
async function firstOf(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([promise.catch(() => undefined), timeout]);
  clearTimeout(timer);
}
