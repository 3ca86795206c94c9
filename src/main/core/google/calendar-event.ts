import { instantOf } from '../schedule/local-time.js';
import type { CalendarEvent, EventDateTime } from './calendar-source.js';

/** The columns of a calendar_events row, taken from an event as Google sent it. */
export interface EventRecord {
  eventId: string;
  etag: string | null;
  status: string;
  summary: string | null;
  location: string | null;
  allDay: boolean;
  start: string | null;
  end: string | null;
  timeZone: string | null;
  startUtc: string | null;
  endUtc: string | null;
  /** JSON array of the RRULE/EXDATE/RDATE lines; null unless a series. */
  recurrence: string | null;
  recurringEventId: string | null;
  originalStart: string | null;
  updated: string | null;
  raw: string;
}

/** `YYYY-MM-DD` as midnight in `zone`: the instant an all-day event starts for its calendar. */
export function dateInstant(date: string, zone: string): number {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return instantOf({ year, month, day, hour: 0, minute: 0 }, zone);
}

/** A start or end as an instant; all-day dates are read in `zone`. */
export function instantOfDateTime(value: EventDateTime, zone: string): number | null {
  if (value.dateTime) {
    const t = Date.parse(value.dateTime);
    return Number.isNaN(t) ? null : t;
  }
  return value.date ? dateInstant(value.date, zone) : null;
}

/**
 * How an exception names the occurrence it replaces: the instant (ISO, UTC) of a timed series'
 * original start, or the date of an all-day series. Recurrence expansion produces the same keys.
 */
export function occurrenceKey(value: EventDateTime | null | undefined): string | null {
  if (!value) return null;
  if (value.dateTime) {
    const t = Date.parse(value.dateTime);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  return value.date ?? null;
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/**
 * Flattens an event for storage; `raw` keeps all of it. A cancelled exception carries only id,
 * recurringEventId and originalStartTime, so every other field may be missing.
 */
export function toEventRecord(event: CalendarEvent, calendarZone: string | null): EventRecord {
  const start = event.start ?? null;
  const end = event.end ?? null;
  const zone = start?.timeZone ?? calendarZone ?? 'UTC';
  return {
    eventId: event.id as string,
    etag: event.etag ?? null,
    status: event.status ?? 'confirmed',
    summary: event.summary ?? null,
    location: event.location ?? null,
    allDay: Boolean(start?.date && !start.dateTime),
    start: start?.dateTime ?? start?.date ?? null,
    end: end?.dateTime ?? end?.date ?? null,
    timeZone: start?.timeZone ?? null,
    startUtc: iso(start ? instantOfDateTime(start, zone) : null),
    endUtc: iso(end ? instantOfDateTime(end, end.timeZone ?? zone) : null),
    recurrence: event.recurrence?.length ? JSON.stringify(event.recurrence) : null,
    recurringEventId: event.recurringEventId ?? null,
    originalStart: occurrenceKey(event.originalStartTime),
    updated: event.updated ?? null,
    raw: JSON.stringify(event),
  };
}
