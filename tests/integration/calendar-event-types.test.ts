/**
 * Only real events, in the calendar's current zone (issue 14): events.list asks for the event
 * types the agenda shows, and each page's `timeZone` is the calendar's zone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EventType } from '../fake-google/calendar-store.js';
import { Harness } from './harness.js';
import { calendars, localEvents, syncCalendars } from './calendar-support.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const PRIMARY = 'me@example.com';
const TYPES: EventType[] = [
  'default',
  'fromGmail',
  'birthday',
  'workingLocation',
  'outOfOffice',
  'focusTime',
];

const storedSummaries = () =>
  localEvents(h, PRIMARY)
    .map((e) => (JSON.parse(e.raw) as { summary: string }).summary)
    .sort();

describe('event types', () => {
  it('mirrors regular and Gmail events; birthdays only when asked; never status entries', async () => {
    const choice = { showBirthdays: false };
    h = await Harness.start({ eventsChoice: () => choice });
    for (const eventType of TYPES) {
      h.fake.calendar.addEvent(PRIMARY, {
        summary: eventType,
        eventType,
        start: { date: '2026-06-10' },
        end: { date: '2026-06-11' },
      });
    }
    // The fake serves every type, as Google does to a request without eventTypes.
    expect(h.fake.calendar.events(PRIMARY)).toHaveLength(TYPES.length);

    expect((await syncCalendars(h)).status).toBe('success');
    expect(storedSummaries()).toEqual(['default', 'fromGmail']);

    // Turned on: the old token belongs to other parameters, so a plain full listing (not one
    // after Google refused the token) brings the birthdays in.
    choice.showBirthdays = true;
    const on = await syncCalendars(h);
    expect(on).toMatchObject({ status: 'success', kind: 'full' });
    expect(storedSummaries()).toEqual(['birthday', 'default', 'fromGmail']);

    // Turned off again: listed anew, and the birthdays leave the mirror.
    choice.showBirthdays = false;
    const off = await syncCalendars(h);
    expect(off).toMatchObject({ status: 'success', kind: 'full' });
    expect(storedSummaries()).toEqual(['default', 'fromGmail']);
  });

  it('a choice changed in the middle of a listing waits for the next listing', async () => {
    let reads = 0;
    // Off when the listing starts and for its first page, on from its second page on.
    h = await Harness.start({ eventsChoice: () => ({ showBirthdays: reads++ > 1 }) });
    h.fake.calendar.seedEvents(PRIMARY, 6);
    h.fake.calendar.setPaging({ maxPerPage: 2 });
    const run = await syncCalendars(h);
    expect(run).toMatchObject({ status: 'success', kind: 'full', pages: 4 });
  });
});

describe("the calendar's time zone", () => {
  it('follows events.list, whose every page reports it, even without changed events', async () => {
    h = await Harness.start();
    h.fake.calendar.addEvent(PRIMARY, {
      summary: 'Holiday',
      start: { date: '2026-07-01' },
      end: { date: '2026-07-02' },
    });
    await syncCalendars(h);
    const zone = () => calendars(h).listCalendars()[0]?.timeZone;
    expect(zone()).toBe('Europe/Berlin');

    // Changed in Google Calendar's settings: calendarList's incremental listing does not say so.
    h.fake.calendar.setTimeZone(PRIMARY, 'America/New_York');
    const run = await syncCalendars(h);
    expect(run).toMatchObject({ status: 'success', kind: 'incremental' });
    expect(zone()).toBe('America/New_York');

    // The all-day event now spans the New York day, in the store and in the agenda.
    const stored = h.db
      .prepare<[], { startUtc: string; endUtc: string }>(
        'SELECT start_utc AS startUtc, end_utc AS endUtc FROM calendar_events',
      )
      .get();
    expect(stored).toEqual({
      startUtc: '2026-07-01T04:00:00.000Z',
      endUtc: '2026-07-02T04:00:00.000Z',
    });
    const agenda = calendars(h).agenda({
      from: '2026-07-01T00:00:00Z',
      to: '2026-07-01T04:00:00Z',
    });
    // Midnight to 04:00 UTC is still 30 June in New York: the holiday has not begun.
    expect(agenda).toEqual([]);
    const day = calendars(h).agenda({ from: '2026-07-01T12:00:00Z', to: '2026-07-01T13:00:00Z' });
    expect(day.map((i) => [i.summary, i.start, i.end])).toEqual([
      ['Holiday', '2026-07-01', '2026-07-02'],
    ]);
  });

  it('a zone the calendar list reports moves the all-day events too', async () => {
    h = await Harness.start();
    h.fake.calendar.addEvent(PRIMARY, {
      start: { date: '2026-07-01' },
      end: { date: '2026-07-02' },
    });
    await syncCalendars(h);
    h.fake.calendar.updateCalendar(PRIMARY, { timeZone: 'Asia/Tokyo' });
    expect((await syncCalendars(h)).status).toBe('success');
    const stored = h.db.prepare<[], { startUtc: string }>(
      'SELECT start_utc AS startUtc FROM calendar_events',
    );
    expect(stored.get()?.startUtc).toBe('2026-06-30T15:00:00.000Z');
  });
});
