/**
 * GET /calendar/v3/users/me/calendarList and GET /calendar/v3/calendars/{id}/events, with the
 * paging and sync-token rules of the real Calendar API (v3) over the shared listing mechanics.
 */
import { EVENT_TYPES } from './calendar-store.js';
import type { CalendarData, CalendarRecord, EventRecord, EventType } from './calendar-store.js';
import { calendarError, invalidParameter } from './calendar-errors.js';
import { json } from './http.js';
import type { Reply } from './http.js';
import { checkParams, collectPage, finishListing, resolveListing } from './listing.js';
import type { ListingContext } from './listing.js';
import { paramHash } from './tokens.js';

export type CalendarContext = ListingContext<CalendarData> & {
  /** Serve at most this many items a page whatever maxResults says (Google's pages run short). */
  maxPerPage: number | null;
};

const etag = (seq: number) => `"${1_700_000_000_000_000 + seq}"`;

function parseBool(q: URLSearchParams, name: string): boolean | null | Reply {
  const raw = q.get(name);
  if (raw === null || raw === '') return null;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return invalidParameter(`Invalid boolean value: '${raw}'`, name);
}

function parseMax(q: URLSearchParams, fallback: number, cap: number): number | Reply {
  const raw = q.get('maxResults');
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) return invalidParameter('Invalid value', 'maxResults');
  return Math.min(n, cap); // Google silently serves at most its maximum
}

export function renderEntry(c: CalendarRecord): Record<string, unknown> {
  if (c.deleted)
    return { kind: 'calendar#calendarListEntry', etag: etag(c.seq), id: c.id, deleted: true };
  return {
    kind: 'calendar#calendarListEntry',
    etag: etag(c.seq),
    id: c.id,
    summary: c.summary,
    ...(c.summaryOverride ? { summaryOverride: c.summaryOverride } : {}),
    ...(c.description ? { description: c.description } : {}),
    timeZone: c.timeZone,
    colorId: '14',
    backgroundColor: c.backgroundColor,
    foregroundColor: '#000000',
    selected: true,
    accessRole: c.accessRole,
    defaultReminders: c.primary ? [{ method: 'popup', minutes: 10 }] : [],
    ...(c.primary ? { primary: true } : {}),
    ...(c.hidden ? { hidden: true } : {}),
  };
}

export function renderEvent(e: EventRecord, calendarId: string): Record<string, unknown> {
  const head = { kind: 'calendar#event', etag: etag(e.seq), id: e.id, status: e.status };
  if (e.status === 'cancelled') {
    // All a tombstone or a cancelled instance carries (the docs guarantee no more).
    return e.recurringEventId
      ? { ...head, recurringEventId: e.recurringEventId, originalStartTime: e.originalStartTime }
      : head;
  }
  return {
    ...head,
    htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${e.id} ${calendarId}`).toString('base64url')}`,
    created: e.created,
    updated: e.updated,
    ...(e.summary !== undefined ? { summary: e.summary } : {}),
    ...(e.description !== undefined ? { description: e.description } : {}),
    ...(e.location !== undefined ? { location: e.location } : {}),
    creator: { email: calendarId, self: true },
    organizer: { email: calendarId, self: true },
    start: e.start,
    end: e.end,
    ...(e.recurrence ? { recurrence: e.recurrence } : {}),
    ...(e.recurringEventId
      ? { recurringEventId: e.recurringEventId, originalStartTime: e.originalStartTime }
      : {}),
    iCalUID: `${e.recurringEventId ?? e.id}@google.com`,
    sequence: 0,
    reminders: { useDefault: true },
    eventType: e.eventType ?? 'default',
  };
}

/**
 * `eventTypes` may repeat; unset (an empty list here), every type is listed (API reference,
 * events.list). An unknown type is refused as Google refuses an invalid value.
 */
function eventTypesOf(q: URLSearchParams): EventType[] | Reply {
  const asked = q.getAll('eventTypes');
  const unknown = asked.find((t) => !(EVENT_TYPES as readonly string[]).includes(t));
  if (unknown !== undefined)
    return invalidParameter(`Invalid event type: ${unknown}`, 'eventTypes');
  return [...new Set(asked as EventType[])].sort();
}

export function listCalendarList(ctx: CalendarContext, url: URL): Reply {
  const q = url.searchParams;
  const bad = checkParams(q, [
    'maxResults',
    'minAccessRole',
    'pageToken',
    'showDeleted',
    'showHidden',
    'syncToken',
  ]);
  if (bad) return bad;
  const showDeleted = parseBool(q, 'showDeleted');
  const showHidden = parseBool(q, 'showHidden');
  if (typeof showDeleted === 'object' && showDeleted !== null) return showDeleted;
  if (typeof showHidden === 'object' && showHidden !== null) return showHidden;
  if (
    q.get('syncToken') &&
    (showDeleted === false || showHidden === false || q.has('minAccessRole'))
  ) {
    return invalidParameter('Invalid combination of parameters with syncToken.', 'syncToken');
  }
  const max = parseMax(q, 100, 250);
  if (typeof max !== 'number') return max;
  const baseHash = paramHash({
    maxResults: String(max),
    minAccessRole: q.get('minAccessRole') ?? '',
    showDeleted: String(showDeleted ?? false),
    showHidden: String(showHidden ?? false),
  });
  const resolved = resolveListing(ctx, {
    api: 'calendars',
    baseHash,
    pageToken: q.get('pageToken'),
    syncToken: q.get('syncToken'),
  });
  if ('status' in resolved) return resolved;
  const since = resolved.state.since;
  const match = resolved.incremental
    ? (c: CalendarRecord) => c.seq > since
    : (c: CalendarRecord) =>
        (!c.deleted || showDeleted === true) && (!c.hidden || showHidden === true);
  const page = collectPage(ctx.store.calendars, resolved.state.cursor, max, match);
  const body = finishListing(
    { ...ctx, emptyPages: false },
    {
      api: 'calendars',
      baseHash,
      resolved,
      page,
      wantSync: true,
      key: 'items',
      render: renderEntry,
      totals: {},
    },
  );
  return json(200, {
    kind: 'calendar#calendarList',
    etag: etag(ctx.store.seq),
    ...body,
    items: body.items ?? [],
  });
}

/** Parameters that make no sense with a sync token; Google refuses them together. */
const NOT_WITH_SYNC_TOKEN = [
  'iCalUID',
  'orderBy',
  'privateExtendedProperty',
  'q',
  'sharedExtendedProperty',
  'timeMin',
  'timeMax',
  'updatedMin',
];

export function listEvents(ctx: CalendarContext, url: URL, calendar: CalendarRecord): Reply {
  const q = url.searchParams;
  const bad = checkParams(q, [
    'alwaysIncludeEmail',
    'eventTypes',
    'maxAttendees',
    'maxResults',
    'pageToken',
    'showDeleted',
    'showHiddenInvitations',
    'singleEvents',
    'syncToken',
    'timeZone',
    ...NOT_WITH_SYNC_TOKEN,
  ]);
  if (bad) return bad;
  if (q.get('syncToken')) {
    const clash = NOT_WITH_SYNC_TOKEN.find((name) => q.has(name));
    if (clash) return invalidParameter(`${clash} cannot be used together with syncToken.`, clash);
  }
  const showDeleted = parseBool(q, 'showDeleted');
  if (typeof showDeleted === 'object' && showDeleted !== null) return showDeleted;
  const singleEvents = parseBool(q, 'singleEvents');
  if (singleEvents === true) {
    return calendarError(
      400,
      'invalid',
      'singleEvents=true is not implemented by the fake server.',
    );
  }
  const max = parseMax(q, 250, 2500);
  if (typeof max !== 'number') return max;
  const types = eventTypesOf(q);
  if (!Array.isArray(types)) return types;
  const ofType = (e: EventRecord) => types.length === 0 || types.includes(e.eventType ?? 'default');
  // A token belongs to the parameters that made it; other eventTypes are another listing.
  const baseHash = paramHash({
    calendarId: calendar.id,
    maxResults: String(max),
    showDeleted: String(showDeleted ?? false),
    eventTypes: types.join(','),
  });
  const resolved = resolveListing(ctx, {
    api: 'events',
    baseHash,
    pageToken: q.get('pageToken'),
    syncToken: q.get('syncToken'),
  });
  if ('status' in resolved) return resolved;
  const since = resolved.state.since;
  // A full listing without showDeleted still carries cancelled instances of series (API docs).
  const match = resolved.incremental
    ? (e: EventRecord) => e.seq > since && !e.purged && ofType(e)
    : (e: EventRecord) =>
        !e.purged &&
        ofType(e) &&
        (showDeleted === true || e.status !== 'cancelled' || !!e.recurringEventId);
  const events = ctx.store.eventsOf(calendar.id);
  const page = collectPage(
    events,
    resolved.state.cursor,
    Math.min(max, ctx.maxPerPage ?? max),
    match,
  );
  const body = finishListing(ctx, {
    api: 'events',
    baseHash,
    resolved,
    page,
    wantSync: true,
    key: 'items',
    render: (e) => renderEvent(e, calendar.id),
    totals: {},
  });
  return json(200, {
    kind: 'calendar#events',
    etag: etag(ctx.store.seq),
    summary: calendar.summary,
    description: calendar.description ?? '',
    updated: ctx.store.lastUpdated,
    timeZone: calendar.timeZone,
    accessRole: calendar.accessRole,
    defaultReminders: [],
    ...body,
    items: body.items ?? [],
  });
}
