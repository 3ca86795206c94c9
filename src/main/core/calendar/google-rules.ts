/**
 * Where Google Calendar reads an RRULE differently from RFC 5545, we follow Google: the agenda must
 * show what the person sees in Google Calendar. Applied to the rule text before the engine sees it.
 */
import { instantOf, wallTime } from '../schedule/local-time.js';
import { dateOfDay, parseDateValue } from './recurrence.js';

/** What a rule rewrite needs to know of its series. */
export interface RuleContext {
  allDay: boolean;
  /** DTSTART's local date, days since 1970-01-01. */
  day: number;
  zone: string;
  /**
   * The engine counts in wall-clock time written as UTC (DAILY and longer, so that a time a DST
   * change skips can be placed the way Google does), rather than in the zone itself.
   */
  wallClock: boolean;
}

const two = (n: number) => String(n).padStart(2, '0');

const compact = (t: number): string =>
  new Date(t)
    .toISOString()
    .replace(/[-:]|\.\d{3}/g, '')
    .slice(0, 15) + 'Z';

/**
 * The rule text as Google means it:
 * - `FREQ=YEARLY;BYMONTHDAY=n` without BYMONTH repeats once a year, in DTSTART's month (RFC 5545
 *   would expand it to every month). Google Calendar writes exactly this for a yearly event (e.g.
 *   `FREQ=YEARLY;WKST=SU;INTERVAL=1;BYMONTHDAY=20`) and shows it once a year; see
 *   github.com/allenporter/gcal_sync/pull/179 and github.com/rlanvin/php-rrule/issues/158.
 * - A floating UNTIL on a timed series (RFC 5545 wants UTC there; Google's own clients write
 *   both) is read in the series' zone, and an all-day series' UNTIL is its date. Both are then
 *   written the way the engine counts (see `wallClock`).
 */
export function googleRule(rule: string, series: RuleContext): string {
  const parts = rule
    .replace(/^RRULE:/i, '')
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? [p.toUpperCase(), ''] : [p.slice(0, eq).toUpperCase(), p.slice(eq + 1)];
    }) as [string, string][];
  const has = (key: string) => parts.some(([k]) => k === key);
  const freq = parts.find(([k]) => k === 'FREQ')?.[1].toUpperCase();
  if (freq === 'YEARLY' && has('BYMONTHDAY') && !['BYMONTH', 'BYWEEKNO', 'BYYEARDAY'].some(has)) {
    parts.push(['BYMONTH', String(dateOfDay(series.day).month)]);
  }
  return parts
    .map(([key, value]) => `${key}=${key === 'UNTIL' ? until(value, series) : value}`)
    .join(';');
}

function until(value: string, series: RuleContext): string {
  const parsed = parseDateValue(value, null);
  if (!parsed) return value; // the engine reports it
  const { year, month, day } = dateOfDay(parsed.day);
  if (series.allDay || parsed.time === null) return `${year}${two(month)}${two(day)}`;
  const { hour, minute, second } = parsed.time;
  const instant =
    parsed.zone === 'UTC'
      ? Date.UTC(year, month - 1, day, hour, minute, second)
      : instantOf({ year, month, day, hour, minute }, series.zone) + second * 1000;
  if (!series.wallClock) return compact(instant);
  const w = wallTime(instant, series.zone);
  return compact(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}
