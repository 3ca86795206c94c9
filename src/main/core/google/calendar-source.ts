import { calendar, type calendar_v3 } from '@googleapis/calendar';
import type { OAuth2Client } from 'google-auth-library';
import { z } from 'zod';
import type { Account } from '../../../shared/domain.js';
import { isAppError, type AppError } from '../errors.js';
import { classifyGoogleError, GoogleApiError, malformedResponse } from './errors.js';
import { requestFingerprint, type ListingParams } from './fingerprint.js';
import { bytesOf, type ListPage, type PageRequest } from './people-source.js';

export type CalendarListEntry = calendar_v3.Schema$CalendarListEntry;
export type CalendarEvent = calendar_v3.Schema$Event;
export type EventDateTime = calendar_v3.Schema$EventDateTime;

/** A page of events.list: Google repeats the calendar's current time zone on every page. */
export type EventsPage = ListPage<CalendarEvent> & { timeZone: string | null };

/** What the person chose about which events to mirror (Settings → Calendar). */
export interface EventsChoice {
  showBirthdays: boolean;
}

/**
 * events.list without `eventTypes` returns every type, so working-location ("Home", "Office"
 * every day), out-of-office and focus-time entries and contact birthdays would show as agenda
 * events. Asked for explicitly: regular events and those Gmail created; birthdays only on request.
 */
export function eventTypesFor(choice: EventsChoice): string[] {
  return choice.showBirthdays ? ['default', 'fromGmail', 'birthday'] : ['default', 'fromGmail'];
}

/** One call per page, like PeopleSource; the sync engine decides about tokens and storage. */
export interface CalendarSource {
  listCalendars(request: PageRequest, signal: AbortSignal): Promise<ListPage<CalendarListEntry>>;
  listEvents(calendarId: string, request: PageRequest, signal: AbortSignal): Promise<EventsPage>;
  /** Of the parameters each listing sends besides its tokens (see requestFingerprint). */
  fingerprint(listing: 'calendarList' | 'events'): string;
}

/** Google's maximum for events.list; calendarList.list allows 250. */
export const EVENTS_PAGE_SIZE = 2500;
const CALENDARS_PAGE_SIZE = 250;

const page = z.looseObject({
  nextPageToken: z.string().nullish(),
  nextSyncToken: z.string().nullish(),
  items: z.array(z.looseObject({ id: z.string().min(1) })).nullish(),
  timeZone: z.string().nullish(),
});

function toPage<T>(response: { data: unknown; headers?: unknown }): ListPage<T> & {
  timeZone: string | null;
} {
  const parsed = page.safeParse(response.data);
  if (!parsed.success) throw malformedResponse(parsed.error);
  return {
    items: (parsed.data.items ?? []) as T[],
    nextPageToken: parsed.data.nextPageToken || null,
    nextSyncToken: parsed.data.nextSyncToken || null,
    totalItems: null,
    bytes: bytesOf(response),
    timeZone: parsed.data.timeZone || null,
  };
}

/**
 * Every parameter but the calendar, the tokens and `eventTypes` (eventTypesFor); the same on every
 * page and every run, or Google refuses the tokens. singleEvents stays false: a series is stored
 * once with its exceptions, not as instances.
 */
const PARAMS = {
  calendarList: { maxResults: CALENDARS_PAGE_SIZE, showHidden: true },
  events: { maxResults: EVENTS_PAGE_SIZE, showDeleted: true },
} satisfies Record<'calendarList' | 'events', ListingParams>;

/** A 403 for a missing scope says what to do about calendars in particular. */
function classify(error: unknown): AppError {
  const classified = classifyGoogleError(error, 'Calendar');
  if (!isAppError(classified, 'SCOPE_MISSING')) return classified;
  return new GoogleApiError(
    'SCOPE_MISSING',
    'Calendar sync is on, but Google has not granted read access to your calendars. Reconnect the ' +
      'account to grant it ("contacts-sync connect --account EMAIL"), or turn calendar sync off.',
    403,
    false,
    null,
    { cause: error },
  );
}

/**
 * The Calendar API through Google's own client library (`rootUrl` points it at the fake in tests).
 * Parameters are the same for full and incremental listings: deleted and hidden entries are what
 * an incremental listing must show anyway, and none of the parameters Google forbids with a sync
 * token (iCalUID, orderBy, q, timeMin, timeMax, updatedMin) is ever sent. `eventTypes` is not among
 * those, and Google's sync guide asks for every other parameter to repeat the full listing's: so
 * it is sent with the token too, and is part of the fingerprint, so a changed choice lists anew.
 */
export class GoogleCalendarSource implements CalendarSource {
  private readonly api: calendar_v3.Calendar;

  constructor(
    auth: OAuth2Client,
    rootUrl: string,
    private readonly choice: () => EventsChoice = () => ({ showBirthdays: false }),
  ) {
    this.api = calendar({ version: 'v3', auth, rootUrl });
  }

  /**
   * The event types of the events listing under way: read from the person's choice when a listing
   * asks for its fingerprint (before its first page), so a choice changed in the middle of a
   * listing never sends its page or sync tokens with other parameters than they came from.
   */
  private eventTypes: string[] | null = null;

  private eventsParams() {
    this.eventTypes ??= eventTypesFor(this.choice());
    return { ...PARAMS.events, eventTypes: this.eventTypes };
  }

  fingerprint(listing: 'calendarList' | 'events'): string {
    if (listing === 'calendarList') return requestFingerprint(PARAMS.calendarList);
    this.eventTypes = null;
    const { eventTypes, ...params } = this.eventsParams();
    return requestFingerprint({ ...params, eventTypes: eventTypes.join(',') });
  }

  async listCalendars(
    request: PageRequest,
    signal: AbortSignal,
  ): Promise<ListPage<CalendarListEntry>> {
    try {
      const response = await this.api.calendarList.list(
        { ...PARAMS.calendarList, ...request },
        { retry: false, signal },
      );
      return toPage(response);
    } catch (error) {
      throw classify(error);
    }
  }

  async listEvents(
    calendarId: string,
    request: PageRequest,
    signal: AbortSignal,
  ): Promise<EventsPage> {
    try {
      const response = await this.api.events.list(
        { calendarId, ...this.eventsParams(), ...request },
        { retry: false, signal },
      );
      return toPage(response);
    } catch (error) {
      throw classify(error);
    }
  }
}

/** The orchestrator's `calendarSourceFor`, sharing each account's OAuth client with People. */
export function calendarSourceFactory(
  clientFor: (email: string) => OAuth2Client,
  rootUrl: string,
  choice?: () => EventsChoice,
): (account: Account) => CalendarSource {
  const sources = new WeakMap<OAuth2Client, CalendarSource>();
  return (account) => {
    const client = clientFor(account.email);
    let source = sources.get(client);
    if (!source) {
      source = new GoogleCalendarSource(client, rootUrl, choice);
      sources.set(client, source);
    }
    return source;
  };
}
