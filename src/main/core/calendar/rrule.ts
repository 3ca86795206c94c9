/**
 * A small RFC 5545 recurrence expander for what Google Calendar writes: RRULE with FREQ
 * DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, COUNT, UNTIL, BYDAY (with ordinals), BYMONTHDAY, BYMONTH,
 * WKST, plus RDATE and EXDATE lines. Occurrences are computed as local dates and wall times in the
 * event's own time zone and only then turned into instants, so a weekly 09:00 Europe/Berlin
 * meeting stays at 09:00 local across a DST change. BYSETPOS, BYHOUR and the like are not
 * supported (the rule is then expanded without them).
 */
import { instantOf } from '../schedule/local-time.js';
import {
  DAY_MS,
  dateOfDay,
  dayNumber,
  daysInMonth,
  isoDate,
  weekdayOf,
  type ByDay,
  type DateValue,
  type Recurrence,
  type Rule,
} from './recurrence.js';

/** A rule that never matches must not loop forever. */
const MAX_PERIODS = 100_000;

/** Where and when a series starts: its local start in its zone, and how long each instance is. */
export interface SeriesStart {
  allDay: boolean;
  /** Local date of DTSTART, days since 1970-01-01. */
  day: number;
  hour: number;
  minute: number;
  second: number;
  zone: string;
  durationMs: number;
}

export interface Occurrence {
  /** Same key as an exception's original start: ISO instant (timed) or YYYY-MM-DD (all-day). */
  key: string;
  start: number;
  end: number;
}

/** Days of a period (a month or a year) that match BYDAY, nth ones picked when an ordinal is given. */
function byDayIn(first: number, last: number, byDay: ByDay[]): number[] {
  const days: number[] = [];
  for (const { weekday, ordinal } of byDay) {
    const firstMatch = first + ((weekday - weekdayOf(first) + 7) % 7);
    const matches: number[] = [];
    for (let d = firstMatch; d <= last; d += 7) matches.push(d);
    if (ordinal === null) days.push(...matches);
    else {
      const pick = ordinal > 0 ? matches[ordinal - 1] : matches[matches.length + ordinal];
      if (pick !== undefined) days.push(pick);
    }
  }
  return days;
}

/** The candidate days of the k-th period of a rule, unsorted; DTSTART's own fields fill gaps. */
function periodDays(rule: Rule, start: number, k: number): number[] {
  const days = unfilteredPeriodDays(rule, start, k);
  // BYMONTH picks the months of a YEARLY rule; for the other frequencies it filters.
  if (rule.freq === 'YEARLY' || rule.byMonth.length === 0) return days;
  return days.filter((d) => rule.byMonth.includes(dateOfDay(d).month));
}

function unfilteredPeriodDays(rule: Rule, start: number, k: number): number[] {
  const s = dateOfDay(start);
  const weekdays = rule.weekdays;
  const inMonth = (year: number, month: number): number[] => {
    const dim = daysInMonth(year, month);
    const first = dayNumber(year, month, 1);
    if (rule.byMonthDay.length) {
      return rule.byMonthDay
        .map((d) => (d > 0 ? d : dim + d + 1))
        .filter((d) => d >= 1 && d <= dim)
        .map((d) => first + d - 1)
        .filter((d) => weekdays.size === 0 || weekdays.has(weekdayOf(d)));
    }
    if (rule.byDay.length) return byDayIn(first, first + dim - 1, rule.byDay);
    return s.day <= dim ? [first + s.day - 1] : []; // e.g. the 31st skips shorter months
  };
  switch (rule.freq) {
    case 'DAILY': {
      const day = start + k * rule.interval;
      return weekdays.size === 0 || weekdays.has(weekdayOf(day)) ? [day] : [];
    }
    case 'WEEKLY': {
      const weekStart = start - ((weekdayOf(start) - rule.wkst + 7) % 7) + k * 7 * rule.interval;
      const days = weekdays.size ? [...weekdays] : [weekdayOf(start)];
      return days.map((w) => weekStart + ((w - rule.wkst + 7) % 7));
    }
    case 'MONTHLY': {
      const index = s.month - 1 + k * rule.interval;
      return inMonth(s.year + Math.floor(index / 12), (index % 12) + 1);
    }
    case 'YEARLY': {
      const year = s.year + k * rule.interval;
      if (!rule.byMonth.length && rule.byDay.length && !rule.byMonthDay.length) {
        return byDayIn(dayNumber(year, 1, 1), dayNumber(year, 12, 31), rule.byDay);
      }
      return (rule.byMonth.length ? rule.byMonth : [s.month]).flatMap((m) => inMonth(year, m));
    }
  }
}

/** Expands one series; returns the occurrences overlapping [from, to), EXDATEs removed. */
export function expand(series: SeriesStart, recurrence: Recurrence, from: number, to: number) {
  const at = (day: number): number => {
    if (series.allDay) return instantAt(day, null, series.zone);
    return instantAt(day, series, series.zone);
  };
  const occurrence = (day: number): Occurrence => {
    const start = at(day);
    const end = series.allDay
      ? at(day + Math.round(series.durationMs / DAY_MS))
      : start + series.durationMs;
    return { key: series.allDay ? isoDate(day) : new Date(start).toISOString(), start, end };
  };
  // Cheap date bounds first; instants only for days near the range.
  const lowDay = Math.floor(from / DAY_MS) - Math.ceil(series.durationMs / DAY_MS) - 2;
  const highDay = Math.floor(to / DAY_MS) + 2;
  const days = new Set<number>([series.day]);
  for (const rule of recurrence.rules) {
    for (const day of ruleDays(rule, series, lowDay, highDay, at)) days.add(day);
  }
  for (const r of recurrence.rdates) days.add(r.day);
  const excluded = exclusions(recurrence.exdates, series);
  const result: Occurrence[] = [];
  for (const day of [...days].sort((a, b) => a - b)) {
    if (day < lowDay || day > highDay) continue;
    const o = occurrence(day);
    if (excluded.has(o.key) || excluded.has(isoDate(day))) continue;
    if (o.start < to && (o.end > from || (o.end === o.start && o.start >= from))) result.push(o);
  }
  return result;
}

function instantAt(
  day: number,
  time: { hour: number; minute: number; second: number } | null,
  zone: string,
): number {
  const { year, month, day: d } = dateOfDay(day);
  const wall = { year, month, day: d, hour: time?.hour ?? 0, minute: time?.minute ?? 0 };
  return instantOf(wall, zone) + (time?.second ?? 0) * 1000;
}

/** The days of one rule from DTSTART on, up to `highDay`, honouring COUNT and UNTIL. */
function ruleDays(
  rule: Rule,
  series: SeriesStart,
  lowDay: number,
  highDay: number,
  at: (day: number) => number,
): number[] {
  const until = rule.until;
  const untilMs =
    until?.time != null ? instantAt(until.day, until.time, until.zone ?? series.zone) : null;
  const afterUntil = (day: number): boolean => {
    if (!until) return false;
    if (untilMs === null) return day > until.day;
    // Zones are less than a day apart: only days next to UNTIL need the instant.
    return day > until.day + 1 || (day >= until.day - 1 && at(day) > untilMs);
  };
  const days: number[] = [];
  let count = 1; // DTSTART is the first occurrence
  // Without COUNT nothing needs counting: start at the period just before the range.
  const first = rule.count === null ? periodBefore(rule, series.day, lowDay) : 0;
  for (let k = first; k < first + MAX_PERIODS; k++) {
    const candidates = periodDays(rule, series.day, k)
      .filter((d) => d > series.day)
      .sort((a, b) => a - b);
    for (const day of candidates) {
      if (afterUntil(day) || (rule.count !== null && count >= rule.count)) return days;
      if (day > highDay) return days;
      days.push(day);
      count++;
    }
    if (candidates.length === 0 && periodStart(rule, series.day, k) > highDay) return days;
  }
  return days;
}

/** A period index at or before the one holding `day` (0 at the latest). */
function periodBefore(rule: Rule, start: number, day: number): number {
  if (day <= start) return 0;
  const s = dateOfDay(start);
  const d = dateOfDay(day);
  const months = (d.year - s.year) * 12 + d.month - s.month;
  const periods = {
    DAILY: (day - start) / rule.interval,
    WEEKLY: (day - start) / (7 * rule.interval),
    MONTHLY: months / rule.interval,
    YEARLY: (d.year - s.year) / rule.interval,
  }[rule.freq];
  return Math.max(0, Math.floor(periods) - 1);
}

/** The first day of the k-th period, to stop when periods pass the range with no candidate. */
function periodStart(rule: Rule, start: number, k: number): number {
  const s = dateOfDay(start);
  switch (rule.freq) {
    case 'DAILY':
      return start + k * rule.interval;
    case 'WEEKLY':
      return start - 6 + k * 7 * rule.interval;
    case 'MONTHLY': {
      const index = s.month - 1 + k * rule.interval;
      return dayNumber(s.year + Math.floor(index / 12), (index % 12) + 1, 1);
    }
    case 'YEARLY':
      return dayNumber(s.year + k * rule.interval, 1, 1);
  }
}

/** EXDATE keys: instants of timed values, dates of date values (either excludes that day). */
function exclusions(exdates: DateValue[], series: SeriesStart): Set<string> {
  const keys = new Set<string>();
  for (const ex of exdates) {
    if (ex.time === null || series.allDay) keys.add(isoDate(ex.day));
    else keys.add(new Date(instantAt(ex.day, ex.time, ex.zone ?? series.zone)).toISOString());
  }
  return keys;
}
