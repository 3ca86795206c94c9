import type { Account, SyncResource } from '../../../shared/domain.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { PolicyStateRepo } from '../db/policy-state.js';
import { RunsRepo } from '../db/runs-repo.js';
import { effectiveIntervalMs, pauseEnd, type SettingsReader } from '../policies/shared.js';
import type { AccountSchedule } from '../settings/schema.js';
import { basePeriodMs, dueAt, isOverdue, slotAtOrAfter } from './cadence.js';

/** One account's background sync, as `contacts-sync schedule` and the Settings screen show it. */
export interface ScheduleStatus {
  accountId: number;
  account: string;
  schedule: AccountSchedule;
  /** The schedule's own period and the adaptive interval reached, in minutes. */
  baseIntervalMinutes: number;
  intervalMinutes: number;
  consecutiveNoChangeRuns: number;
  circuit: { open: boolean; openUntil: string | null; consecutiveFailures: number };
  lastSuccessAt: string | null;
  overdue: boolean;
  /** When the next run that really syncs is expected; null when off or paused until resumed. */
  nextRunAt: string | null;
}

export interface ScheduleFacts {
  schedule: AccountSchedule;
  lastSuccess: number | null;
  intervalMs: number;
  circuitOpenUntil: number | null;
}

/** Reads what planning needs for one account's runs of one resource (DB and settings). */
export class ScheduleReader {
  private readonly runs: RunsRepo;
  private readonly state: PolicyStateRepo;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly settings: SettingsReader,
    private readonly resource: SyncResource = 'contacts',
  ) {
    this.runs = new RunsRepo(db);
    this.state = new PolicyStateRepo(db);
  }

  facts(account: Account): ScheduleFacts {
    const schedule = this.settings.scheduleFor(account.email, this.resource);
    const state = this.state.get(account.id, this.resource);
    const lastSuccess =
      this.runs.lastWithStatus('success', account.id, this.resource)?.finishedAt ?? null;
    const openUntil = state.circuitOpenUntil ? Date.parse(state.circuitOpenUntil) : null;
    return {
      schedule,
      lastSuccess: lastSuccess === null ? null : Date.parse(lastSuccess),
      intervalMs: effectiveIntervalMs(state, schedule, this.settings.get().policies),
      circuitOpenUntil:
        openUntil !== null && openUntil > this.clock.now().getTime() ? openUntil : null,
    };
  }

  /** The next run that will sync (not one the policies would skip). */
  nextRun(facts: ScheduleFacts, catchUpAt: number | null = null): number | null {
    const now = this.clock.now().getTime();
    if (!facts.schedule.enabled) return null;
    const paused = pauseEnd(facts.schedule, now);
    if (paused === Infinity) return null;
    const from = Math.max(now, paused ?? now, facts.circuitOpenUntil ?? now);
    const due =
      facts.lastSuccess === null
        ? slotAtOrAfter(facts.schedule, from)
        : dueAt(facts.schedule, facts.lastSuccess, facts.intervalMs, from);
    return catchUpAt !== null && catchUpAt >= from && catchUpAt < due ? catchUpAt : due;
  }

  status(account: Account, catchUpAt: number | null = null): ScheduleStatus {
    const facts = this.facts(account);
    const state = this.state.get(account.id, this.resource);
    const next = this.nextRun(facts, catchUpAt);
    return {
      accountId: account.id,
      account: account.email,
      schedule: facts.schedule,
      baseIntervalMinutes: basePeriodMs(facts.schedule) / 60_000,
      intervalMinutes: facts.intervalMs / 60_000,
      consecutiveNoChangeRuns: state.consecutiveNoChangeRuns,
      circuit: {
        open: facts.circuitOpenUntil !== null,
        openUntil: state.circuitOpenUntil,
        consecutiveFailures: state.consecutiveFailures,
      },
      lastSuccessAt: facts.lastSuccess === null ? null : new Date(facts.lastSuccess).toISOString(),
      overdue: isOverdue(facts.lastSuccess, facts.intervalMs, this.clock.now().getTime()),
      nextRunAt: next === null ? null : new Date(next).toISOString(),
    };
  }
}
