/**
 * Expands one recurring series over a window with `rrule-temporal` (a maintained RFC 5545 engine:
 * every rule part, IANA zones with DST; see docs/ARCHITECTURE.md "Recurrence engine" for why this
 * one). The engine expands the RRULE; DTSTART, RDATE and EXDATE are placed here, each value in its
 * own zone, because Google's reading of them differs from the RFC's (see `expand`).
 */
import { RRuleTemporal } from 'rrule-temporal';
import { instantOf, wallTime } from '../schedule/local-time.js';
import { googleRule } from './google-rules.js';
import {
  DAY_MS,
  dateOfDay,
  dayNumber,
  isoDate,
  type DateValue,
  type RDateValue,
  type Recurrence,
  type WallClock,
} from './recurrence.js';

/** More occurrences than this in one window is a flood, not an agenda: the series is marked. */
export const MAX_OCCURRENCES = 1000;
/** Sub-daily rules over more periods than this are not expanded at all (a month of MINUTELY). */
const MAX_SUB_DAILY_PERIODS = 20_000;
/** The engine's own bound on periods it advances through (a rule that never matches). */
const MAX_ITERATIONS = 50_000;
const SUB_DAILY_MS: Record<string, number> = {
  HOURLY: 3_600_000,
  MINUTELY: 60_000,
  SECONDLY: 1000,
};

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

export interface Expansion {
  occurrences: Occurrence[];
  /**
   * The rule could not be expanded (unparsable, unsupported, or a flood): only the series' first
   * occurrence is given, and the agenda marks it "repeats — pattern not shown".
   */
  patternNotShown: boolean;
}

const two = (n: number) => String(n).padStart(2, '0');

function instantAt(day: number, time: WallClock | null, zone: string): number {
  const { year, month, day: d } = dateOfDay(day);
  const wall = { year, month, day: d, hour: time?.hour ?? 0, minute: time?.minute ?? 0 };
  return instantOf(wall, zone) + (time?.second ?? 0) * 1000;
}

function onDay(series: SeriesStart, day: number): Occurrence {
  if (series.allDay) {
    const start = instantAt(day, null, series.zone);
    const end = instantAt(day + Math.round(series.durationMs / DAY_MS), null, series.zone);
    return { key: isoDate(day), start, end };
  }
  return at(instantAt(day, series, series.zone), series.durationMs);
}

const at = (start: number, durationMs: number): Occurrence => ({
  key: new Date(start).toISOString(),
  start,
  end: start + durationMs,
});

function rdateOccurrence(r: RDateValue, series: SeriesStart): Occurrence {
  if (series.allDay || r.time === null) return onDay(series, r.day);
  const start = instantAt(r.day, r.time, r.zone ?? series.zone);
  if (r.end)
    return { ...at(start, 0), end: instantAt(r.end.day, r.end.time, r.end.zone ?? series.zone) };
  return at(start, r.durationMs ?? series.durationMs);
}

/**
 * How the engine counts a rule:
 * - `wall`: DAILY and longer rules, in wall-clock time (the zone's local times written as UTC,
 *   which has no DST); each wall time is placed in the zone afterwards, so a time the clocks skip
 *   moves forward by the gap (02:30 becomes 03:30) as Google Calendar shows it, where the engine
 *   would follow RFC 5545 3.3.10 and drop it (github.com/ical-org/ical.net/issues/681,
 *   github.com/mangstadt/biweekly/issues/38).
 * - `utc`: a bare HOURLY/MINUTELY/SECONDLY rule is every N hours of real time, counted in UTC:
 *   in the zone, rrule-temporal 2.2 visits the hour the clocks repeat only once.
 * - `zone`: sub-daily rules with BYxxx parts, whose hours and days are the zone's own.
 */
type Mode = 'wall' | 'utc' | 'zone';

function dtstart(series: SeriesStart, mode: Mode) {
  const { year, month, day } = dateOfDay(series.day);
  const date = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
  const time = series.allDay
    ? '00:00:00'
    : `${two(series.hour)}:${two(series.minute)}:${two(series.second)}`;
  const zone = mode === 'zone' ? series.zone : 'UTC';
  const local =
    mode === 'utc'
      ? new Date(instantAt(series.day, series, series.zone)).toISOString().slice(0, 19)
      : `${date}T${time}`;
  // rrule-temporal takes any Temporal-shaped input and re-reads it from its string form.
  return { timeZoneId: zone, toString: () => `${local}[${zone}]` };
}

interface EngineDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  epochMilliseconds: number;
}

function placed(z: EngineDate, series: SeriesStart, mode: Mode): Occurrence {
  const day = dayNumber(z.year, z.month, z.day);
  if (series.allDay) return onDay(series, day);
  if (mode !== 'wall') return at(z.epochMilliseconds, series.durationMs);
  return at(instantAt(day, z, series.zone), series.durationMs);
}

/** One RRULE's occurrences near [from, to), or null when the engine cannot (or should not) expand it. */
function ruleOccurrences(rule: string, series: SeriesStart, from: number, to: number) {
  const freq = /(?:^|;|:)FREQ=([A-Z]+)/i.exec(rule)?.[1]?.toUpperCase() ?? '';
  const interval = Number(/(?:^|;)INTERVAL=(\d+)/i.exec(rule)?.[1] ?? 1) || 1;
  const unit = SUB_DAILY_MS[freq];
  if (unit && (to - from) / (unit * interval) > MAX_SUB_DAILY_PERIODS) return null;
  const bare = !/(?:^|;|:)BY[A-Z]+=/i.test(rule);
  const mode: Mode = series.allDay || unit === undefined ? 'wall' : bare ? 'utc' : 'zone';
  // Wall-clock instants are up to a day away from real ones: widen, the caller trims.
  const margin = series.durationMs + (mode === 'wall' ? DAY_MS : 0);
  try {
    const engine = new RRuleTemporal({
      rruleString: googleRule(rule, { ...series, wallClock: mode === 'wall' }),
      dtstart: dtstart(series, mode),
      maxIterations: MAX_ITERATIONS,
      cache: false,
    });
    const dates = engine.between(new Date(from - margin), new Date(to + DAY_MS), true);
    if (dates.length > MAX_OCCURRENCES) return null;
    return dates.map((z) => placed(z, series, mode));
  } catch {
    // The engine throws on what it cannot read or bound; the caller marks the series instead.
    return null;
  }
}

/** EXDATE keys: instants of timed values, dates of date values (either excludes that day). */
function exclusions(exdates: DateValue[], series: SeriesStart) {
  const instants = new Set<string>();
  const dates = new Set<string>();
  for (const ex of exdates) {
    if (ex.time === null || series.allDay) dates.add(isoDate(ex.day));
    else instants.add(new Date(instantAt(ex.day, ex.time, ex.zone ?? series.zone)).toISOString());
  }
  const localDate = (o: Occurrence) => {
    if (series.allDay) return o.key;
    const w = wallTime(o.start, series.zone);
    return isoDate(dayNumber(w.year, w.month, w.day));
  };
  return (o: Occurrence) => instants.has(o.key) || (dates.size > 0 && dates.has(localDate(o)));
}

const overlaps = (o: Occurrence, from: number, to: number) =>
  o.start < to && (o.end > from || (o.end === o.start && o.start >= from));

/**
 * The occurrences of one series overlapping [from, to), by start.
 *
 * DTSTART is always an occurrence, and when it does not match the rule it comes in addition to
 * COUNT's occurrences: Google Calendar shows `BYDAY=TU,TH,SA;COUNT=5` starting on a Monday as six
 * events (github.com/googleapis/google-api-nodejs-client/issues/2214, also
 * github.com/fmeringdal/rust-rrule/issues/119), where RFC 5545 counts DTSTART as the first.
 * So the engine expands the rule without DTSTART and we add it.
 */
export function expand(
  series: SeriesStart,
  recurrence: Recurrence,
  from: number,
  to: number,
): Expansion {
  const first = onDay(series, series.day);
  const unexpanded = (): Expansion => ({
    occurrences: overlaps(first, from, to) ? [first] : [],
    patternNotShown: true,
  });
  const found = new Map<string, Occurrence>([[first.key, first]]);
  for (const rule of recurrence.rules) {
    const occurrences = ruleOccurrences(rule, series, from, to);
    if (occurrences === null) return unexpanded();
    for (const o of occurrences) if (o.start >= first.start) found.set(o.key, o);
  }
  for (const r of recurrence.rdates) {
    const o = rdateOccurrence(r, series);
    found.set(o.key, o);
  }
  const excluded = exclusions(recurrence.exdates, series);
  const occurrences = [...found.values()]
    .filter((o) => overlaps(o, from, to) && !excluded(o))
    .sort((a, b) => a.start - b.start);
  if (occurrences.length > MAX_OCCURRENCES) return unexpanded();
  return { occurrences, patternNotShown: false };
}
