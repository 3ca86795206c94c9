/**
 * The Calendar half of the fake Google: per-user calendar data, the two listing endpoints, and
 * the in-process controls (`fake.calendar.*`; over HTTP under /__control/calendar/*).
 */
import { listCalendarList, listEvents, renderEntry, renderEvent } from './calendar-api.js';
import type { CalendarContext } from './calendar-api.js';
import { generateEvent } from './calendar-data.js';
import {
  calendarApiDisabled,
  calendarForbidden,
  calendarNotFound,
  fullSyncRequired,
  insufficientScope,
} from './calendar-errors.js';
import { CalendarData } from './calendar-store.js';
import type { CalendarRecord, DateTimeValue, EventInput } from './calendar-store.js';
import type { Reply } from './http.js';
import { NotFoundError } from './store.js';
import type { TokenCodec } from './tokens.js';

export type { DateTimeValue, EventInput } from './calendar-store.js';

export interface CalendarPaging {
  /** Insert empty pages that still carry a nextPageToken (first and mid-listing). */
  emptyPages?: boolean;
  /** Serve at most this many events per page, whatever maxResults asks (short pages). */
  maxPerPage?: number | null;
}

/**
 * How one calendar's events.list fails until cleared: Google no longer finds it (404, e.g. its
 * owner deleted it while it is still in the list), the user may no longer read it (403), or every
 * sync token of it is answered 410 while full listings work.
 */
export type CalendarFault = 'notFound' | 'forbidden' | 'tokensExpire';

export class FakeCalendar {
  private readonly users = new Map<string, CalendarData>();
  private paging: Required<CalendarPaging> = { emptyPages: false, maxPerPage: null };
  private scopeDenied = false;
  private apiDisabled = false;
  private readonly broken = new Map<string, CalendarFault>();

  constructor(
    private readonly now: () => number,
    private readonly primaryEmail: string,
  ) {}

  /** A user's calendar data (the primary user's without `email`), created on first use. */
  user(email?: string): CalendarData {
    const key = (email ?? this.primaryEmail).toLowerCase();
    let data = this.users.get(key);
    if (!data) {
      data = new CalendarData(this.now, key);
      this.users.set(key, data);
    }
    return data;
  }

  get primaryId(): string {
    return this.primaryEmail;
  }

  // ---- controls (primary user unless `email` is given) ----

  addCalendar(input: Partial<Omit<CalendarRecord, 'uid' | 'seq' | 'deleted'>>, email?: string) {
    return this.user(email).addCalendar(input);
  }

  removeCalendar(id: string, email?: string): void {
    this.user(email).removeCalendar(id);
  }

  updateCalendar(id: string, patch: Parameters<CalendarData['updateCalendar']>[1], email?: string) {
    this.user(email).updateCalendar(id, patch);
  }

  /** A changed zone that only events.list reports (see CalendarData.setTimeZone). */
  setTimeZone(calendarId: string, timeZone: string, email?: string): void {
    this.user(email).setTimeZone(calendarId, timeZone);
  }

  addEvent(calendarId: string, input: EventInput, email?: string): string {
    return this.user(email).addEvent(calendarId, input);
  }

  updateEvent(calendarId: string, id: string, patch: EventInput, email?: string): void {
    this.user(email).updateEvent(calendarId, id, patch);
  }

  deleteEvent(calendarId: string, id: string, email?: string): void {
    this.user(email).deleteEvent(calendarId, id);
  }

  /** Cancels one instance of a series: Google's cancelled exception. */
  cancelOccurrence(calendarId: string, seriesId: string, originalStart: DateTimeValue) {
    return this.user().setOccurrence(calendarId, seriesId, originalStart, 'cancelled');
  }

  /** Moves or renames one instance of a series: a modified exception. */
  modifyOccurrence(
    calendarId: string,
    seriesId: string,
    originalStart: DateTimeValue,
    patch: EventInput,
  ): string {
    return this.user().setOccurrence(calendarId, seriesId, originalStart, patch);
  }

  purgeDeleted(calendarId: string, email?: string): number {
    return this.user(email).purgeDeleted(calendarId);
  }

  /** Adds `count` generated events (see calendar-data.ts); returns their ids. */
  seedEvents(calendarId: string, count: number, seed = 1, email?: string): string[] {
    const data = this.user(email);
    const first = data.eventsOf(calendarId).length;
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(data.addEvent(calendarId, generateEvent(first + i, seed)));
    }
    return ids;
  }

  /** Calendar list entries as the API renders them (removed ones excluded). */
  calendars(email?: string): Record<string, unknown>[] {
    return this.user(email)
      .calendars.filter((c) => !c.deleted)
      .map((c) => renderEntry(c));
  }

  /**
   * Events as a full listing with showDeleted renders them: live events, cancelled instances of
   * series, and tombstones not yet purged.
   */
  events(calendarId: string, email?: string): Record<string, unknown>[] {
    const data = this.user(email);
    const id = data.calendar(calendarId).id;
    return data
      .eventsOf(id)
      .filter((e) => !e.purged)
      .map((e) => renderEvent(e, id));
  }

  /** Calendar requests answer 403 insufficient scope (a grant without calendar.readonly). */
  denyScope(denied = true): void {
    this.scopeDenied = denied;
  }

  /** Calendar requests answer 403 accessNotConfigured (the API is off in the Cloud project). */
  disableApi(disabled = true): void {
    this.apiDisabled = disabled;
  }

  /** Makes one calendar's events.list fail (see CalendarFault) until called with null. */
  breakCalendar(calendarId: string, fault: CalendarFault | null): void {
    if (fault === null) this.broken.delete(calendarId);
    else this.broken.set(calendarId, fault);
  }

  setPaging(paging: CalendarPaging): void {
    this.paging = { ...this.paging, ...paging };
  }

  reset(): void {
    this.users.clear();
    this.paging = { emptyPages: false, maxPerPage: null };
    this.scopeDenied = false;
    this.apiDisabled = false;
    this.broken.clear();
  }

  // ---- HTTP ----

  handle(
    endpoint: 'calendarList' | 'events',
    url: URL,
    email: string | undefined,
    tokens: { tokens: TokenCodec; epoch: number },
  ): Reply {
    const method =
      endpoint === 'calendarList' ? 'calendar.v3.CalendarList.List' : 'calendar.v3.Events.List';
    if (this.scopeDenied) return insufficientScope(method);
    if (this.apiDisabled) return calendarApiDisabled(method);
    const data = this.user(email);
    const ctx: CalendarContext = {
      store: data,
      ...tokens,
      emptyPages: this.paging.emptyPages,
      maxPerPage: this.paging.maxPerPage,
    };
    if (endpoint === 'calendarList') return listCalendarList(ctx, url);
    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events$/.exec(url.pathname);
    const fault = this.broken.get(decodeURIComponent(match?.[1] ?? ''));
    if (fault === 'notFound') return calendarNotFound();
    if (fault === 'forbidden') return calendarForbidden();
    if (fault === 'tokensExpire' && url.searchParams.get('syncToken')) return fullSyncRequired();
    try {
      return listEvents(ctx, url, data.calendar(decodeURIComponent(match?.[1] ?? '')));
    } catch (error) {
      if (error instanceof NotFoundError) return calendarNotFound();
      throw error;
    }
  }
}
