/**
 * Golden recurrence cases: a series, its Google `recurrence` lines and the occurrences Google
 * Calendar shows in a window, written out by hand from the rule's meaning (never produced by the
 * engine under test). Timed occurrences read as local time with the offset in force.
 */
import { expect } from 'vitest';
import { isoInZone } from '../../src/main/core/calendar/agenda.js';
import { dayNumber, parseRecurrence } from '../../src/main/core/calendar/recurrence.js';
import { expand, type SeriesStart } from '../../src/main/core/calendar/rrule.js';

export interface Golden {
  name: string;
  /** `2026-03-31T09:00` (timed, seconds optional) or `2026-03-31` (all-day). */
  start: string;
  zone?: string;
  /** Length of each instance: minutes for timed series, days for all-day ones. */
  length?: number;
  lines: string[];
  /** The window, as dates (UTC midnight) or ISO instants. */
  from: string;
  to: string;
  want: string[];
}

export function seriesOf(start: string, zone = 'Europe/Berlin', length?: number): SeriesStart {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(start);
  if (!m) throw new Error(`bad start ${start}`);
  const day = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
  const allDay = m[4] === undefined;
  const time = { hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0) };
  const durationMs = allDay ? (length ?? 1) * 86_400_000 : (length ?? 60) * 60_000;
  return { allDay, day, ...time, zone, durationMs };
}

const instant = (text: string) => Date.parse(text.includes('T') ? text : `${text}T00:00:00Z`);

/** The expansion of a golden case: occurrences shown as the person reads them, and the mark. */
export function run(c: Pick<Golden, 'start' | 'zone' | 'length' | 'lines' | 'from' | 'to'>) {
  const series = seriesOf(c.start, c.zone, c.length);
  const result = expand(series, parseRecurrence(c.lines), instant(c.from), instant(c.to));
  const shown = result.occurrences.map((o) =>
    series.allDay ? o.key : isoInZone(o.start, series.zone),
  );
  return { ...result, shown };
}

export function check(c: Golden): void {
  const result = run(c);
  expect(result.shown).toEqual(c.want);
  expect(result.patternNotShown).toBe(false);
}
