import type { RunCounts } from '../../../shared/domain.js';
import { CalendarsStore, EventsStore, type MirroredCalendar } from '../db/calendar-store.js';
import type { Db } from '../db/connection.js';
import { eventsListing, type ListingResource, type SyncStateRepo } from '../db/sync-state.js';
import { toEventRecord } from '../google/calendar-event.js';
import type {
  CalendarEvent,
  CalendarListEntry,
  CalendarSource,
} from '../google/calendar-source.js';
import {
  runListing,
  type ListingAdapter,
  type ListingKind,
  type PageContext,
  type ResourceRun,
} from './listing.js';
import { PendingCounts } from './pending-counts.js';
import type { AppError } from '../errors.js';
import {
  allFailed,
  skippedCalendars,
  syncCalendarEvents,
  type FailedCalendar,
} from './calendar-isolation.js';

/**
 * calendarList.list: which calendars the account has. An entry with `deleted: true` (incremental)
 * or missing from a full listing left the list: it and its events are soft-deleted, and its events
 * listing forgets its token so it starts over should the calendar come back.
 */
export class CalendarListAdapter implements ListingAdapter<CalendarListEntry> {
  readonly resource = 'calendar_list' as const;
  readonly fingerprint: string;
  private readonly store: CalendarsStore;

  constructor(
    db: Db,
    private readonly accountId: number,
    private readonly source: CalendarSource,
    private readonly counts: PendingCounts,
    private readonly syncState: SyncStateRepo,
  ) {
    this.store = new CalendarsStore(db, accountId);
    this.fingerprint = source.fingerprint('calendarList');
  }

  fetchPage: ListingAdapter<CalendarListEntry>['fetchPage'] = (request, signal) =>
    this.source.listCalendars(request, signal);

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

  pageCommitted(): void {
    this.counts.commit();
  }

  private remove(calendarId: string, ctx: PageContext, pending: RunCounts): void {
    const events = this.store.remove(calendarId, ctx.now);
    if (events === null) return;
    pending.deleted += 1 + events;
    this.syncState.clearToken(this.accountId, eventsListing(calendarId));
  }
}

/**
 * events.list of one mirrored calendar: a listing of its own, with its own sync token. Every page
 * reports the calendar's current zone, even an incremental page without changes (calendarList's
 * incremental results leave out a changed zone): all-day and floating events are placed in it.
 */
export class EventsAdapter implements ListingAdapter<CalendarEvent> {
  readonly resource: ListingResource;
  readonly fingerprint: string;
  private readonly store: EventsStore;
  private readonly calendars: CalendarsStore;
  private zone: string | null;
  /** The zone of the latest page received (pages are read ahead, a moment apart at most). */
  private reported: string | null = null;

  constructor(
    db: Db,
    accountId: number,
    private readonly calendar: MirroredCalendar,
    private readonly source: CalendarSource,
    private readonly counts: PendingCounts,
  ) {
    this.resource = eventsListing(calendar.calendarId);
    this.store = new EventsStore(db, accountId, calendar.ref);
    this.calendars = new CalendarsStore(db, accountId);
    this.fingerprint = source.fingerprint('events');
    this.zone = calendar.timeZone;
  }

  fetchPage: ListingAdapter<CalendarEvent>['fetchPage'] = async (request, signal) => {
    const page = await this.source.listEvents(this.calendar.calendarId, request, signal);
    this.reported = page.timeZone ?? this.reported;
    return page;
  };

  applyPage(events: CalendarEvent[], ctx: PageContext): void {
    if (this.reported !== null && this.reported !== this.zone) {
      this.calendars.setTimeZone(this.calendar.ref, this.reported);
      this.zone = this.reported;
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

  pageCommitted(): void {
    this.counts.commit();
  }
}

const KIND_RANK: Record<ListingKind, number> = {
  incremental: 0,
  full: 1,
  full_after_expired_token: 2,
  full_after_rejected_token: 2,
};

export type CalendarRunDeps = ResourceRun & { source: CalendarSource };

/**
 * A calendar run: the calendar list first (so removed calendars are settled and new ones known),
 * then the events of each chosen calendar, each through the one listing loop. A 410 on one
 * calendar's token makes runListing list that calendar in full in the same run and sweep it. A
 * calendar that fails on its own (see syncCalendarEvents) is skipped, the others still sync, and
 * the run's notice says which failed.
 */
export async function syncCalendars(deps: CalendarRunDeps): Promise<AppError | null> {
  const counts = new PendingCounts(deps.counts);
  let strongest: ListingKind | null = null;
  // The run's kind is that of its most thorough listing: one calendar listed in full makes it full.
  const onKind = (kind: ListingKind) => {
    if (strongest === null || KIND_RANK[kind] > KIND_RANK[strongest]) {
      strongest = kind;
      deps.onKind(kind);
    }
  };
  const options = { forceFull: deps.forceFull };
  const { db, accountId, source } = deps;
  const list = new CalendarListAdapter(db, accountId, source, counts, deps.listing.syncState);
  await runListing(list, { ...deps.listing, onPage: deps.onPage('calendars'), onKind }, options);
  const failed: FailedCalendar[] = [];
  const mirrored = new CalendarsStore(db, accountId).mirrored();
  for (const calendar of mirrored) {
    const events = new EventsAdapter(db, accountId, calendar, source, counts);
    const listing = { ...deps.listing, onPage: deps.onPage('events'), onKind };
    const failure = await syncCalendarEvents(events, calendar, listing, options);
    if (failure) failed.push(failure);
  }
  deps.counts.errors += failed.length;
  // Nothing synced is no success: the run fails (and counts for the circuit breaker).
  if (failed.length > 0 && failed.length === mirrored.length) throw allFailed(failed);
  return failed.length > 0 ? skippedCalendars(failed) : null;
}
