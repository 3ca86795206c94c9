/**
 * One bad calendar never stops the rest (issue 14): a calendar that fails on its own is recorded
 * with its own error and skipped while the others sync; a calendar whose tokens keep expiring is
 * listed in full at most once a day; what concerns the whole account still fails the run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CalendarFault } from '../fake-google/calendar-fake.js';
import { Harness } from './harness.js';
import { calendars, localState, serverState, syncCalendars } from './calendar-support.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const PRIMARY = 'me@example.com';
const HOUR = 3_600_000;

/** Primary, "Gone" and "Team", each with events, all mirrored; "Gone" is listed before "Team". */
async function threeCalendars(clock?: { now: () => Date }) {
  h = await Harness.start(clock ? { clock } : {});
  const gone = h.fake.calendar.addCalendar({ summary: 'Gone' });
  const team = h.fake.calendar.addCalendar({ summary: 'Team' });
  h.fake.calendar.seedEvents(PRIMARY, 5, 1);
  h.fake.calendar.seedEvents(gone, 4, 2);
  h.fake.calendar.seedEvents(team, 6, 3);
  await syncCalendars(h);
  for (const id of [gone, team]) calendars(h).setSelected(h.accountId, id, true);
  expect((await syncCalendars(h)).status).toBe('success');
  return { gone, team };
}

const errorOf = (calendarId: string) =>
  calendars(h)
    .listCalendars()
    .find((c) => c.calendarId === calendarId)?.syncError ?? null;

describe('a calendar that fails on its own', () => {
  it.each([
    ['notFound', 'NOT_FOUND', /no longer finds the calendar "Gone"/],
    ['forbidden', 'FORBIDDEN', /refused to list the events of "Gone" \(HTTP 403\)/],
  ] as [CalendarFault, string, RegExp][])(
    '(%s) is recorded with its own error and skipped; the others sync',
    async (fault, code, text) => {
      const { gone, team } = await threeCalendars();
      h.fake.calendar.addEvent(team, { summary: 'New in Team', start: { date: '2026-05-01' } });
      h.fake.calendar.addEvent(PRIMARY, {
        summary: 'New in primary',
        start: { date: '2026-05-02' },
      });
      h.fake.calendar.breakCalendar(gone, fault);

      const run = await syncCalendars(h);
      // Not a failed run (the circuit breaker counts those), and not a silent success either.
      expect(run.status).toBe('success');
      expect(run.error?.code).toBe('CALENDARS_SKIPPED');
      expect(run.error?.message).toMatch(text);
      expect(run.counts.errors).toBe(1);
      expect(localState(h, team)).toEqual(serverState(h, team));
      expect(localState(h, PRIMARY)).toEqual(serverState(h, PRIMARY));
      expect(errorOf(gone)).toMatchObject({ code, message: expect.stringMatching(text) });
      expect(errorOf(team)).toBeNull();

      // Skipped only until the next run: once Google answers again, the error is gone.
      h.fake.calendar.breakCalendar(gone, null);
      const again = await syncCalendars(h);
      expect(again).toMatchObject({ status: 'success', error: null });
      expect(errorOf(gone)).toBeNull();
      expect(localState(h, gone)).toEqual(serverState(h, gone));
    },
  );

  it('when every mirrored calendar failed, nothing synced: the run fails, the calendar says why', async () => {
    h = await Harness.start();
    await syncCalendars(h);
    h.fake.calendar.breakCalendar(PRIMARY, 'notFound');
    const run = await syncCalendars(h);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('NOT_FOUND');
    expect(errorOf(PRIMARY)?.message).toMatch(/no longer finds the calendar/);
  });

  it('a transient error (5xx after retries) still fails the whole run, as before', async () => {
    const { gone } = await threeCalendars();
    h.fake.injectFault({ path: 'events', kind: 'status', status: 503, count: 100 });
    const run = await syncCalendars(h);
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('SERVER_ERROR');
    // Google (or the way to it) is unwell, not the calendar: nothing is pinned on a calendar.
    expect(errorOf(PRIMARY)).toBeNull();
    expect(errorOf(gone)).toBeNull();
  });
});

describe('a calendar whose sync tokens keep expiring (410)', () => {
  it('is listed in full at most once a day after the second 410 in a row', async () => {
    let now = Date.parse('2026-04-01T08:00:00Z');
    const clock = { now: () => new Date(now) };
    const { gone } = await threeCalendars(clock);
    h.fake.calendar.breakCalendar(gone, 'tokensExpire');
    const eventCalls = async () => {
      const before = h.fake.requestCount('events');
      const run = await syncCalendars(h);
      return { run, calls: h.fake.requestCount('events') - before };
    };

    // The first 410: listed in full in the same run, as always (3 calendars: 1 + 1 + 2 calls).
    now += HOUR;
    const first = await eventCalls();
    expect(first.run).toMatchObject({ status: 'success', kind: 'full_after_expired_token' });
    expect(first.calls).toBe(4);

    // The second in a row: no full listing before a day has passed; the calendar says why.
    now += HOUR;
    const second = await eventCalls();
    expect(second.calls).toBe(3);
    expect(second.run).toMatchObject({ status: 'success', kind: 'incremental' });
    expect(second.run.error?.code).toBe('CALENDARS_SKIPPED');
    expect(errorOf(gone)).toMatchObject({
      code: 'EXPIRED_SYNC_TOKEN',
      message: expect.stringContaining('at most once a day, next after 2026-04-02T09:00:00.000Z'),
    });
    now += 10 * HOUR;
    expect((await eventCalls()).calls).toBe(3);

    // A day after the last full listing, one more.
    now += 14 * HOUR;
    const daily = await eventCalls();
    expect(daily.calls).toBe(4);
    expect(daily.run).toMatchObject({ status: 'success', error: null });
    expect(localState(h, gone)).toEqual(serverState(h, gone));

    // Once its tokens work again, it is incremental and cheap like the others.
    h.fake.calendar.breakCalendar(gone, null);
    now += HOUR;
    expect((await eventCalls()).calls).toBe(3);
    now += HOUR;
    h.fake.calendar.breakCalendar(gone, 'tokensExpire');
    expect((await eventCalls()).calls).toBe(4);
  });
});
