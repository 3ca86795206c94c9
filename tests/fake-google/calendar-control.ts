/** /__control/calendar/* routes: FakeCalendar's controls over HTTP (JSON in and out). */
import { z } from 'zod';
import { EVENT_TYPES } from './calendar-store.js';
import type { FakeGoogle } from './server.js';

type Handler = (fake: FakeGoogle, body: Record<string, unknown>, url: URL) => unknown;

const OK = { ok: true };
const id = z.string().min(1);
const email = z.string().min(1).optional();
const dateTime = z.object({
  date: z.string().optional(),
  dateTime: z.string().optional(),
  timeZone: z.string().optional(),
});
const event = z.object({
  id: z.string().optional(),
  status: z.enum(['confirmed', 'tentative', 'cancelled']).optional(),
  summary: z.string().optional(),
  description: z.string().optional(),
  location: z.string().optional(),
  start: dateTime.optional(),
  end: dateTime.optional(),
  recurrence: z.array(z.string()).optional(),
  eventType: z.enum(EVENT_TYPES).optional(),
});
const calendar = z.object({
  id: z.string().optional(),
  summary: z.string().optional(),
  summaryOverride: z.string().optional(),
  timeZone: z.string().optional(),
  accessRole: z.string().optional(),
  primary: z.boolean().optional(),
  hidden: z.boolean().optional(),
});

export const CALENDAR_ROUTES: Record<string, Handler> = {
  'GET /calendar/calendars': (f, _b, url) =>
    f.calendar.calendars(url.searchParams.get('email') ?? undefined),
  'POST /calendar/calendars/add': (f, b) => {
    const body = calendar.extend({ email }).parse(b);
    const { email: user, ...input } = body;
    return { id: f.calendar.addCalendar(input, user) };
  },
  'POST /calendar/calendars/update': (f, b) => {
    const { id: calendarId, email: user, ...patch } = calendar.extend({ id, email }).parse(b);
    return (f.calendar.updateCalendar(calendarId, patch, user), OK);
  },
  'POST /calendar/calendars/remove': (f, b) => {
    const body = z.object({ id, email }).parse(b);
    return (f.calendar.removeCalendar(body.id, body.email), OK);
  },
  'GET /calendar/events': (f, _b, url) =>
    f.calendar.events(
      url.searchParams.get('calendarId') ?? f.calendar.primaryId,
      url.searchParams.get('email') ?? undefined,
    ),
  'POST /calendar/events/add': (f, b) => {
    const body = z.object({ calendarId: id, event, email }).parse(b);
    return { id: f.calendar.addEvent(body.calendarId, body.event, body.email) };
  },
  'POST /calendar/events/update': (f, b) => {
    const body = z.object({ calendarId: id, id, patch: event, email }).parse(b);
    return (f.calendar.updateEvent(body.calendarId, body.id, body.patch, body.email), OK);
  },
  'POST /calendar/events/delete': (f, b) => {
    const body = z.object({ calendarId: id, id, email }).parse(b);
    return (f.calendar.deleteEvent(body.calendarId, body.id, body.email), OK);
  },
  /** Cancels one instance of a series, or changes it when `patch` is given. */
  'POST /calendar/events/occurrence': (f, b) => {
    const body = z
      .object({ calendarId: id, seriesId: id, originalStart: dateTime, patch: event.optional() })
      .parse(b);
    const exception = body.patch
      ? f.calendar.modifyOccurrence(body.calendarId, body.seriesId, body.originalStart, body.patch)
      : f.calendar.cancelOccurrence(body.calendarId, body.seriesId, body.originalStart);
    return { id: exception };
  },
  'POST /calendar/events/seed': (f, b) => {
    const body = z
      .object({
        calendarId: id,
        count: z.number().int().min(0),
        seed: z.number().int().optional(),
        email,
      })
      .parse(b);
    const ids = f.calendar.seedEvents(body.calendarId, body.count, body.seed, body.email);
    return { count: ids.length };
  },
  'POST /calendar/events/purge': (f, b) => {
    const body = z.object({ calendarId: id, email }).parse(b);
    return { purged: f.calendar.purgeDeleted(body.calendarId, body.email) };
  },
  'POST /calendar/deny-scope': (f, b) => (f.calendar.denyScope(b.denied !== false), OK),
  'POST /calendar/paging': (f, b) => {
    const body = z
      .object({
        emptyPages: z.boolean().optional(),
        maxPerPage: z.number().int().min(1).nullable().optional(),
      })
      .parse(b);
    return (f.calendar.setPaging(body), OK);
  },
};
