/** Calendar helpers over the integration Harness: run calendar syncs, compare with the fake. */
import type { SyncRun } from '../../src/shared/domain.js';
import { CalendarService } from '../../src/main/core/services/calendar-service.js';
import type { SyncRequest } from '../../src/main/core/sync/orchestrator.js';
import type { Harness } from './harness.js';

export async function syncCalendars(
  h: Harness,
  request: Partial<SyncRequest> = {},
): Promise<SyncRun> {
  return h.sync({ resource: 'calendar', ...request });
}

export const calendars = (h: Harness): CalendarService => new CalendarService(h.db);

export interface LocalEvent {
  eventId: string;
  etag: string | null;
  status: string;
  start: string | null;
  end: string | null;
  timeZone: string | null;
  allDay: number;
  raw: string;
  deletedAt: string | null;
}

/** Stored events of one calendar (live ones unless `includeDeleted`). */
export function localEvents(
  h: Harness,
  calendarId: string,
  options: { includeDeleted?: boolean } = {},
): LocalEvent[] {
  return h.db
    .prepare<[string], LocalEvent>(
      `SELECT e.event_id AS eventId, e.etag, e.status, e.start, e.end, e.time_zone AS timeZone,
              e.all_day AS allDay, e.raw, e.deleted_at AS deletedAt
       FROM calendar_events e JOIN calendars c ON c.id = e.calendar_ref
       WHERE c.calendar_id = ? ${options.includeDeleted ? '' : 'AND e.deleted_at IS NULL'}
       ORDER BY e.event_id`,
    )
    .all(calendarId);
}

/** eventId → etag of the live local events (cancelled instances of series included). */
export function localState(h: Harness, calendarId: string): Map<string, string | null> {
  return new Map(localEvents(h, calendarId).map((e) => [e.eventId, e.etag]));
}

/**
 * The same of the fake: what a full listing shows, less the tombstones of deleted events (a
 * mirror soft-deletes those, so they are not live rows).
 */
export function serverState(h: Harness, calendarId: string): Map<string, string | null> {
  const events = h.fake.calendar.events(calendarId);
  return new Map(
    events
      .filter((e) => !(e['status'] === 'cancelled' && !e['recurringEventId']))
      .map((e) => [e['id'] as string, (e['etag'] as string | undefined) ?? null]),
  );
}
