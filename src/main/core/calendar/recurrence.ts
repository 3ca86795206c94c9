/**
 * Google's `recurrence` lines (RFC 5545 RRULE, RDATE, EXDATE) parsed into rules and dates, and the
 * day arithmetic the expander works in: local dates as whole days since 1970-01-01.
 */
export const DAY_MS = 86_400_000;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface ByDay {
  weekday: number; // 0 = Monday
  ordinal: number | null;
}

export interface DateValue {
  /** Days since 1970-01-01 of the local date. */
  day: number;
  time: { hour: number; minute: number; second: number } | null;
  /** The value's own zone (TZID), 'UTC' for a trailing Z, null for floating (the event's zone). */
  zone: string | null;
}

export interface Rule {
  freq: Freq;
  interval: number;
  count: number | null;
  until: DateValue | null;
  byDay: ByDay[];
  /** The weekdays of byDay, for filtering. */
  weekdays: ReadonlySet<number>;
  byMonthDay: number[];
  byMonth: number[];
  wkst: number;
}

export const dayNumber = (year: number, month: number, day: number): number =>
  Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);

export function dateOfDay(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export const isoDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday

export const daysInMonth = (year: number, month: number): number =>
  dayNumber(year, month + 1, 1) - dayNumber(year, month, 1);

/** `20240110`, `20240110T090000`, `20240110T080000Z`. */
function parseDateValue(text: string, tzid: string | null): DateValue | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(text.trim());
  if (!m) return null;
  const day = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
  if (m[4] === undefined) return { day, time: null, zone: null };
  const time = { hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]) };
  return { day, time, zone: m[7] ? 'UTC' : tzid };
}

function parseRule(body: string): Rule | null {
  const parts = new Map(
    body.split(';').map((p) => {
      const [k = '', v = ''] = p.split('=');
      return [k.toUpperCase(), v] as const;
    }),
  );
  const freq = parts.get('FREQ') as Freq | undefined;
  if (!freq || !['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) return null;
  const numbers = (key: string) =>
    (parts.get(key) ?? '').split(',').filter(Boolean).map(Number).filter(Number.isInteger);
  const byDay = (parts.get('BYDAY') ?? '')
    .split(',')
    .map((d) => /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d.trim()))
    .flatMap((m) =>
      m ? [{ weekday: WEEKDAYS.indexOf(m[2] as string), ordinal: m[1] ? Number(m[1]) : null }] : [],
    );
  const count = Number(parts.get('COUNT'));
  return {
    freq,
    interval: Math.max(1, Number(parts.get('INTERVAL') ?? 1) || 1),
    count: Number.isInteger(count) && count > 0 ? count : null,
    until: parts.has('UNTIL') ? parseDateValue(parts.get('UNTIL') ?? '', null) : null,
    byDay,
    weekdays: new Set(byDay.map((b) => b.weekday)),
    byMonthDay: numbers('BYMONTHDAY'),
    byMonth: numbers('BYMONTH'),
    wkst: Math.max(0, WEEKDAYS.indexOf(parts.get('WKST') ?? 'MO')),
  };
}

export interface Recurrence {
  rules: Rule[];
  rdates: DateValue[];
  exdates: DateValue[];
}

/** Google's `recurrence` lines: `RRULE:…`, `EXDATE;TZID=Europe/Berlin:20240110T090000,…`, `RDATE…`. */
export function parseRecurrence(lines: readonly string[]): Recurrence {
  const result: Recurrence = { rules: [], rdates: [], exdates: [] };
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const [name = '', ...params] = line.slice(0, colon).split(';');
    const value = line.slice(colon + 1);
    const tzid = params.find((p) => p.toUpperCase().startsWith('TZID='))?.slice(5) ?? null;
    const dates = () => value.split(',').flatMap((v) => parseDateValue(v, tzid) ?? []);
    switch (name.toUpperCase()) {
      case 'RRULE': {
        const rule = parseRule(value);
        if (rule) result.rules.push(rule);
        break;
      }
      case 'RDATE':
        result.rdates.push(...dates());
        break;
      case 'EXDATE':
        result.exdates.push(...dates());
        break;
    }
  }
  return result;
}
