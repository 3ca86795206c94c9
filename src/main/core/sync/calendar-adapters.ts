import type { RunCounts } from '../../../shared/domain.js';
import { CalendarsStore, type MirroredCalendar } from '../db/calendar-store.js';
import { eventsListing, type ListingResource } from '../db/sync-state.js';
import type {
  CalendarEvent,
  CalendarListEntry,
  CalendarSource,
} from '../google/calendar-source.js';
import { runListing, type ListingAdapter, type ListingKind, type ResourceRun } from './listing.js';
import { addCounts } from './pending-counts.js';
import type { PageHint, PageOutcome, WriterSpec } from './sync-writes.js';
import type { AppError } from '../errors.js';
import {
  allFailed,
  skippedCalendars,
  syncCalendarEvents,
  type FailedCalendar,
} from './calendar-isolation.js';

/** calendarList.list: which calendars the account has (written by CalendarListWriter). */
export class CalendarListAdapter implements ListingAdapter<CalendarListEntry> {
  readonly resource = 'calendar_list' as const;
  readonly fingerprint: string;
  readonly writer: WriterSpec;

  constructor(
    accountId: number,
    private readonly source: CalendarSource,
    private readonly counts: RunCounts,
  ) {
    this.fingerprint = source.fingerprint('calendarList');
    this.writer = { kind: 'calendarList', accountId };
  }

  fetchPage: ListingAdapter<CalendarListEntry>['fetchPage'] = (request, signal) =>
    this.source.listCalendars(request, signal);

  committed(outcome: PageOutcome): void {
    addCounts(this.counts, outcome.counts);
  }
}

/**
 * events.list of one mirrored calendar: a listing of its own, with its own sync token (written by
 * EventsWriter). Each page's zone goes to the writer as the page's hint.
 */
export class EventsAdapter implements ListingAdapter<CalendarEvent> {
  readonly resource: ListingResource;
  readonly fingerprint: string;
  readonly writer: WriterSpec;
  /** The zone of the latest page received (pages are read ahead, a moment apart at most). */
  private reported: string | null = null;

  constructor(
    accountId: number,
    private readonly calendar: MirroredCalendar,
    private readonly source: CalendarSource,
    private readonly counts: RunCounts,
  ) {
    this.resource = eventsListing(calendar.calendarId);
    this.fingerprint = source.fingerprint('events');
    this.writer = { kind: 'events', accountId, calendar };
  }

  fetchPage: ListingAdapter<CalendarEvent>['fetchPage'] = async (request, signal) => {
    const page = await this.source.listEvents(this.calendar.calendarId, request, signal);
    this.reported = page.timeZone ?? this.reported;
    return page;
  };

  pageHint(): PageHint {
    return { timeZone: this.reported };
  }

  committed(outcome: PageOutcome): void {
    addCounts(this.counts, outcome.counts);
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
  const counts = deps.counts;
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
  const list = new CalendarListAdapter(accountId, source, counts);
  await runListing(list, { ...deps.listing, onPage: deps.onPage('calendars'), onKind }, options);
  const failed: FailedCalendar[] = [];
  const mirrored = new CalendarsStore(db, accountId).mirrored();
  for (const calendar of mirrored) {
    const events = new EventsAdapter(accountId, calendar, source, counts);
    const listing = { ...deps.listing, onPage: deps.onPage('events'), onKind };
    const failure = await syncCalendarEvents(events, calendar, listing, options);
    if (failure) failed.push(failure);
  }
  deps.counts.errors += failed.length;
  // Nothing synced is no success: the run fails (and counts for the circuit breaker).
  if (failed.length > 0 && failed.length === mirrored.length) throw allFailed(failed);
  return failed.length > 0 ? skippedCalendars(failed) : null;
}
