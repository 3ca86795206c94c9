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

/** One call per page, like PeopleSource; the sync engine decides about tokens and storage. */
export interface CalendarSource {
  listCalendars(request: PageRequest, signal: AbortSignal): Promise<ListPage<CalendarListEntry>>;
  listEvents(
    calendarId: string,
    request: PageRequest,
    signal: AbortSignal,
  ): Promise<ListPage<CalendarEvent>>;
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
});

function toPage<T>(response: { data: unknown; headers?: unknown }): ListPage<T> {
  const parsed = page.safeParse(response.data);
  if (!parsed.success) throw malformedResponse(parsed.error);
  return {
    items: (parsed.data.items ?? []) as T[],
    nextPageToken: parsed.data.nextPageToken || null,
    nextSyncToken: parsed.data.nextSyncToken || null,
    totalItems: null,
    bytes: bytesOf(response),
  };
}

/**
 * Every parameter but the calendar and the tokens; the same on every page and every run, or Google
 * refuses the tokens. singleEvents stays false: a series is stored once with its exceptions, not
 * as instances.
 */
const PARAMS = {
  calendarList: { maxResults: CALENDARS_PAGE_SIZE, showHidden: true },
  events: { maxResults: EVENTS_PAGE_SIZE, showDeleted: true },
} satisfies Record<'calendarList' | 'events', ListingParams>;

/** A 403 for a missing scope says what to do about calendars in particular. */
function classify(error: unknown): AppError {
  const classified = classifyGoogleError(error);
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
 * token (iCalUID, orderBy, q, timeMin, timeMax, updatedMin) is ever sent.
 */
export class GoogleCalendarSource implements CalendarSource {
  private readonly api: calendar_v3.Calendar;

  constructor(auth: OAuth2Client, rootUrl: string) {
    this.api = calendar({ version: 'v3', auth, rootUrl });
  }

  fingerprint(listing: 'calendarList' | 'events'): string {
    return requestFingerprint(PARAMS[listing]);
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
  ): Promise<ListPage<CalendarEvent>> {
    try {
      const response = await this.api.events.list(
        { calendarId, ...PARAMS.events, ...request },
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
): (account: Account) => CalendarSource {
  const sources = new WeakMap<OAuth2Client, CalendarSource>();
  return (account) => {
    const client = clientFor(account.email);
    let source = sources.get(client);
    if (!source) {
      source = new GoogleCalendarSource(client, rootUrl);
      sources.set(client, source);
    }
    return source;
  };
}
