/**
 * Calendar sync end to end: the real orchestrator, SQLite file and @googleapis/calendar client
 * against the fake Google's Calendar API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eventsListing } from '../../src/main/core/db/sync-state.js';
import { Harness } from './harness.js';
import {
  calendars,
  localEvents,
  localState,
  serverState,
  syncCalendars,
} from './calendar-support.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const PRIMARY = 'me@example.com';

async function start(events = 0): Promise<Harness> {
  h = await Harness.start();
  if (events) h.fake.calendar.seedEvents(PRIMARY, events);
  return h;
}

describe('calendar full sync', () => {
  it('mirrors the primary calendar exactly, in pages of 2500, and only the primary by default', async () => {
    await start(6_000);
    const work = h.fake.calendar.addCalendar({ summary: 'Work' });
    h.fake.calendar.seedEvents(work, 40, 2);
    const run = await syncCalendars(h);
    expect(run).toMatchObject({ status: 'success', resource: 'calendar', kind: 'full' });
    // 1 calendar list page + 3 event pages of at most 2500; the Work calendar is not mirrored.
    expect(run.apiCalls).toBe(4);
    expect(h.fake.requestCount('events')).toBe(3);
    expect(run.counts.fetched).toBe(2 + 6_000);
    expect(localState(h, PRIMARY)).toEqual(serverState(h, PRIMARY));
    expect(localEvents(h, work)).toEqual([]);
    const list = calendars(h).listCalendars();
    expect(list.map((c) => [c.calendarId, c.primary, c.selected])).toEqual([
      [PRIMARY, true, true],
      [work, false, false],
    ]);
    expect(h.syncState.get(h.accountId, eventsListing(PRIMARY)).syncToken).toBeTruthy();
  });

  it('stores all-day and timed events faithfully, raw as Google sent them', async () => {
    await start();
    const allDay = h.fake.calendar.addEvent(PRIMARY, {
      summary: 'Holiday',
      start: { date: '2026-07-01' },
      end: { date: '2026-07-04' },
    });
    const timed = h.fake.calendar.addEvent(PRIMARY, {
      summary: 'Call with Tokyo',
      start: { dateTime: '2026-03-29T01:30:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-03-29T03:30:00+02:00', timeZone: 'Europe/Berlin' },
    });
    await syncCalendars(h);
    const rows = new Map(localEvents(h, PRIMARY).map((e) => [e.eventId, e]));
    expect(rows.get(allDay)).toMatchObject({ allDay: 1, start: '2026-07-01', end: '2026-07-04' });
    expect(rows.get(timed)).toMatchObject({
      allDay: 0,
      start: '2026-03-29T01:30:00+01:00',
      end: '2026-03-29T03:30:00+02:00',
      timeZone: 'Europe/Berlin',
    });
    for (const event of h.fake.calendar.events(PRIMARY)) {
      expect(JSON.parse(rows.get(event['id'] as string)!.raw)).toEqual(event);
    }
  });

  it('does not stop at short or empty pages that still have a next page', async () => {
    await start(60);
    h.fake.calendar.setPaging({ emptyPages: true, maxPerPage: 7 });
    const run = await syncCalendars(h);
    expect(run.status).toBe('success');
    expect(run.pages).toBeGreaterThan(1 + 60 / 7);
    expect(localState(h, PRIMARY)).toEqual(serverState(h, PRIMARY));
    h.fake.calendar.seedEvents(PRIMARY, 9, 3);
    const next = await syncCalendars(h);
    expect(next).toMatchObject({ kind: 'incremental', counts: { created: 9 } });
    expect(localState(h, PRIMARY)).toEqual(serverState(h, PRIMARY));
  });
});

describe('calendar incremental sync', () => {
  it('applies additions, changes, deletions and a cancelled instance, equal to the server', async () => {
    await start(300);
    await syncCalendars(h);
    const ids = h.fake.calendar.events(PRIMARY).map((e) => e['id'] as string);
    h.fake.calendar.seedEvents(PRIMARY, 3, 7);
    h.fake.calendar.updateEvent(PRIMARY, ids[0]!, { summary: 'Renamed' });
    h.fake.calendar.updateEvent(PRIMARY, ids[1]!, { location: 'Elsewhere' });
    h.fake.calendar.deleteEvent(PRIMARY, ids[2]!);
    h.fake.calendar.deleteEvent(PRIMARY, ids[3]!);
    const series = h.fake.calendar.addEvent(PRIMARY, {
      summary: 'Weekly',
      start: { dateTime: '2026-01-06T09:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-01-06T10:00:00+01:00', timeZone: 'Europe/Berlin' },
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'],
    });
    h.fake.calendar.cancelOccurrence(PRIMARY, series, {
      dateTime: '2026-01-13T09:00:00+01:00',
      timeZone: 'Europe/Berlin',
    });
    h.fake.resetCounts();
    const run = await syncCalendars(h);
    expect(run).toMatchObject({
      status: 'success',
      kind: 'incremental',
      counts: { fetched: 3 + 2 + 2 + 2, created: 4, updated: 2, deleted: 3 },
    });
    expect(run.apiCalls).toBe(2);
    expect(localState(h, PRIMARY)).toEqual(serverState(h, PRIMARY));
    const deleted = localEvents(h, PRIMARY, { includeDeleted: true }).filter((e) => e.deletedAt);
    expect(deleted.map((e) => e.eventId).sort()).toEqual([ids[2], ids[3]].sort());
    // The cancelled instance is an exception row, not a deleted series.
    const exception = localEvents(h, PRIMARY).find((e) => e.eventId.startsWith(`${series}_`));
    expect(exception).toMatchObject({ status: 'cancelled', deletedAt: null });
    expect(localEvents(h, PRIMARY).find((e) => e.eventId === series)?.status).toBe('confirmed');
  });

  it('costs one call per listing when nothing changed', async () => {
    await start(50);
    await syncCalendars(h);
    const run = await syncCalendars(h);
    expect(run).toMatchObject({ kind: 'incremental', apiCalls: 2 });
    expect(run.counts).toMatchObject({ created: 0, updated: 0, deleted: 0 });
  });

  it('a 410 (fullSyncRequired) lists the calendar again in the same run and sweeps what vanished', async () => {
    await start(400);
    await syncCalendars(h);
    const gone = h.fake.calendar
      .events(PRIMARY)
      .slice(10, 15)
      .map((e) => e['id'] as string);
    for (const id of gone) h.fake.calendar.deleteEvent(PRIMARY, id);
    // Google purges old tombstones; the token is too old to say what happened meanwhile.
    expect(h.fake.calendar.purgeDeleted(PRIMARY)).toBe(5);
    h.fake.expireSyncTokens();
    const run = await syncCalendars(h);
    expect(run).toMatchObject({
      status: 'success',
      kind: 'full_after_expired_token',
      counts: { deleted: 5 },
    });
    expect(localState(h, PRIMARY)).toEqual(serverState(h, PRIMARY));
    const swept = localEvents(h, PRIMARY, { includeDeleted: true }).filter((e) => e.deletedAt);
    expect(swept.map((e) => e.eventId).sort()).toEqual([...gone].sort());
    const next = await syncCalendars(h);
    expect(next).toMatchObject({ kind: 'incremental', apiCalls: 2 });
  });
});

describe('the calendar list', () => {
  it("soft-deletes a removed calendar's events and forgets its token", async () => {
    await start(20);
    const team = h.fake.calendar.addCalendar({ summary: 'Team', hidden: true });
    h.fake.calendar.seedEvents(team, 30, 5);
    await syncCalendars(h);
    calendars(h).setSelected(h.accountId, team, true);
    const chosen = await syncCalendars(h);
    expect(chosen.counts.created).toBe(30);
    expect(localState(h, team)).toEqual(serverState(h, team));

    h.fake.calendar.removeCalendar(team);
    const run = await syncCalendars(h);
    expect(run).toMatchObject({ status: 'success', counts: { deleted: 1 + 30 } });
    expect(localEvents(h, team)).toEqual([]);
    expect(localEvents(h, team, { includeDeleted: true })).toHaveLength(30);
    expect(h.syncState.get(h.accountId, eventsListing(team)).syncToken).toBeNull();
    expect(
      calendars(h)
        .listCalendars()
        .map((c) => c.calendarId),
    ).toEqual([PRIMARY]);
    expect(localState(h, PRIMARY)).toEqual(serverState(h, PRIMARY));
  });

  it('a full listing sweeps a calendar that left the list while tokens were expired', async () => {
    await start();
    const team = h.fake.calendar.addCalendar({ summary: 'Team' });
    h.fake.calendar.seedEvents(team, 5, 5);
    await syncCalendars(h);
    calendars(h).setSelected(h.accountId, team, true);
    await syncCalendars(h);
    h.fake.calendar.removeCalendar(team);
    h.fake.expireSyncTokens();
    const run = await syncCalendars(h);
    expect(run).toMatchObject({ kind: 'full_after_expired_token', counts: { deleted: 1 + 5 } });
    expect(localEvents(h, team)).toEqual([]);
  });
});

describe('calendar errors', () => {
  it('a grant without the calendar scope fails the run with what to do', async () => {
    await start(5);
    h.fake.calendar.denyScope();
    const run = await syncCalendars(h);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('SCOPE_MISSING');
    expect(run.error?.message).toMatch(/calendar.*Reconnect/s);
    expect(run.apiCalls).toBe(1); // not retried: asking again cannot help
  });

  it('retries a 503 on an events page and still mirrors everything', async () => {
    await start(3_000);
    h.fake.injectFault({ path: 'events', kind: 'status', status: 503, afterRequests: 1 });
    const run = await syncCalendars(h);
    expect(run.status).toBe('success');
    expect(run.apiCalls).toBe(1 + 2 + 1);
    expect(localState(h, PRIMARY)).toEqual(serverState(h, PRIMARY));
  });
});
