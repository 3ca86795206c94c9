/**
 * One user's Google Calendar data: the calendar list and each calendar's events, with one change
 * sequence (as sync tokens need) and tombstones: a deleted event stays as `cancelled` until purged,
 * a removed calendar stays in the list as `deleted`.
 */
import { NotFoundError } from './store.js';

export interface DateTimeValue {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

export interface CalendarRecord {
  uid: number;
  seq: number;
  id: string;
  summary: string;
  summaryOverride?: string;
  description?: string;
  timeZone: string;
  accessRole: string;
  backgroundColor: string;
  primary: boolean;
  hidden: boolean;
  deleted: boolean;
}

/** What a test may set on an event (the rest is filled in). */
export interface EventInput {
  id?: string;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string;
  description?: string;
  location?: string;
  start?: DateTimeValue;
  end?: DateTimeValue;
  recurrence?: string[];
  recurringEventId?: string;
  originalStartTime?: DateTimeValue;
  /** Google's eventType (default 'default'); events.list filters on it with `eventTypes`. */
  eventType?: EventType;
}

export const EVENT_TYPES = [
  'default',
  'birthday',
  'focusTime',
  'fromGmail',
  'outOfOffice',
  'workingLocation',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface EventRecord extends EventInput {
  uid: number;
  seq: number;
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  created: string;
  updated: string;
  /** Gone for good: not even a tombstone is listed any more. */
  purged: boolean;
}

const COLORS = ['#9fe1e7', '#f83a22', '#16a765', '#7bd148', '#b99aff', '#ffad46'];

/** Google's instance-id suffix of an original start: 20240109T080000Z, or 20240109 (all-day). */
export function instanceSuffix(start: DateTimeValue): string {
  if (start.date) return start.date.replaceAll('-', '');
  return new Date(start.dateTime ?? '').toISOString().replace(/[-:]|\.\d{3}/g, '');
}

/** The end of an instance starting at `start`, as long as the series' own first instance. */
function shift(start: DateTimeValue, seriesStart?: DateTimeValue, seriesEnd?: DateTimeValue) {
  const DAY = 86_400_000;
  if (start.date) {
    const days = (Date.parse(seriesEnd?.date ?? '') - Date.parse(seriesStart?.date ?? '')) / DAY;
    return {
      date: new Date(Date.parse(start.date) + (days || 1) * DAY).toISOString().slice(0, 10),
    };
  }
  const length = Date.parse(seriesEnd?.dateTime ?? '') - Date.parse(seriesStart?.dateTime ?? '');
  const end = new Date(Date.parse(start.dateTime ?? '') + (length || 3_600_000));
  return { dateTime: end.toISOString(), ...(start.timeZone ? { timeZone: start.timeZone } : {}) };
}

export class CalendarData {
  seq = 0;
  lastUpdated = new Date(0).toISOString();
  readonly calendars: CalendarRecord[] = [];
  private readonly events = new Map<string, EventRecord[]>();
  private nextId = 0;

  constructor(
    private readonly now: () => number,
    readonly email: string,
  ) {
    this.addCalendar({ id: email, summary: email, primary: true, timeZone: 'Europe/Berlin' });
  }

  private stamp(): string {
    this.lastUpdated = new Date(this.now()).toISOString();
    return this.lastUpdated;
  }

  calendar(id: string): CalendarRecord {
    const cal = this.calendars.find((c) => c.id === id || (id === 'primary' && c.primary));
    if (!cal || cal.deleted) throw new NotFoundError(`No calendar ${id}`);
    return cal;
  }

  addCalendar(input: Partial<Omit<CalendarRecord, 'uid' | 'seq' | 'deleted'>> = {}): string {
    const uid = this.calendars.length;
    const id =
      input.id ?? `c${(0x10000 + uid).toString(16)}${this.email.length}@group.calendar.google.com`;
    const existing = this.calendars.find((c) => c.id === id);
    const record: CalendarRecord = {
      summary: input.summary ?? `Calendar ${uid}`,
      timeZone: input.timeZone ?? 'Europe/Berlin',
      accessRole: input.accessRole ?? (input.primary ? 'owner' : 'reader'),
      backgroundColor: input.backgroundColor ?? COLORS[uid % COLORS.length] ?? '#9fe1e7',
      primary: input.primary ?? false,
      hidden: input.hidden ?? false,
      ...input,
      id,
      uid: existing?.uid ?? uid,
      seq: ++this.seq,
      deleted: false,
    };
    if (existing) Object.assign(existing, record);
    else this.calendars.push(record);
    if (!this.events.has(id)) this.events.set(id, []);
    return id;
  }

  updateCalendar(
    id: string,
    patch: Partial<Pick<CalendarRecord, 'summary' | 'summaryOverride' | 'hidden' | 'timeZone'>>,
  ): void {
    Object.assign(this.calendar(id), patch, { seq: ++this.seq });
  }

  /**
   * The calendar's own time zone changed (Google Calendar → Settings): calendarList's incremental
   * results leave such property-only changes out (issue 14), so its entry keeps its change
   * sequence and etag; events.list reports the new zone on every page.
   */
  setTimeZone(id: string, timeZone: string): void {
    this.calendar(id).timeZone = timeZone;
  }

  /** Removed from the user's list: incremental listings show it with `deleted: true`. */
  removeCalendar(id: string): void {
    Object.assign(this.calendar(id), { deleted: true, seq: ++this.seq });
  }

  eventsOf(calendarId: string): EventRecord[] {
    return this.events.get(this.calendar(calendarId).id) ?? [];
  }

  event(calendarId: string, id: string): EventRecord {
    const event = this.eventsOf(calendarId).find((e) => e.id === id && !e.purged);
    if (!event) throw new NotFoundError(`No event ${id} in ${calendarId}`);
    return event;
  }

  addEvent(calendarId: string, input: EventInput): string {
    const list = this.eventsOf(calendarId);
    const id = input.id ?? `ev${(this.nextId++).toString(32).padStart(6, '0')}${list.length}`;
    const stamp = this.stamp();
    const existing = list.find((e) => e.id === id);
    const record: EventRecord = {
      status: 'confirmed',
      ...input,
      id,
      uid: existing?.uid ?? list.length,
      seq: ++this.seq,
      created: existing?.created ?? stamp,
      updated: stamp,
      purged: false,
    };
    if (existing) list[existing.uid] = record;
    else list.push(record);
    return id;
  }

  updateEvent(calendarId: string, id: string, patch: EventInput): void {
    const event = this.event(calendarId, id);
    Object.assign(event, patch, { seq: ++this.seq, updated: this.stamp() });
  }

  /** Deletes an event; deleting a series cancels its exceptions too, as Google does. */
  deleteEvent(calendarId: string, id: string): void {
    for (const event of this.eventsOf(calendarId)) {
      if ((event.id === id || event.recurringEventId === id) && !event.purged) {
        Object.assign(event, { status: 'cancelled', seq: ++this.seq, updated: this.stamp() });
      }
    }
  }

  /** An exception of a series at `originalStart`: cancelled, or changed by `patch`. */
  setOccurrence(
    calendarId: string,
    seriesId: string,
    originalStart: DateTimeValue,
    patch: EventInput | 'cancelled',
  ): string {
    const series = this.event(calendarId, seriesId);
    const id = `${seriesId}_${instanceSuffix(originalStart)}`;
    const base = { id, recurringEventId: seriesId, originalStartTime: originalStart };
    if (patch === 'cancelled') return this.addEvent(calendarId, { ...base, status: 'cancelled' });
    return this.addEvent(calendarId, {
      summary: series.summary,
      location: series.location,
      start: originalStart,
      end: shift(originalStart, series.start, series.end),
      ...patch,
      ...base,
    });
  }

  /** Tombstones of deleted (non-exception) events vanish, as Google purges them after a while. */
  purgeDeleted(calendarId: string): number {
    let n = 0;
    for (const event of this.eventsOf(calendarId)) {
      if (event.status === 'cancelled' && !event.recurringEventId && !event.purged) {
        event.purged = true;
        n++;
      }
    }
    return n;
  }
}
