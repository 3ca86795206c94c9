import type { Db } from './connection.js';
import type { ApplyOutcome } from './contacts-store.js';
import type { CalendarListEntry } from '../google/calendar-source.js';
import { dateInstant, type EventRecord } from '../google/calendar-event.js';

interface Marks {
  /** The full listing's generation (0 for incremental): rows it saw are marked with it. */
  generation: number;
  now: string;
}

/** A calendar chosen for mirroring that still exists: the events listings of a run. */
export interface MirroredCalendar {
  ref: number;
  calendarId: string;
  summary: string | null;
  timeZone: string | null;
}

/** Write side of one account's calendar list mirror. */
export class CalendarsStore {
  private readonly find;
  private readonly insert;
  private readonly update;
  private readonly markSeen;
  private readonly softDelete;
  private readonly deleteEvents;
  private readonly unseen;

  constructor(
    private readonly db: Db,
    private readonly accountId: number,
  ) {
    this.find = db.prepare<
      [number, string],
      { id: number; etag: string | null; deleted_at: string | null; time_zone: string | null }
    >(
      `SELECT id, etag, deleted_at, time_zone FROM calendars
       WHERE account_id = ? AND calendar_id = ?`,
    );
    // The primary calendar is mirrored unless the person says otherwise (issue #7).
    this.insert = db.prepare(
      `INSERT INTO calendars (account_id, calendar_id, etag, summary, time_zone, access_role,
         background_color, is_primary, hidden, selected, raw, seen_in_full_sync, updated_at)
       VALUES (@accountId, @calendarId, @etag, @summary, @timeZone, @accessRole, @color, @primary,
         @hidden, @primary, @raw, @generation, @now)`,
    );
    this.update = db.prepare(
      `UPDATE calendars SET etag = @etag, summary = @summary, time_zone = @timeZone,
         access_role = @accessRole, background_color = @color, is_primary = @primary,
         hidden = @hidden, raw = @raw, deleted_at = NULL,
         seen_in_full_sync = MAX(seen_in_full_sync, @generation), updated_at = @now
       WHERE id = @id`,
    );
    this.markSeen = db.prepare(
      'UPDATE calendars SET seen_in_full_sync = MAX(seen_in_full_sync, ?) WHERE id = ?',
    );
    this.softDelete = db.prepare(
      'UPDATE calendars SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL',
    );
    this.deleteEvents = db.prepare(
      'UPDATE calendar_events SET deleted_at = ? WHERE calendar_ref = ? AND deleted_at IS NULL',
    );
    this.unseen = db.prepare<[number, number], { calendar_id: string }>(
      `SELECT calendar_id FROM calendars
       WHERE account_id = ? AND deleted_at IS NULL AND seen_in_full_sync < ?`,
    );
  }

  upsert(entry: CalendarListEntry, marks: Marks): ApplyOutcome {
    const existing = this.find.get(this.accountId, entry.id as string);
    if (existing && existing.deleted_at === null && entry.etag && existing.etag === entry.etag) {
      this.markSeen.run(marks.generation, existing.id);
      return 'unchanged';
    }
    const row = {
      accountId: this.accountId,
      calendarId: entry.id as string,
      etag: entry.etag ?? null,
      summary: entry.summaryOverride ?? entry.summary ?? null,
      timeZone: entry.timeZone ?? null,
      accessRole: entry.accessRole ?? null,
      color: entry.backgroundColor ?? null,
      primary: entry.primary ? 1 : 0,
      hidden: entry.hidden ? 1 : 0,
      raw: JSON.stringify(entry),
      generation: marks.generation,
      now: marks.now,
    };
    if (!existing) {
      this.insert.run(row);
      return 'created';
    }
    this.update.run({ ...row, id: existing.id });
    if (row.timeZone !== null && row.timeZone !== existing.time_zone) {
      this.setTimeZone(existing.id, row.timeZone);
    }
    return existing.deleted_at === null ? 'updated' : 'created';
  }

  /**
   * A calendar left the list (deleted, or unsubscribed): it and its events are soft-deleted.
   * Returns the number of events removed, or null when there was no active calendar to remove.
   */
  remove(calendarId: string, now: string): number | null {
    const existing = this.find.get(this.accountId, calendarId);
    if (!existing || existing.deleted_at !== null) return null;
    this.softDelete.run(now, now, existing.id);
    return this.deleteEvents.run(now, existing.id).changes;
  }

  /** Active calendars a full listing of `generation` did not see. */
  notSeen(generation: number): string[] {
    return this.unseen.all(this.accountId, generation).map((r) => r.calendar_id);
  }

  /** The calendars whose events a run lists. */
  mirrored(): MirroredCalendar[] {
    return this.db
      .prepare<[number], MirroredCalendar>(
        `SELECT id AS ref, calendar_id AS calendarId, summary, time_zone AS timeZone FROM calendars
         WHERE account_id = ? AND selected = 1 AND deleted_at IS NULL ORDER BY is_primary DESC, id`,
      )
      .all(this.accountId);
  }

  /**
   * The calendar's zone as events.list last reported it (calendarList's incremental results do not
   * report a changed zone); its all-day events move to midnights in the new zone.
   */
  setTimeZone(calendarRef: number, zone: string): void {
    this.db.prepare('UPDATE calendars SET time_zone = ? WHERE id = ?').run(zone, calendarRef);
    const rows = this.db
      .prepare<[number], { id: number; start: string | null; end: string | null }>(
        `SELECT id, start, "end" FROM calendar_events
         WHERE calendar_ref = ? AND all_day = 1 AND time_zone IS NULL`,
      )
      .all(calendarRef);
    const place = this.db.prepare(
      'UPDATE calendar_events SET start_utc = ?, end_utc = ? WHERE id = ?',
    );
    const at = (date: string | null) =>
      date === null ? null : new Date(dateInstant(date, zone)).toISOString();
    for (const row of rows) place.run(at(row.start), at(row.end), row.id);
  }

  /** The person's choice; false when the account has no such calendar. */
  setSelected(calendarId: string, selected: boolean): boolean {
    return (
      this.db
        .prepare('UPDATE calendars SET selected = ? WHERE account_id = ? AND calendar_id = ?')
        .run(selected ? 1 : 0, this.accountId, calendarId).changes > 0
    );
  }
}

export type EventOutcome = ApplyOutcome | 'deleted';

/** Write side of one calendar's events mirror. */
export class EventsStore {
  private readonly find;
  private readonly upsertRow;
  private readonly markSeen;
  private readonly softDelete;
  private readonly sweepRows;

  constructor(
    db: Db,
    private readonly accountId: number,
    private readonly calendarRef: number,
  ) {
    this.find = db.prepare<
      [number, string],
      { id: number; etag: string | null; status: string; deleted_at: string | null }
    >(
      'SELECT id, etag, status, deleted_at FROM calendar_events WHERE calendar_ref = ? AND event_id = ?',
    );
    this.upsertRow = db.prepare(
      `INSERT INTO calendar_events (account_id, calendar_ref, event_id, etag, status, summary,
         location, all_day, start, end, time_zone, start_utc, end_utc, recurrence,
         recurring_event_id, original_start, updated, raw, deleted_at, seen_in_full_sync, synced_at)
       VALUES (@accountId, @calendarRef, @eventId, @etag, @status, @summary, @location, @allDay,
         @start, @end, @timeZone, @startUtc, @endUtc, @recurrence, @recurringEventId,
         @originalStart, @updated, @raw, NULL, @generation, @now)
       ON CONFLICT (calendar_ref, event_id) DO UPDATE SET etag = excluded.etag,
         status = excluded.status, summary = excluded.summary, location = excluded.location,
         all_day = excluded.all_day, start = excluded.start, end = excluded.end,
         time_zone = excluded.time_zone, start_utc = excluded.start_utc, end_utc = excluded.end_utc,
         recurrence = excluded.recurrence, recurring_event_id = excluded.recurring_event_id,
         original_start = excluded.original_start, updated = excluded.updated, raw = excluded.raw,
         deleted_at = NULL, seen_in_full_sync = MAX(seen_in_full_sync, excluded.seen_in_full_sync),
         synced_at = excluded.synced_at`,
    );
    this.markSeen = db.prepare(
      'UPDATE calendar_events SET seen_in_full_sync = MAX(seen_in_full_sync, ?) WHERE id = ?',
    );
    this.softDelete = db.prepare(
      `UPDATE calendar_events SET status = 'cancelled', etag = ?, raw = ?, deleted_at = ?,
         seen_in_full_sync = MAX(seen_in_full_sync, ?), synced_at = ?
       WHERE id = ?`,
    );
    this.sweepRows = db.prepare(
      `UPDATE calendar_events SET deleted_at = ?
       WHERE calendar_ref = ? AND deleted_at IS NULL AND seen_in_full_sync < ?`,
    );
  }

  /**
   * A cancelled event that is not an exception was deleted: its row is soft-deleted (and one never
   * stored is not created). A cancelled exception is stored like any other row: it removes one
   * occurrence of its series, it does not delete the series.
   */
  apply(record: EventRecord, marks: Marks): EventOutcome {
    const existing = this.find.get(this.calendarRef, record.eventId);
    const tombstone = record.status === 'cancelled' && record.recurringEventId === null;
    if (tombstone) {
      if (!existing || existing.deleted_at !== null) return 'unchanged';
      this.softDelete.run(
        record.etag,
        record.raw,
        marks.now,
        marks.generation,
        marks.now,
        existing.id,
      );
      return 'deleted';
    }
    if (existing && existing.deleted_at === null && record.etag && existing.etag === record.etag) {
      this.markSeen.run(marks.generation, existing.id);
      return 'unchanged';
    }
    this.upsertRow.run({
      ...record,
      allDay: record.allDay ? 1 : 0,
      accountId: this.accountId,
      calendarRef: this.calendarRef,
      generation: marks.generation,
      now: marks.now,
    });
    // An occurrence cancelled is, to the person, an event removed from the agenda.
    if (record.status === 'cancelled' && existing?.status !== 'cancelled') return 'deleted';
    return existing && existing.deleted_at === null ? 'updated' : 'created';
  }

  /** Soft-deletes the events a full listing of `generation` did not see. */
  sweep(generation: number, now: string): number {
    return this.sweepRows.run(now, this.calendarRef, generation).changes;
  }
}
