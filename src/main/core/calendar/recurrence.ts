/**
 * Google's `recurrence` lines (RFC 5545 RRULE, RDATE, EXDATE) split into what the engine expands
 * (the RRULE text) and the explicit dates we place ourselves, each RDATE/EXDATE value with its own
 * zone, and the day arithmetic the agenda works in: local dates as whole days since 1970-01-01.
 */
export const DAY_MS = 86_400_000;

export interface WallClock {
  hour: number;
  minute: number;
  second: number;
}

export interface DateValue {
  /** Days since 1970-01-01 of the local date. */
  day: number;
  /** Null for a DATE value. */
  time: WallClock | null;
  /** The value's own zone (TZID), 'UTC' for a trailing Z, null for floating (the event's zone). */
  zone: string | null;
}

/** An RDATE: a date-time, a date, or a PERIOD with its own end or duration. */
export interface RDateValue extends DateValue {
  /** `VALUE=PERIOD` with an explicit end (`start/end`). */
  end: DateValue | null;
  /** `VALUE=PERIOD` with a duration (`start/PT2H`). */
  durationMs: number | null;
}

export interface Recurrence {
  /** RRULE values (`FREQ=…;…`), untouched: the engine parses them. */
  rules: string[];
  rdates: RDateValue[];
  exdates: DateValue[];
}

export const dayNumber = (year: number, month: number, day: number): number =>
  Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);

export function dateOfDay(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export const isoDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** `20240110`, `20240110T090000`, `20240110T080000Z`. */
export function parseDateValue(text: string, tzid: string | null): DateValue | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/i.exec(text.trim());
  if (!m) return null;
  const day = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
  if (m[4] === undefined) return { day, time: null, zone: null };
  const time = { hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]) };
  return { day, time, zone: m[7] ? 'UTC' : tzid };
}

/** RFC 5545 3.3.6 durations as PERIOD uses them: `PT1H30M`, `P1D`, `P2W`. */
function parseDuration(text: string): number | null {
  const m = /^\+?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(
    text.trim(),
  );
  if (!m || text.trim().length < 3) return null;
  const [w, d, h, min, s] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  return (((((w ?? 0) * 7 + (d ?? 0)) * 24 + (h ?? 0)) * 60 + (min ?? 0)) * 60 + (s ?? 0)) * 1000;
}

function parseRDate(text: string, tzid: string | null, period: boolean): RDateValue | null {
  if (!period) {
    const value = parseDateValue(text, tzid);
    return value && { ...value, end: null, durationMs: null };
  }
  const [startText = '', endText = ''] = text.split('/');
  const start = parseDateValue(startText, tzid);
  if (!start || start.time === null) return null;
  const end = parseDateValue(endText, tzid);
  const durationMs = end ? null : parseDuration(endText);
  if (!end && durationMs === null) return null;
  return { ...start, end, durationMs };
}

/**
 * Google's `recurrence` lines: `RRULE:…`, `EXDATE;TZID=Europe/Berlin:20240110T090000,…`,
 * `RDATE;VALUE=PERIOD:20240110T090000Z/PT2H`. Values that do not parse are left out; an RRULE is
 * kept as text and judged by the engine.
 */
export function parseRecurrence(lines: readonly string[]): Recurrence {
  const result: Recurrence = { rules: [], rdates: [], exdates: [] };
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const [name = '', ...params] = line.slice(0, colon).split(';');
    const param = (key: string) =>
      params.find((p) => p.toUpperCase().startsWith(`${key}=`))?.slice(key.length + 1) ?? null;
    const tzid = param('TZID')?.replace(/^"|"$/g, '') ?? null;
    const values = line.slice(colon + 1).split(',');
    switch (name.trim().toUpperCase()) {
      case 'RRULE':
        result.rules.push(line.slice(colon + 1).trim());
        break;
      case 'RDATE': {
        const period = param('VALUE')?.toUpperCase() === 'PERIOD';
        result.rdates.push(...values.flatMap((v) => parseRDate(v, tzid, period) ?? []));
        break;
      }
      case 'EXDATE':
        result.exdates.push(...values.flatMap((v) => parseDateValue(v, tzid) ?? []));
        break;
    }
  }
  return result;
}
