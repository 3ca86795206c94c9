import type { RunCounts, SyncProgress } from '../../../shared/domain.js';
import type { Db } from '../db/connection.js';
import type { ListingPosition, ListingResource, SyncStateRepo } from '../db/sync-state.js';
import { AppError, isAppError } from '../errors.js';
import { isRefusedToken } from '../google/errors.js';
import { itemCount } from '../google/packed-items.js';
import type { ListPage, PageRequest } from '../google/people-source.js';
import { cancelled, withRetry, type RetryNotice, type RetryPolicy } from './retry.js';
import {
  InlineSyncWrites,
  type LeaseTerms,
  type ListingWrites,
  type PageHint,
  type PageOutcome,
  type PageWriter,
  type SyncWrites,
  type WriterSpec,
} from './sync-writes.js';

import type { ListingMode, PageContext } from './page-types.js';

export type { ListingMode, PageContext } from './page-types.js';

/**
 * One Google listing with sync tokens (contacts, labels, the calendar list, one calendar's events).
 * The loop below owns tokens, paging, retries and transactions; an adapter only fetches and
 * applies pages.
 */
export interface ListingAdapter<T> {
  readonly resource: ListingResource;
  /**
   * Of the request parameters besides the tokens (the source's `fingerprint`). Stored with each
   * token: a token whose parameters changed is not sent, a full listing starts instead.
   */
  readonly fingerprint: string;
  /**
   * `onReceived`, if the source supports it, is called when the page's body has arrived and is
   * being read off the main thread (see READ_AHEAD_WAIT_MS).
   */
  fetchPage(
    request: PageRequest,
    signal: AbortSignal,
    onReceived?: () => void,
  ): Promise<ListPage<T>>;
  /**
   * The listing's write half: a writer applied in this thread, or one described as data for the
   * sync writer to build on its own connection (sync-writes.ts).
   */
  readonly writer: PageWriter<T> | WriterSpec;
  /** What the write half needs to know of the page just fetched (one calendar's zone). */
  pageHint?(): PageHint;
  /** Told what each page added once its transaction committed (counts become real only then). */
  committed?(outcome: PageOutcome): void;
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
  /** Told as each request (first or retried) is sent: a retry that waited is over. */
  onAttempt?: () => void;
  /** Told which kind of listing is under way, so a run that fails still records the right kind. */
  onKind?: (kind: ListingKind) => void;
  /** Who commits the pages (default: this thread, on `db`). */
  writes?: SyncWrites;
  /**
   * The run's lease as of now, renewed first inside each page's transaction (which fails when
   * another process took it over, so this run writes nothing more).
   */
  lease?: () => LeaseTerms;
  /** Told after each page's transaction commits (background WAL checkpoints). */
  afterCommit?: () => void;
  /** READ_AHEAD_WAIT_MS unless a test says otherwise. */
  readAheadWaitMs?: number;
}

export type ListingKind =
  'full' | 'incremental' | 'full_after_expired_token' | 'full_after_rejected_token';

/** Where a listing starts: its sync token, the start, or where an interrupted full listing got to. */
type Start =
  { mode: 'incremental'; syncToken: string } | { mode: 'full'; from: ListingPosition | null };

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
 * generation, each remembering the next page token with it; the last page's transaction also
 * sweeps unseen rows and stores the new sync token. A crash anywhere leaves the previous token and
 * rows valid, and the next run continues the listing from its last committed page (same
 * generation, so the sweep still spares every row the whole listing saw). Incremental: the same
 * from the stored token. An expired token, or a sync or page token Google refuses (400
 * INVALID_ARGUMENT or 404), falls back to one fresh full listing in the same run.
 */
export async function runListing<T>(
  adapter: ListingAdapter<T>,
  deps: ListingDeps,
  options: {
    forceFull?: boolean;
    /** Asked before listing in full after an expired or refused token (default: yes). */
    mayListInFull?: (kind: ListingKind) => boolean;
  } = {},
): Promise<ListingKind> {
  const start = startOf(deps.syncState.get(deps.accountId, adapter.resource), adapter, options);
  const kind = start.mode;
  deps.onKind?.(kind);
  // One write half for the listing and its fallback: what the first pages counted and staged
  // still counts when the full listing after a refused token judges deletions.
  const writes = (deps.writes ?? new InlineSyncWrites(deps.db)).open(adapter.writer);
  try {
    await listPages(adapter, deps, writes, start);
    return kind;
  } catch (error) {
    const fallback = fallbackKind(error);
    if (fallback === null || options.mayListInFull?.(fallback) === false) throw error;
    if (fallback === 'full_after_rejected_token') {
      // Sent again, it would only be refused again should the listing below fail.
      deps.syncState.clearToken(deps.accountId, adapter.resource);
    }
    // Pages applied before the refusal were real changes; the full listing below settles the rest.
    deps.onKind?.(fallback);
    await listPages(adapter, deps, writes, { mode: 'full', from: null });
    return fallback;
  } finally {
    writes.close();
  }
}

function startOf(
  state: ReturnType<SyncStateRepo['get']>,
  adapter: { fingerprint: string },
  options: { forceFull?: boolean },
): Start {
  if (options.forceFull) return { mode: 'full', from: null };
  // A token stored before fingerprints were is for this release's parameters: it is sent.
  const fits = state.tokenFingerprint === null || state.tokenFingerprint === adapter.fingerprint;
  // A usable sync token beats resuming an interrupted full listing: it is cheaper, and only an
  // incremental listing names a contact's previous resource names, so a contact Google re-keyed
  // meanwhile moves instead of being listed twice (once under each name).
  if (state.syncToken && fits) return { mode: 'incremental', syncToken: state.syncToken };
  if (state.position?.fingerprint === adapter.fingerprint) {
    return { mode: 'full', from: state.position };
  }
  return { mode: 'full', from: null };
}

function fallbackKind(error: unknown): ListingKind | null {
  if (isAppError(error, 'EXPIRED_SYNC_TOKEN')) return 'full_after_expired_token';
  if (isAppError(error, 'REJECTED_SYNC_TOKEN')) return 'full_after_rejected_token';
  return null;
}

/** A refused token; seen by a person only when the fresh listing after it is refused as well. */
function rejectedToken(cause: AppError): AppError {
  return new AppError(
    'REJECTED_SYNC_TOKEN',
    `Google refused to continue this sync where it left off (${cause.message}), even after ` +
      'starting the listing over. The next sync starts over from the beginning.',
    { cause },
  );
}

async function listPages<T>(
  adapter: ListingAdapter<T>,
  deps: ListingDeps,
  writes: ListingWrites,
  start: Start,
): Promise<void> {
  const { mode } = start;
  const syncToken = start.mode === 'incremental' ? start.syncToken : null;
  const from = start.mode === 'full' ? start.from : null;
  const generation =
    mode === 'incremental'
      ? 0
      : (from?.generation ?? deps.syncState.nextGeneration(deps.accountId, adapter.resource));
  // How long the last body took to arrive, measured only while the main thread was free to see it.
  const timing: ReadAheadTiming = { answerMs: null };
  const waitMs = deps.readAheadWaitMs ?? READ_AHEAD_WAIT_MS;
  const fetchPage = (pageToken: string | null, measured: boolean) => {
    const request: PageRequest = {};
    if (pageToken) request.pageToken = pageToken;
    if (syncToken) request.syncToken = syncToken;
    const requestedAt = performance.now();
    let markReceived = () => {};
    const received = new Promise<void>((resolve) => (markReceived = resolve));
    const onReceived = () => {
      if (measured) timing.answerMs = performance.now() - requestedAt;
      markReceived();
    };
    const carriesToken = request.pageToken !== undefined || request.syncToken !== undefined;
    const page = withRetry(
      () => adapter.fetchPage(request, deps.signal, onReceived),
      deps.retry,
      deps.signal,
      () => {
        deps.tally.apiCalls++;
        deps.onAttempt?.();
      },
      deps.onRetry,
    ).catch((error: unknown) => {
      throw carriesToken && isRefusedToken(error) ? rejectedToken(error as AppError) : error;
    });
    return { page, received };
  };
  await writePages(adapter, deps, fetchPage, writes, { mode, from, generation, waitMs, timing });
}

interface ListingPlan {
  mode: ListingMode;
  from: ListingPosition | null;
  generation: number;
  waitMs: number;
  timing: ReadAheadTiming;
}

/** How long the last body took to arrive, measured only while the main thread was free to see it. */
interface ReadAheadTiming {
  answerMs: number | null;
}

type PageFetch<T> = (
  pageToken: string | null,
  measured: boolean,
) => { page: Promise<ListPage<T>>; received: Promise<void> };

async function writePages<T>(
  adapter: ListingAdapter<T>,
  deps: ListingDeps,
  fetchPage: PageFetch<T>,
  writes: ListingWrites,
  { mode, from, generation, waitMs, timing }: ListingPlan,
): Promise<void> {
  let fetched = 0;
  let next = fetchPage(from?.pageToken ?? null, true);
  for (;;) {
    const page = await next.page;
    if (deps.signal.aborted) throw cancelled();
    deps.tally.pages++;
    deps.tally.bytesReceived += page.bytes;
    const last = page.nextPageToken === null;
    // Ask for the next page before writing this one: Google prepares it while we write.
    if (!last) {
      const readAhead = timing.answerMs !== null && timing.answerMs <= waitMs;
      next = fetchPage(page.nextPageToken, readAhead);
      next.page.catch(() => undefined); // handled when awaited; never an unhandled rejection meanwhile
      if (readAhead) await firstOf(next.received, waitMs);
    }
    const ctx: PageContext = { mode, runId: deps.runId, generation, now: deps.now().toISOString() };
    const count = itemCount(page.items); // before the items move to the writer's thread
    let outcome: PageOutcome;
    try {
      outcome = await writes.commit({
        accountId: deps.accountId,
        resource: adapter.resource,
        items: page.items,
        ctx,
        hint: adapter.pageHint?.() ?? {},
        // A listing resumed in a later run saw Google at two moments: a contact created, moved
        // or re-keyed in between may be missing or listed twice, and no sync token says so. Its
        // token is not kept, so the next run lists everything once more and settles that.
        last: last
          ? {
              syncToken: from === null ? page.nextSyncToken : null,
              fingerprint: adapter.fingerprint,
            }
          : null,
        position:
          !last && mode === 'full' && page.nextPageToken !== null
            ? { pageToken: page.nextPageToken, generation, fingerprint: adapter.fingerprint }
            : null,
        lease: deps.lease?.() ?? null,
      });
    } catch (error) {
      if (!last) await next.page.catch(() => undefined); // let the prefetch settle before failing
      throw error;
    }
    adapter.committed?.(outcome);
    deps.afterCommit?.();
    fetched += count;
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
