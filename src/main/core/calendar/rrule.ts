/**
 * Expands one recurring series over a window: the engine expands its RRULE (rule-engine.ts);
 * DTSTART, RDATE and EXDATE are placed here, each value in its own zone, because Google's reading
 * of them differs from the RFC's (see `expand`).
 */
import { wallTime } from '../schedule/local-time.js';
import { at, instantAt, onDay, type Occurrence, type SeriesStart } from './occurrence.js';
import {
  dayNumber,
  isoDate,
  type DateValue,
  type RDateValue,
  type Recurrence,
} from './recurrence.js';
import { MAX_OCCURRENCES, ruleOccurrences } from './rule-engine.js';

export { MAX_OCCURRENCES };
export type { Occurrence, SeriesStart };

export interface Expansion {
  occurrences: Occurrence[];
  /**
   * The rule could not be expanded (unparsable, unsupported, or a flood): only the series' first
   * occurrence is given, and the agenda marks it "repeats — pattern not shown".
   */
  patternNotShown: boolean;
}

function rdateOccurrence(r: RDateValue, series: SeriesStart): Occurrence {
  if (series.allDay || r.time === null) return onDay(series, r.day);
  const start = instantAt(r.day, r.time, r.zone ?? series.zone);
  if (r.end)
    return { ...at(start, 0), end: instantAt(r.end.day, r.end.time, r.end.zone ?? series.zone) };
  return at(start, r.durationMs ?? series.durationMs);
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
