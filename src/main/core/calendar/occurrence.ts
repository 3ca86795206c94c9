/**
 * Where the occurrences of a series fall: its start as local wall time in its zone, and the
 * instants of an occurrence on a given local day (all-day ones from midnight to midnight there).
 */
import { instantOf } from '../schedule/local-time.js';
import { DAY_MS, dateOfDay, isoDate, type WallClock } from './recurrence.js';

/** Where and when a series starts: its local start in its zone, and how long each instance is. */
export interface SeriesStart extends WallClock {
  allDay: boolean;
  /** Local date of DTSTART, days since 1970-01-01. */
  day: number;
  zone: string;
  durationMs: number;
}

export interface Occurrence {
  /** Same key as an exception's original start: ISO instant (timed) or YYYY-MM-DD (all-day). */
  key: string;
  start: number;
  end: number;
}

export function instantAt(day: number, time: WallClock | null, zone: string): number {
  const { year, month, day: d } = dateOfDay(day);
  const wall = { year, month, day: d, hour: time?.hour ?? 0, minute: time?.minute ?? 0 };
  return instantOf(wall, zone) + (time?.second ?? 0) * 1000;
}

export function onDay(series: SeriesStart, day: number): Occurrence {
  if (series.allDay) {
    const start = instantAt(day, null, series.zone);
    const end = instantAt(day + Math.round(series.durationMs / DAY_MS), null, series.zone);
    return { key: isoDate(day), start, end };
  }
  return at(instantAt(day, series, series.zone), series.durationMs);
}

export const at = (start: number, durationMs: number): Occurrence => ({
  key: new Date(start).toISOString(),
  start,
  end: start + durationMs,
});
