import {
  emptyCounts,
  type Account,
  type RunCounts,
  type SyncKind,
  type SyncProgress,
  type SyncResource,
  type SyncRun,
} from '../../../shared/domain.js';
import { AccountsRepo } from '../db/accounts-repo.js';
import { inlineCheckpoints } from '../db/wal-checkpoints.js';
import { RunsRepo } from '../db/runs-repo.js';
import { SyncStateRepo, type ListingResource } from '../db/sync-state.js';
import { AppError, toAppError } from '../errors.js';
import type { CalendarSource } from '../google/calendar-source.js';
import { createLogger } from '../logger.js';
import { syncCalendars } from './calendar-adapters.js';
import {
  DEFAULT_MASS_DELETION_GUARD,
  syncContacts,
  type MassDeletionGuard,
} from './contacts-adapters.js';
import type { ListingDeps, ResourceRun, RunTally } from './listing.js';
import { DEFAULT_RETRY_POLICY, untilAborted } from './retry.js';
import { RunLeases } from './run-lease.js';
import type {
  OrchestratorDeps,
  SkipDecision,
  SyncRequest,
  SyncRequestResult,
} from './orchestrator-types.js';
import { RunProgress } from './run-progress.js';
import { InlineSyncWrites, type SyncWrites } from './sync-writes.js';

const log = createLogger('sync');

export type {
  OrchestratorDeps,
  RunPolicy,
  SkipDecision,
  SyncRequest,
  SyncRequestResult,
} from './orchestrator-types.js';

interface ActiveRun {
  runId: number;
  resource: SyncResource;
  controller: AbortController;
  done: Promise<SyncRun>;
}

/** The listing whose sync token says whether a run of the resource starts incremental. */
const LEAD_LISTING: Record<SyncResource, ListingResource> = {
  contacts: 'contacts',
  calendar: 'calendar_list',
};

type Listener<T> = (value: T) => void;

/**
 * The one entry point for syncing. A per-account mutex makes it single-flight: a second request
 * while a run is active gets the running run's id as a value, never a second run.
 */
export class SyncOrchestrator {
  private readonly accounts: AccountsRepo;
  private readonly runs: RunsRepo;
  private readonly syncState: SyncStateRepo;
  private readonly leases: RunLeases;
  private readonly writes: SyncWrites;
  private readonly active = new Map<number, ActiveRun>();
  private readonly progressListeners = new Set<Listener<SyncProgress>>();
  private readonly finishedListeners = new Set<Listener<SyncRun>>();

  constructor(private readonly deps: OrchestratorDeps) {
    this.accounts = new AccountsRepo(deps.db);
    this.runs = new RunsRepo(deps.db);
    this.syncState = new SyncStateRepo(deps.db);
    this.leases = new RunLeases(deps.db, this.runs, () => deps.clock.now(), deps.leaseTtlMs);
    this.writes = deps.writes ?? new InlineSyncWrites(deps.db);
  }

  onProgress(listener: Listener<SyncProgress>): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  onRunFinished(listener: Listener<SyncRun>): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  /**
   * Closes runs a killed process left `running` (their lease is dead or missing); another
   * process's live run is left alone. Call once at start-up, before any sync.
   */
  recoverInterruptedRuns(): number {
    return this.leases.recover();
  }

  /** Whether the account syncs now, in this process or another one on the same database. */
  isRunning(accountId: number): boolean {
    return this.runningRunId(accountId) !== null;
  }

  runningRunId(accountId: number): number | null {
    return this.active.get(accountId)?.runId ?? this.leases.runElsewhere(accountId);
  }

  /** What the account's run in progress in this process syncs, if one is. */
  runningResource(accountId: number): SyncResource | null {
    return this.active.get(accountId)?.resource ?? null;
  }

  /**
   * Synchronous up to the start of the run, so two callers in the same tick still get one run.
   * The mutex is per account, whatever the resource: a contacts run and a calendar run of one
   * account never overlap. Across processes, the account's lease (taken with the run's history
   * row in one transaction, before any API call) answers for the other process's run.
   */
  requestSync(accountId: number, request: SyncRequest): SyncRequestResult {
    const running = this.active.get(accountId);
    if (running) return { status: 'already_running', runId: running.runId };
    const account = this.accounts.get(accountId);
    const resource = request.resource ?? 'contacts';
    const state = this.syncState.get(accountId, LEAD_LISTING[resource]);
    const kind: SyncKind = state.syncToken && !request.forceFull ? 'incremental' : 'full';
    const lease = this.leases.acquire(accountId, () =>
      this.runs.start(accountId, resource, kind, request.trigger, this.now()),
    );
    if (!lease.acquired) return { status: 'already_running', runId: lease.runId };
    const runId = lease.runId;
    const controller = new AbortController();
    const stopKeepAlive = this.leases.keepAlive(accountId, (terms) =>
      this.writes.renewLease(terms),
    );
    const done = this.execute(account, runId, kind, request, controller.signal).finally(() => {
      // After the run is recorded: a run row still `running` always has a live lease.
      stopKeepAlive();
      this.leases.release(accountId);
      this.active.delete(accountId);
    });
    this.active.set(accountId, { runId, resource, controller, done });
    return { status: 'started', runId, done };
  }

  /** Stops a running sync at the next page boundary; what was committed stays. */
  cancel(accountId: number): boolean {
    const running = this.active.get(accountId);
    running?.controller.abort();
    return running !== undefined;
  }

  /** Resolves once the account has no run in progress (e.g. after `cancel`, before disconnecting). */
  async whenIdle(accountId: number): Promise<void> {
    await this.active.get(accountId)?.done;
  }

  /** Resolves once no account has a run in progress in this process. */
  async whenAllIdle(): Promise<void> {
    while (this.active.size > 0) {
      await Promise.allSettled([...this.active.values()].map((run) => run.done));
    }
  }

  /** Cancels every run and waits for them to record themselves (clean shutdown). */
  async shutdown(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) run.controller.abort();
    await Promise.allSettled(runs.map((run) => run.done));
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private async execute(
    account: Account,
    runId: number,
    plannedKind: SyncKind,
    request: SyncRequest,
    signal: AbortSignal,
  ): Promise<SyncRun> {
    const counts = emptyCounts();
    const tally: RunTally = { pages: 0, apiCalls: 0, bytesReceived: 0 };
    let kind = plannedKind;
    let error: AppError | null = null;
    /**
     * Recorded with a successful run that withheld deletions (see syncContacts) or skipped a
     * calendar that failed on its own (see syncCalendars).
     */
    let notice: AppError | null = null;
    let skip: SkipDecision | null = null;
    try {
      // A token refresh that stalls in a policy must not outlive Cancel or Ctrl-C.
      skip = await untilAborted(this.checkPolicies(account, request), signal);
      if (!skip) {
        const saveProgress = () =>
          this.runs.saveProgress(runId, {
            kind,
            counts,
            pages: tally.pages,
            apiCalls: tally.apiCalls,
            bytesReceived: tally.bytesReceived,
          });
        notice = await this.syncAccount(account, runId, request, signal, counts, tally, {
          onKind: (k) => (kind = k),
          afterPage: saveProgress,
        });
      }
    } catch (caught) {
      // A disk error during a run is about the database: name it (and tell a full disk apart).
      error = toAppError(caught, { file: this.deps.db.name });
    }
    const status = skip
      ? 'skipped'
      : error === null
        ? 'success'
        : error.code === 'CANCELLED'
          ? 'cancelled'
          : 'failed';
    if (error && status === 'failed') {
      log.warn('sync run failed', { runId, code: error.code, message: error.message });
    }
    const run = this.record(runId, {
      status,
      kind,
      counts,
      pages: tally.pages,
      apiCalls: tally.apiCalls,
      bytesReceived: tally.bytesReceived,
      error: error
        ? { code: error.code, message: error.message }
        : notice && { code: notice.code, message: notice.message },
      skipReason: skip?.reason ?? null,
    });
    for (const policy of this.deps.policies ?? []) {
      try {
        policy.afterRun?.(run);
      } catch (caught) {
        log.error('a run policy failed after the run', {
          policy: policy.name,
          code: toAppError(caught).code,
        });
      }
    }
    for (const listener of this.finishedListeners) listener(run);
    return run;
  }

  private async checkPolicies(
    account: Account,
    request: SyncRequest,
  ): Promise<SkipDecision | null> {
    for (const policy of this.deps.policies ?? []) {
      const decision = await policy.beforeRun?.(account, request);
      if (decision) return decision;
    }
    return null;
  }

  private record(runId: number, outcome: Parameters<RunsRepo['finish']>[1]): SyncRun {
    try {
      return this.runs.finish(runId, outcome, this.deps.clock.now());
    } catch (caught) {
      // A full disk can stop us from writing the history row; the caller still learns what happened.
      log.error('could not record the run', { runId, code: toAppError(caught).code });
      return {
        ...this.runs.get(runId),
        ...outcome,
        runId,
        finishedAt: this.now(),
        durationMs: null,
      };
    }
  }

  private async syncAccount(
    account: Account,
    runId: number,
    request: SyncRequest,
    signal: AbortSignal,
    counts: RunCounts,
    tally: RunTally,
    hooks: { onKind: (kind: SyncKind) => void; afterPage: () => void },
  ): Promise<AppError | null> {
    const checkpoints = this.deps.checkpoints ?? inlineCheckpoints;
    const progress = new RunProgress(
      this.deps.progressIntervalMs ?? 100,
      (p) => {
        for (const listener of this.progressListeners) listener(p);
      },
      { runId, account, phase: request.resource === 'calendar' ? 'calendars' : 'labels' },
      () => tally.pages,
      () => this.deps.clock.now().getTime(),
    );
    const base: Omit<ListingDeps, 'onPage'> = {
      db: this.deps.db,
      syncState: this.syncState,
      accountId: account.id,
      runId,
      now: () => this.deps.clock.now(),
      retry: this.deps.retry ?? DEFAULT_RETRY_POLICY,
      signal,
      tally,
      writes: this.writes,
      lease: () => this.leases.terms(account.id),
      afterCommit: () => {
        checkpoints.committed();
        hooks.afterPage();
      },
      onRetry: progress.onRetry,
      onAttempt: progress.onAttempt,
    };

    const run: ResourceRun = {
      db: this.deps.db,
      accountId: account.id,
      listing: base,
      counts,
      forceFull: request.forceFull ?? false,
      onPage: progress.onPage,
      onKind: hooks.onKind,
    };
    checkpoints.begin();
    let notice: AppError | null = null;
    try {
      if (request.resource === 'calendar') {
        notice = await syncCalendars({ ...run, source: await this.calendarSource(account) });
      } else {
        notice = await syncContacts({
          ...run,
          source: await this.deps.sourceFor(account),
          guard: this.massDeletionGuard(),
          allowMassDeletion: request.allowMassDeletion ?? false,
        });
      }
    } finally {
      checkpoints.end();
    }
    progress.flush();
    return notice;
  }

  private massDeletionGuard(): MassDeletionGuard {
    const guard = this.deps.massDeletionGuard ?? DEFAULT_MASS_DELETION_GUARD;
    return typeof guard === 'function' ? guard() : guard;
  }

  private async calendarSource(account: Account): Promise<CalendarSource> {
    if (!this.deps.calendarSourceFor) {
      throw new AppError('NO_CREDENTIALS', 'Calendar sync is not set up in this app.');
    }
    return this.deps.calendarSourceFor(account);
  }
}
