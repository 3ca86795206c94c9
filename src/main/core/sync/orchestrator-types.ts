/** What the orchestrator (orchestrator.ts) is given and answers: its deps, policies, requests. */
import type { Account, SyncResource, SyncRun, SyncTrigger } from '../../../shared/domain.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';
import type { CheckpointPolicy } from '../db/wal-checkpoints.js';
import type { CalendarSource } from '../google/calendar-source.js';
import type { PeopleSource } from '../google/people-source.js';
import type { MassDeletionGuard } from './contacts-adapters.js';
import type { RetryPolicy } from './retry.js';
import type { SyncWrites } from './sync-writes.js';

/** Why a run did not call Google at all (recorded as a `skipped` run with this reason). */
export interface SkipDecision {
  reason: string;
  message: string;
}

/**
 * A rule applied around every run, in the order given (DESIGN §6: token health → circuit breaker
 * → the run → record → adaptive schedule). `beforeRun` may skip the run; `afterRun` sees every
 * recorded run, skipped ones included.
 */
export interface RunPolicy {
  readonly name: string;
  beforeRun?(
    account: Account,
    request: SyncRequest,
  ): SkipDecision | null | Promise<SkipDecision | null>;
  afterRun?(run: SyncRun): void;
}

export interface OrchestratorDeps {
  db: Db;
  clock: Clock;
  /** Gives the People API for an account (its credentials are the factory's business). */
  sourceFor: (account: Account) => PeopleSource | Promise<PeopleSource>;
  /** Gives the Calendar API for an account; without it, calendar runs fail with NO_CREDENTIALS. */
  calendarSourceFor?: (account: Account) => CalendarSource | Promise<CalendarSource>;
  retry?: RetryPolicy;
  /** A function is asked at every contacts run, so a changed setting applies to the next. */
  massDeletionGuard?: MassDeletionGuard | (() => MassDeletionGuard);
  /** DESIGN §5: at most ~10 progress events a second. */
  progressIntervalMs?: number;
  policies?: readonly RunPolicy[];
  /**
   * Who writes the runs' pages (default: this thread, on `db`); the app's is the sync writer's
   * thread (sync-writer.ts), which checkpoints on its own.
   */
  writes?: SyncWrites;
  /** Who checkpoints the WAL while runs write (default: SQLite, inside COMMIT). */
  checkpoints?: CheckpointPolicy;
  /** How long the account's lease outlives a silent owner (default DEFAULT_LEASE_TTL_MS). */
  leaseTtlMs?: number;
}

export interface SyncRequest {
  trigger: SyncTrigger;
  /** What to sync (default contacts); one run covers one resource. */
  resource?: SyncResource;
  forceFull?: boolean;
  allowMassDeletion?: boolean;
}

export type SyncRequestResult =
  | { status: 'started'; runId: number; done: Promise<SyncRun> }
  | { status: 'already_running'; runId: number };
