/**
 * Turns stored event rows into agenda items: single events as they are, recurring series expanded
 * in their own time zone, with their exceptions applied (a cancelled instance disappears, a
 * modified one replaces its occurrence and shows as the single event it is stored as).
 */
import type { AgendaItem } from '../../../shared/calendar.js';
import { wallTime } from '../schedule/local-time.js';
import { dayNumber, parseRecurrence } from './recurrence.js';
import { expand, type Occurrence, type SeriesStart } from './rrule.js';

const DAY_MS = 86_400_000;

/** What the agenda reads of a calendar_events row and its calendar. */
export interface AgendaRow {
  calendarRef: number;
  accountId: number;
  calendarId: string;
  calendarSummary: string | null;
  calendarZone: string | null;
  eventId: string;
  status: string;
  summary: string | null;
  location: string | null;
  allDay: number;
  start: string | null;
  end: string | null;
  timeZone: string | null;
  startUtc: string | null;
  endUtc: string | null;
  recurrence: string | null;
  recurringEventId: string | null;
}

const two = (n: number) => String(n).padStart(2, '0');

/** An instant as ISO 8601 with the zone's offset at that instant, e.g. 2026-03-31T09:00:00+02:00. */
export function isoInZone(instant: number, zone: string): string {
  const w = wallTime(instant, zone);
  const offset = Math.round(
    (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) -
      Math.floor(instant / 1000) * 1000) /
      60_000,
  );
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}:${two(w.second)}` +
    `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  );
}

const zoneOf = (row: AgendaRow): string => row.timeZone ?? row.calendarZone ?? 'UTC';

const dayOfDate = (date: string): number => {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return dayNumber(y, m, d);
};

function item(row: AgendaRow, start: number, end: number, ids: Partial<AgendaItem> = {}) {
  const zone = zoneOf(row);
  const allDay = row.allDay === 1;
  // All-day instants are midnights in this zone (see toEventRecord), so the date reads back.
  const dateOf = (t: number) => isoInZone(t, zone).slice(0, 10);
  return {
    accountId: row.accountId,
    calendarId: row.calendarId,
    calendarSummary: row.calendarSummary,
    eventId: row.eventId,
    seriesId: null,
    status: row.status,
    summary: row.summary,
    location: row.location,
    allDay,
    start: allDay ? dateOf(start) : isoInZone(start, zone),
    end: allDay ? dateOf(end) : isoInZone(end, zone),
    startUtc: new Date(start).toISOString(),
    endUtc: new Date(end).toISOString(),
    timeZone: row.timeZone,
    ...ids,
  } satisfies AgendaItem;
}

/** A single event (or a modified instance of a series) as stored. */
export function singleItem(row: AgendaRow, seriesId: string | null): AgendaItem | null {
  if (!row.startUtc || !row.endUtc) return null;
  return item(row, Date.parse(row.startUtc), Date.parse(row.endUtc), { seriesId });
}

/** Where and how long a series starts, read in its own zone. */
function seriesStart(row: AgendaRow): SeriesStart | null {
  if (!row.start || !row.end) return null;
  const zone = zoneOf(row);
  if (row.allDay === 1) {
    const day = dayOfDate(row.start);
    const durationMs = (dayOfDate(row.end) - day) * DAY_MS;
    return { allDay: true, day, hour: 0, minute: 0, second: 0, zone, durationMs };
  }
  const start = Date.parse(row.start);
  const end = Date.parse(row.end);
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  const w = wallTime(start, zone);
  const day = dayNumber(w.year, w.month, w.day);
  return {
    allDay: false,
    day,
    hour: w.hour,
    minute: w.minute,
    second: w.second,
    zone,
    durationMs: end - start,
  };
}

/** Google's instance id: `<series>_20260331T070000Z`, or `<series>_20260331` for all-day. */
const instanceId = (seriesId: string, o: Occurrence) =>
  `${seriesId}_${o.key.replace(/[-:]|\.\d{3}/g, '')}`;

/**
 * The occurrences of a series overlapping [from, to), minus those an exception (cancelled or
 * modified, keyed by original start) took over.
 */
export function seriesItems(
  row: AgendaRow,
  exceptions: ReadonlySet<string>,
  from: number,
  to: number,
): AgendaItem[] {
  const start = seriesStart(row);
  if (!start || !row.recurrence) return [];
  const recurrence = parseRecurrence(JSON.parse(row.recurrence) as string[]);
  const { occurrences, patternNotShown } = expand(start, recurrence, from, to);
  const mark = patternNotShown ? { patternNotShown } : {};
  return occurrences
    .filter((o) => !exceptions.has(o.key))
    .map((o) =>
      item(row, o.start, o.end, {
        eventId: instanceId(row.eventId, o),
        seriesId: row.eventId,
        ...mark,
      }),
    );
}
