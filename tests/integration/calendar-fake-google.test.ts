/** The fake Calendar API driven by the real @googleapis/calendar client, and its control routes. */
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeGoogle } from '../fake-google/server.js';

const PRIMARY = 'me@example.com';
const fake = new FakeGoogle();
let api: calendar_v3.Calendar;

beforeAll(async () => {
  await fake.start();
  const auth = new OAuth2Client({
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    endpoints: { oauth2TokenUrl: `${fake.url}/token` },
  });
  auth.setCredentials({ refresh_token: fake.refreshToken });
  api = calendar({ version: 'v3', auth, rootUrl: `${fake.url}/` });
});
afterAll(() => fake.stop());
afterEach(() => fake.reset());

/** The status and body of a failed call. */
async function failure(call: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  const error = (await call.then(
    () => ({}),
    (e: unknown) => e,
  )) as { response?: { status: number; data: unknown } };
  if (!error.response) throw new Error('expected the call to fail');
  return error.response;
}

async function allEvents(params: calendar_v3.Params$Resource$Events$List) {
  const items: calendar_v3.Schema$Event[] = [];
  let pageToken: string | undefined;
  let page: calendar_v3.Schema$Events;
  do {
    page = (await api.events.list({ ...params, ...(pageToken ? { pageToken } : {}) })).data;
    items.push(...(page.items ?? []));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return { items, nextSyncToken: page.nextSyncToken };
}

describe('fake Calendar API', () => {
  it('calendarList: removed entries come back deleted, then the real 410 once tokens expire', async () => {
    const team = fake.calendar.addCalendar({ summary: 'Team' });
    const full = (await api.calendarList.list({ showHidden: true })).data;
    expect(full.items?.map((c) => c.id)).toEqual([PRIMARY, team]);
    expect(full.items?.[0]).toMatchObject({ primary: true, accessRole: 'owner' });
    expect(full.nextSyncToken).toBeTruthy();

    fake.calendar.removeCalendar(team);
    const syncToken = full.nextSyncToken!;
    const changes = (await api.calendarList.list({ showHidden: true, syncToken })).data;
    expect(changes.items).toEqual([
      { kind: 'calendar#calendarListEntry', etag: expect.any(String), id: team, deleted: true },
    ]);
    fake.expireSyncTokens();
    const gone = await failure(api.calendarList.list({ showHidden: true, syncToken }));
    expect(gone.status).toBe(410);
    expect(gone.data).toEqual({
      error: {
        errors: [
          {
            domain: 'calendar',
            reason: 'fullSyncRequired',
            message: 'Sync token is no longer valid, a full sync is required.',
            locationType: 'parameter',
            location: 'syncToken',
          },
        ],
        code: 410,
        message: 'Sync token is no longer valid, a full sync is required.',
      },
    });
  });

  it('events: pages of maxResults, the sync token on the last page only, changes since it', async () => {
    fake.calendar.seedEvents(PRIMARY, 120);
    const first = (await api.events.list({ calendarId: PRIMARY, maxResults: 50 })).data;
    expect(first.items).toHaveLength(50);
    expect(first.nextPageToken).toBeTruthy();
    expect(first.nextSyncToken).toBeUndefined();
    const { items, nextSyncToken } = await allEvents({ calendarId: PRIMARY, maxResults: 50 });
    expect(items).toHaveLength(120);
    const [a, b] = items as [calendar_v3.Schema$Event, calendar_v3.Schema$Event];
    fake.calendar.deleteEvent(PRIMARY, a.id!);
    fake.calendar.updateEvent(PRIMARY, b.id!, { summary: 'Changed' });
    const changed = await allEvents({
      calendarId: PRIMARY,
      maxResults: 50,
      syncToken: nextSyncToken!,
    });
    expect(changed.items.map((e) => [e.id, e.status, e.summary])).toEqual([
      [a.id, 'cancelled', undefined],
      [b.id, 'confirmed', 'Changed'],
    ]);
  });

  it('a cancelled instance carries only its id, its series and its original start', async () => {
    const series = fake.calendar.addEvent(PRIMARY, {
      summary: 'Weekly',
      start: { dateTime: '2026-01-06T09:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-01-06T10:00:00+01:00', timeZone: 'Europe/Berlin' },
      recurrence: ['RRULE:FREQ=WEEKLY'],
    });
    const original = { dateTime: '2026-01-13T09:00:00+01:00', timeZone: 'Europe/Berlin' };
    const id = fake.calendar.cancelOccurrence(PRIMARY, series, original);
    expect(id).toBe(`${series}_20260113T080000Z`);
    // Listed even without showDeleted, as the API docs say for instances of series.
    const { items } = await allEvents({ calendarId: PRIMARY });
    expect(items.find((e) => e.id === id)).toEqual({
      kind: 'calendar#event',
      etag: expect.any(String),
      id,
      status: 'cancelled',
      recurringEventId: series,
      originalStartTime: original,
    });
  });

  it('refuses what Google refuses: filters with a sync token, unknown calendars', async () => {
    const { nextSyncToken } = await allEvents({ calendarId: PRIMARY });
    for (const extra of [{ q: 'x' }, { timeMin: '2026-01-01T00:00:00Z' }, { orderBy: 'updated' }]) {
      const refused = await failure(
        api.events.list({ calendarId: PRIMARY, syncToken: nextSyncToken!, ...extra }),
      );
      expect(refused.status).toBe(400);
    }
    expect(
      (await failure(api.events.list({ calendarId: 'nope@group.calendar.google.com' }))).status,
    ).toBe(404);
    fake.calendar.denyScope();
    const denied = await failure(api.calendarList.list());
    expect(denied.status).toBe(403);
    expect(JSON.stringify(denied.data)).toContain('ACCESS_TOKEN_SCOPE_INSUFFICIENT');
  });

  it('is controlled over HTTP under /__control/calendar', async () => {
    const control = async (method: string, route: string, body?: unknown) => {
      const response = await fetch(`${fake.url}/__control/calendar/${route}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, data: (await response.json()) as Record<string, unknown> };
    };
    const added = await control('POST', 'calendars/add', { summary: 'Via HTTP' });
    const calendarId = added.data['id'] as string;
    await control('POST', 'events/seed', { calendarId, count: 4 });
    const event = await control('POST', 'events/add', {
      calendarId,
      event: { summary: 'Lunch', start: { date: '2026-05-01' }, end: { date: '2026-05-02' } },
    });
    await control('POST', 'events/delete', { calendarId, id: event.data['id'] });
    expect((await control('POST', 'events/purge', { calendarId })).data).toEqual({ purged: 1 });
    const listed = await fetch(
      `${fake.url}/__control/calendar/events?calendarId=${encodeURIComponent(calendarId)}`,
    );
    expect(((await listed.json()) as unknown[]).length).toBe(4);
    expect((await control('POST', 'events/add', { calendarId })).status).toBe(400);
    expect((await control('POST', 'calendars/remove', { id: 'nope' })).status).toBe(404);
  });
});
