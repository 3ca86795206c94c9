import type { AgendaRow } from '../calendar/agenda.js';
import type { Db } from './connection.js';

export interface AgendaRows {
  /** Events without a recurrence overlapping the range, modified instances of series included. */
  singles: AgendaRow[];
  /** Recurring series starting before the end of the range. */
  series: AgendaRow[];
  /** Per series (`seriesKey`): original starts an exception took over, cancelled or modified. */
  exceptions: Map<string, Set<string>>;
}

export const seriesKey = (row: Pick<AgendaRow, 'calendarRef' | 'eventId'>): string =>
  `${row.calendarRef}|${row.eventId}`;

const COLUMNS = `e.calendar_ref AS calendarRef, c.account_id AS accountId,
  c.calendar_id AS calendarId, c.summary AS calendarSummary, c.time_zone AS calendarZone,
  e.event_id AS eventId, e.status, e.summary, e.location, e.all_day AS allDay, e.start, e.end,
  e.time_zone AS timeZone, e.start_utc AS startUtc, e.end_utc AS endUtc, e.recurrence,
  e.recurring_event_id AS recurringEventId`;

/**
 * Only the mirrored calendars' live events count. Calendars come first (CROSS JOIN fixes the
 * order), so each calendar's events are read through an index on their start. Placeholders:
 * the account twice, the text three times.
 */
const MIRRORED = `c.selected = 1 AND c.deleted_at IS NULL AND e.deleted_at IS NULL
  AND e.status != 'cancelled' AND (? IS NULL OR c.account_id = ?)
  AND (? IS NULL OR e.summary LIKE ? ESCAPE '\\' OR e.location LIKE ? ESCAPE '\\')`;

/** The rows the agenda of [from, to) is made of (see CalendarService.agenda). */
export function agendaRows(
  db: Db,
  query: { from: Date; to: Date; query?: string; accountId?: number },
): AgendaRows {
  const from = query.from.toISOString();
  const to = query.to.toISOString();
  const text = query.query?.trim() ? `%${query.query.trim().replace(/[\\%_]/g, '\\$&')}%` : null;
  const filter = [query.accountId ?? null, query.accountId ?? null, text, text, text];
  const singles = db
    .prepare<unknown[], AgendaRow>(
      `SELECT ${COLUMNS} FROM calendars c CROSS JOIN calendar_events e ON e.calendar_ref = c.id
       WHERE ${MIRRORED} AND e.recurrence IS NULL AND e.start_utc < ?
         AND (e.end_utc > ? OR e.start_utc >= ?)`,
    )
    .all(...filter, to, from, from);
  const series = db
    .prepare<unknown[], AgendaRow>(
      `SELECT ${COLUMNS} FROM calendars c CROSS JOIN calendar_events e ON e.calendar_ref = c.id
       WHERE ${MIRRORED} AND e.recurrence IS NOT NULL AND e.start_utc < ?`,
    )
    .all(...filter, to);
  // One query for every exception of the mirrored calendars, rather than one per series.
  const exceptions = new Map<string, Set<string>>();
  const rows = db
    .prepare<[number | null, number | null], { calendarRef: number; eventId: string; key: string }>(
      `SELECT e.calendar_ref AS calendarRef, e.recurring_event_id AS eventId,
         e.original_start AS key
       FROM calendars c CROSS JOIN calendar_events e ON e.calendar_ref = c.id
       WHERE c.selected = 1 AND c.deleted_at IS NULL AND e.deleted_at IS NULL
         AND e.recurring_event_id IS NOT NULL AND e.original_start IS NOT NULL
         AND (? IS NULL OR c.account_id = ?)`,
    )
    .all(query.accountId ?? null, query.accountId ?? null);
  for (const row of rows) {
    const key = seriesKey(row);
    let keys = exceptions.get(key);
    if (!keys) exceptions.set(key, (keys = new Set()));
    keys.add(row.key);
  }
  return { singles, series, exceptions };
}
