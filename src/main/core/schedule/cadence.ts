/**
 * When automatic runs happen: the pure rules shared by the scheduler (to plan timers) and the
 * schedule gate policy (to judge a `--trigger scheduled` run from cron exactly the same way).
 */
import type { AccountSchedule } from '../settings/schema.js';
import { instantOf, localDayPlus } from './local-time.js';

const HOUR_MS = 3_600_000;
/** Clocks and timers are never exact; a run this early still counts as on time. */
export const ON_TIME_TOLERANCE_MS = 60_000;

export type Cadence = Pick<AccountSchedule, 'at' | 'everyHours' | 'timeZone'>;

export const basePeriodMs = (cadence: Cadence): number => cadence.everyHours * HOUR_MS;

/** The local times of day at which runs start, e.g. 02:30 every 6 h → 02:30 08:30 14:30 20:30. */
function slotsOfDay(cadence: Cadence): { hour: number; minute: number }[] {
  const [h = 0, m = 0] = cadence.at.split(':').map(Number);
  const slots = [];
  for (let hour = h % cadence.everyHours; hour < 24; hour += cadence.everyHours) {
    slots.push({ hour, minute: m });
  }
  return slots;
}

/** The first slot at or after `t`. */
export function slotAtOrAfter(cadence: Cadence, t: number): number {
  let best = Infinity;
  // Yesterday too: a slot of the previous local day can land after `t` around a DST change.
  for (let days = -1; days <= 2; days++) {
    const date = localDayPlus(t, days, cadence.timeZone);
    for (const slot of slotsOfDay(cadence)) {
      const instant = instantOf({ ...date, ...slot }, cadence.timeZone);
      if (instant >= t && instant < best) best = instant;
    }
    if (best !== Infinity && days >= 0) break;
  }
  return best;
}

export const slotAfter = (cadence: Cadence, t: number): number => slotAtOrAfter(cadence, t + 1);

/**
 * The earliest moment a run may start after the last success, with the current (adaptive)
 * interval. One base period is taken off and a small gap put back, so the run lands on the slot of
 * the period in which the interval ends: with a daily 02:00 schedule and a 48 h interval, a
 * success at 02:05 on Monday makes Wednesday 02:00 due, not Thursday. The gap (half a period, at
 * most 2 h) keeps a slot from running right after a manual sync.
 */
export function earliestRun(cadence: Cadence, lastSuccess: number, intervalMs: number): number {
  const base = basePeriodMs(cadence);
  const gap = Math.min(base / 2, 2 * HOUR_MS);
  return lastSuccess + Math.max(intervalMs, base) - base + gap;
}

/** When the next run that will really sync is due: the slot at or after the earliest moment. */
export function dueAt(
  cadence: Cadence,
  lastSuccess: number | null,
  intervalMs: number,
  now: number,
): number {
  if (lastSuccess === null) return now;
  return slotAtOrAfter(cadence, Math.max(now, earliestRun(cadence, lastSuccess, intervalMs)));
}

/** DESIGN §6 catch-up: the last success is older than the interval (or there never was one). */
export function isOverdue(lastSuccess: number | null, intervalMs: number, now: number): boolean {
  return lastSuccess === null || now - lastSuccess >= intervalMs - ON_TIME_TOLERANCE_MS;
}

export type AutomaticSkip = 'not_due' | 'adaptive_interval';

/**
 * Whether an automatic run at `now` should go ahead. `not_due`: the schedule itself has no run
 * now (cron calling more often than the schedule). `adaptive_interval`: the base schedule would
 * run, but the interval was stretched because nothing changed lately.
 */
export function automaticSkip(
  cadence: Cadence,
  trigger: 'scheduled' | 'startup_catch_up',
  lastSuccess: number | null,
  intervalMs: number,
  now: number,
): AutomaticSkip | null {
  if (lastSuccess === null) return null;
  const base = basePeriodMs(cadence);
  const early = (due: number) => now < due - ON_TIME_TOLERANCE_MS;
  if (trigger === 'startup_catch_up') {
    if (isOverdue(lastSuccess, intervalMs, now)) return null;
    return isOverdue(lastSuccess, base, now) ? 'adaptive_interval' : 'not_due';
  }
  const slot = (ms: number) => slotAtOrAfter(cadence, earliestRun(cadence, lastSuccess, ms));
  if (!early(slot(intervalMs))) return null;
  return early(slot(base)) ? 'not_due' : 'adaptive_interval';
}
