/**
 * The write halves of a calendar run's listings (the calendar list, then each calendar's events),
 * applied inside each page's transaction by whichever thread owns the write connection (see
 * sync-writes.ts); the fetch halves stay in calendar-adapters.ts.
 */
import { emptyCounts, type RunCounts } from '../../../shared/domain.js';
import { CalendarsStore, EventsStore, type MirroredCalendar } from '../db/calendar-store.js';
import type { Db } from '../db/connection.js';
import { eventsListing, SyncStateRepo } from '../db/sync-state.js';
import { toEventRecord } from '../google/calendar-event.js';
import type { CalendarEvent, CalendarListEntry } from '../google/calendar-source.js';
import { PendingCounts } from './pending-counts.js';
import type { PageContext, PageHint, PageOutcome, PageWriter } from './page-types.js';

/**
 * An entry with `deleted: true` (incremental) or missing from a full listing left the list: it
 * and its events are soft-deleted, and its events listing forgets its token so it starts over
 * should the calendar come back.
 */
export class CalendarListWriter implements PageWriter<CalendarListEntry> {
  private readonly store: CalendarsStore;
  private readonly syncState: SyncStateRepo;
  private readonly counts = new PendingCounts(emptyCounts());

  constructor(
    db: Db,
    private readonly accountId: number,
  ) {
    this.store = new CalendarsStore(db, accountId);
    this.syncState = new SyncStateRepo(db);
  }

  applyPage(entries: CalendarListEntry[], ctx: PageContext): void {
    const pending = this.counts.begin();
    for (const entry of entries) {
      pending.fetched++;
      if (entry.deleted) this.remove(entry.id as string, ctx, pending);
      else pending[this.store.upsert(entry, ctx)]++;
    }
  }

  sweep(ctx: PageContext): void {
    for (const id of this.store.notSeen(ctx.generation)) this.remove(id, ctx, this.counts.pending);
  }

  committed(): PageOutcome {
    return { counts: this.counts.commit(), notice: null };
  }

  private remove(calendarId: string, ctx: PageContext, pending: RunCounts): void {
    const events = this.store.remove(calendarId, ctx.now);
    if (events === null) return;
    pending.deleted += 1 + events;
    this.syncState.clearToken(this.accountId, eventsListing(calendarId));
  }
}

/**
 * One mirrored calendar's events. Every page reports the calendar's current zone (the fetch half
 * passes it as the page's hint), even an incremental page without changes (calendarList's
 * incremental results leave out a changed zone): all-day and floating events are placed in it.
 */
export class EventsWriter implements PageWriter<CalendarEvent> {
  private readonly store: EventsStore;
  private readonly calendars: CalendarsStore;
  private readonly counts = new PendingCounts(emptyCounts());
  private zone: string | null;

  constructor(
    db: Db,
    accountId: number,
    private readonly calendar: MirroredCalendar,
  ) {
    this.store = new EventsStore(db, accountId, calendar.ref);
    this.calendars = new CalendarsStore(db, accountId);
    this.zone = calendar.timeZone;
  }

  applyPage(events: CalendarEvent[], ctx: PageContext, hint: PageHint): void {
    const reported = hint.timeZone ?? null;
    if (reported !== null && reported !== this.zone) {
      this.calendars.setTimeZone(this.calendar.ref, reported);
      this.zone = reported;
    }
    const pending = this.counts.begin();
    for (const event of events) {
      pending.fetched++;
      pending[this.store.apply(toEventRecord(event, this.zone), ctx)]++;
    }
  }

  sweep(ctx: PageContext): void {
    this.counts.pending.deleted += this.store.sweep(ctx.generation, ctx.now);
  }

  committed(): PageOutcome {
    return { counts: this.counts.commit(), notice: null };
  }
}
