import type { SyncResource, SyncTrigger } from '../../../shared/domain.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import type { PolicyState } from '../db/policy-state.js';
import { basePeriodMs } from '../schedule/cadence.js';
import type { AccountSchedule, Settings } from '../settings/schema.js';

/** Triggers nobody pressed a button for: the policies that protect Google and the person apply. */
export type AutomaticTrigger = Extract<SyncTrigger, 'scheduled' | 'startup_catch_up'>;
export const isAutomatic = (trigger: SyncTrigger): trigger is AutomaticTrigger =>
  trigger === 'scheduled' || trigger === 'startup_catch_up';

/** What SettingsService offers the policies (a port, so tests can hand in fixed settings). */
export interface SettingsReader {
  get(): Settings;
  /** The account's schedule for runs of `resource` (default contacts). */
  scheduleFor(email: string, resource?: SyncResource): AccountSchedule;
}

export interface PolicyDeps {
  db: Db;
  clock: Clock;
  settings: SettingsReader;
}

/** Skip reasons recorded on `skipped` runs (sync_runs.skip_reason). */
export const SKIP_REASONS = {
  circuitOpen: 'circuit_open',
  disabled: 'disabled',
  paused: 'paused',
  notDue: 'not_due',
  adaptiveInterval: 'adaptive_interval',
} as const;

/** Skips that mean "working as configured", so `sync --trigger scheduled` from cron exits 0. */
const EXPECTED_SKIPS: ReadonlySet<string> = new Set([
  SKIP_REASONS.disabled,
  SKIP_REASONS.paused,
  SKIP_REASONS.notDue,
  SKIP_REASONS.adaptiveInterval,
]);
export const isExpectedSkip = (reason: string | null): boolean =>
  reason !== null && EXPECTED_SKIPS.has(reason);

/** The interval the adaptive policy has reached, never below the schedule's own period. */
export function effectiveIntervalMs(
  state: Pick<PolicyState, 'intervalMinutes'>,
  schedule: AccountSchedule,
  policies: Settings['policies'],
): number {
  const base = basePeriodMs(schedule);
  const cap = Math.max(base, policies.adaptiveCapHours * 3_600_000);
  const stored = state.intervalMinutes === null ? base : state.intervalMinutes * 60_000;
  return Math.min(cap, Math.max(base, stored));
}

/** Pause: null when not paused, else when it ends (Infinity = until resumed). */
export function pauseEnd(schedule: AccountSchedule, now: number): number | null {
  if (schedule.pausedUntil === null) return null;
  if (schedule.pausedUntil === 'indefinitely') return Infinity;
  const until = Date.parse(schedule.pausedUntil);
  return until > now ? until : null;
}
