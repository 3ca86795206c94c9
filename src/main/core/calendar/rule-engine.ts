/**
 * One RRULE expanded by `rrule-temporal` (a maintained RFC 5545 engine: every rule part, IANA
 * zones with DST; docs/ARCHITECTURE.md "Recurrence engine" says why this one), bounded to a window
 * and a count. Engines are kept per rule and start, since the agenda asks again on every search.
 */
import { RRuleTemporal } from 'rrule-temporal';
import { googleRule } from './google-rules.js';
import { at, instantAt, onDay, type Occurrence, type SeriesStart } from './occurrence.js';
import { DAY_MS, dateOfDay, parseDateValue } from './recurrence.js';

/** More occurrences than this in one window is a flood, not an agenda: the series is marked. */
export const MAX_OCCURRENCES = 1000;
/** Sub-daily rules over more periods than this are not expanded at all (a month of MINUTELY). */
const MAX_SUB_DAILY_PERIODS = 20_000;
/** The engine's own bound on periods it advances through (a rule that never matches). */
const MAX_ITERATIONS = 50_000;
/** Engines kept for the next agenda query; the map starts over when it is full. */
const MAX_ENGINES = 20_000;
const SUB_DAILY_MS: Record<string, number> = {
  HOURLY: 3_600_000,
  MINUTELY: 60_000,
  SECONDLY: 1000,
};

const two = (n: number) => String(n).padStart(2, '0');

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

/**
 * An engine date as an occurrence. Only `epochMilliseconds` is read: in `wall` mode the zone is
 * UTC, so the wall time is the UTC one, and the polyfill's field getters cost more than the rest.
 */
function placed(ms: number, series: SeriesStart, mode: Mode): Occurrence {
  if (mode !== 'wall') return at(ms, series.durationMs);
  const day = Math.floor(ms / DAY_MS);
  if (series.allDay) return onDay(series, day);
  const d = new Date(ms);
  const time = { hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
  return at(instantAt(day, time, series.zone), series.durationMs);
}

const engines = new Map<string, RRuleTemporal | null>();

/**
 * A MONTHLY or YEARLY rule without a day part written with the day RFC 5545 3.3.10 takes from
 * DTSTART (BYMONTHDAY, and BYMONTH for YEARLY): the same occurrences, but rrule-temporal 2.2
 * takes ~10 ms over `between` for a bare `FREQ=MONTHLY;COUNT=20`, ~0.6 ms with the day written.
 */
function withImpliedDay(rule: string, series: SeriesStart): string {
  const freq = /(?:^|;)FREQ=(MONTHLY|YEARLY)(?:;|$)/i.exec(rule)?.[1]?.toUpperCase();
  if (!freq || /(?:^|;)BY(?:DAY|MONTHDAY|YEARDAY|WEEKNO|SETPOS)=/i.test(rule)) return rule;
  const { month, day } = dateOfDay(series.day);
  const byMonth = freq === 'YEARLY' && !/(?:^|;)BYMONTH=/i.test(rule) ? `;BYMONTH=${month}` : '';
  return `${rule};BYMONTHDAY=${day}${byMonth}`;
}

/** The engine for a rule from a start, or null when it cannot read the rule (remembered too). */
function engineFor(rule: string, series: SeriesStart, mode: Mode): RRuleTemporal | null {
  const start = dtstart(series, mode);
  // The rule text the engine gets also depends on the zone and all-day (UNTIL is rewritten).
  const key = `${mode}|${series.zone}|${series.allDay}|${start.toString()}|${rule}`;
  let engine = engines.get(key);
  if (engine === undefined) {
    try {
      engine = new RRuleTemporal({
        rruleString: withImpliedDay(
          googleRule(rule, { ...series, wallClock: mode === 'wall' }),
          series,
        ),
        dtstart: start,
        maxIterations: MAX_ITERATIONS,
        cache: false,
      });
    } catch {
      engine = null; // unreadable or unsupported: the caller marks the series
    }
    if (engines.size >= MAX_ENGINES) engines.clear();
    engines.set(key, engine);
  }
  return engine;
}

/** Whole periods (in days) a bare rule may need per occurrence: months and years can skip. */
const PERIOD_DAYS: Record<string, number> = { DAILY: 1, WEEKLY: 7, MONTHLY: 62, YEARLY: 8 * 366 };

/**
 * The last local day a rule can reach, when it is known without expanding: UNTIL's date, or for a
 * bare COUNT rule (FREQ, INTERVAL, COUNT, WKST, weekly BYDAY: at least one occurrence per period;
 * a month without the 31st or a year without 29 February allowed for) COUNT + 1 periods on.
 */
function lastDay(rule: string, series: SeriesStart, freq: string, interval: number) {
  const parts = new Map(
    rule
      .replace(/^RRULE:/i, '')
      .split(';')
      .map((p) => p.split('=') as [string, string?])
      .map(([k, v]) => [k.trim().toUpperCase(), v ?? ''] as const),
  );
  const until = parts.get('UNTIL');
  if (until !== undefined) return parseDateValue(until, null)?.day ?? null;
  const count = Number(parts.get('COUNT'));
  const period = PERIOD_DAYS[freq];
  const plain = [...parts.keys()].every(
    (k) =>
      ['FREQ', 'INTERVAL', 'COUNT', 'WKST'].includes(k) ||
      (k === 'BYDAY' &&
        freq === 'WEEKLY' &&
        /^(?:MO|TU|WE|TH|FR|SA|SU)(?:,(?:MO|TU|WE|TH|FR|SA|SU))*$/i.test(parts.get(k) ?? '')),
  );
  if (!plain || !period || !Number.isInteger(count) || count < 1) return null;
  return series.day + (count + 1) * interval * period;
}

/**
 * A later start with the same occurrences from the window on: a DAILY or WEEKLY rule without
 * COUNT repeats every INTERVAL days (weeks) in wall-clock time, so its start can move by whole
 * periods to just before the window, and the engine need not walk there from a start years ago
 * (the real DTSTART is added by `expand`). COUNT needs the walk: it counts from the start.
 */
function nearWindow(
  rule: string,
  series: SeriesStart,
  freq: string,
  interval: number,
  mode: Mode,
  from: number,
): SeriesStart {
  const step = { DAILY: interval, WEEKLY: 7 * interval }[freq];
  if (mode !== 'wall' || step === undefined || /(?:^|;|:)COUNT=/i.test(rule)) return series;
  const periods = Math.floor((Math.floor(from / DAY_MS) - 8 - series.day) / step);
  return periods > 0 ? { ...series, day: series.day + periods * step } : series;
}

/**
 * One RRULE's occurrences near [from, to): [] when the rule ended before the window, null when the
 * engine cannot (or should not) expand it.
 */
export function ruleOccurrences(
  rule: string,
  series: SeriesStart,
  from: number,
  to: number,
): Occurrence[] | null {
  const freq = /(?:^|;|:)FREQ=([A-Z]+)/i.exec(rule)?.[1]?.toUpperCase() ?? '';
  const interval = Number(/(?:^|;)INTERVAL=(\d+)/i.exec(rule)?.[1] ?? 1) || 1;
  const unit = SUB_DAILY_MS[freq];
  if (unit && (to - from) / (unit * interval) > MAX_SUB_DAILY_PERIODS) return null;
  const bare = !/(?:^|;|:)BY[A-Z]+=/i.test(rule);
  const mode: Mode = series.allDay || unit === undefined ? 'wall' : bare ? 'utc' : 'zone';
  // Wall-clock instants are up to a day away from real ones: widen, the caller trims.
  const margin = series.durationMs + (mode === 'wall' ? DAY_MS : 0);
  const last = lastDay(rule, series, freq, interval);
  // Zones are less than a day from UTC: a day either side keeps this check conservative.
  if (last !== null && (last + 2) * DAY_MS + series.durationMs < from) return [];
  const engine = engineFor(rule, nearWindow(rule, series, freq, interval, mode, from), mode);
  if (!engine) return null;
  try {
    const dates = engine.between(new Date(from - margin), new Date(to + DAY_MS), true);
    if (dates.length > MAX_OCCURRENCES) return null;
    return dates.map((z) => placed(z.epochMilliseconds, series, mode));
  } catch {
    // The engine throws on a rule it cannot bound (MAX_ITERATIONS): the caller marks the series.
    return null;
  }
}
