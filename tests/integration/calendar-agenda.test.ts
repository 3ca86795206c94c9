/** The agenda over synced data: recurring series expanded, exceptions applied, across DST. */
import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './harness.js';
import { calendars, syncCalendars } from './calendar-support.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const PRIMARY = 'me@example.com';
const BERLIN = 'Europe/Berlin';
/** Tuesdays 09:00–09:30 in Berlin from 17 March 2026: Europe moves its clocks on 29 March. */
const WEEKLY = {
  summary: 'Team sync',
  location: 'Room 4.12',
  start: { dateTime: '2026-03-17T09:00:00+01:00', timeZone: BERLIN },
  end: { dateTime: '2026-03-17T09:30:00+01:00', timeZone: BERLIN },
  recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'],
};

async function withSeries(): Promise<string> {
  h = await Harness.start();
  const id = h.fake.calendar.addEvent(PRIMARY, WEEKLY);
  await syncCalendars(h);
  return id;
}

const agenda = (from: string, to: string, query?: string) =>
  calendars(h).agenda({ from, to, ...(query ? { query } : {}) });

describe('agenda', () => {
  it('shows a weekly 09:00 Berlin series at 09:00 local across the DST change', async () => {
    const id = await withSeries();
    const items = agenda('2026-03-16T00:00:00Z', '2026-04-08T00:00:00Z');
    expect(items.map((i) => [i.start, i.end])).toEqual([
      ['2026-03-17T09:00:00+01:00', '2026-03-17T09:30:00+01:00'],
      ['2026-03-24T09:00:00+01:00', '2026-03-24T09:30:00+01:00'],
      ['2026-03-31T09:00:00+02:00', '2026-03-31T09:30:00+02:00'],
      ['2026-04-07T09:00:00+02:00', '2026-04-07T09:30:00+02:00'],
    ]);
    expect(items.map((i) => i.startUtc)).toEqual([
      '2026-03-17T08:00:00.000Z',
      '2026-03-24T08:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
      '2026-04-07T07:00:00.000Z',
    ]);
    expect(items[2]).toMatchObject({
      eventId: `${id}_20260331T070000Z`,
      seriesId: id,
      summary: 'Team sync',
      timeZone: BERLIN,
      allDay: false,
    });
  });

  it('a cancelled single instance removes just that occurrence', async () => {
    const id = await withSeries();
    h.fake.calendar.cancelOccurrence(PRIMARY, id, {
      dateTime: '2026-03-31T09:00:00+02:00',
      timeZone: BERLIN,
    });
    const run = await syncCalendars(h);
    expect(run).toMatchObject({ kind: 'incremental', counts: { deleted: 1 } });
    const items = agenda('2026-03-16T00:00:00Z', '2026-04-15T00:00:00Z');
    expect(items.map((i) => i.start.slice(0, 10))).toEqual([
      '2026-03-17',
      '2026-03-24',
      '2026-04-07',
      '2026-04-14',
    ]);
  });

  it('a moved instance shows once, at its new time, as part of its series', async () => {
    const id = await withSeries();
    const moved = h.fake.calendar.modifyOccurrence(
      PRIMARY,
      id,
      { dateTime: '2026-03-24T09:00:00+01:00', timeZone: BERLIN },
      {
        summary: 'Team sync (moved)',
        start: { dateTime: '2026-03-25T14:00:00+01:00', timeZone: BERLIN },
        end: { dateTime: '2026-03-25T15:00:00+01:00', timeZone: BERLIN },
      },
    );
    await syncCalendars(h);
    const items = agenda('2026-03-23T00:00:00Z', '2026-03-30T00:00:00Z');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      eventId: moved,
      seriesId: id,
      summary: 'Team sync (moved)',
      start: '2026-03-25T14:00:00+01:00',
    });
  });

  it('deleting the series removes every occurrence; all-day and single events stay', async () => {
    const id = await withSeries();
    h.fake.calendar.addEvent(PRIMARY, {
      summary: 'Easter holidays',
      start: { date: '2026-04-03' },
      end: { date: '2026-04-07' },
    });
    h.fake.calendar.addEvent(PRIMARY, {
      summary: 'Dentist',
      start: { dateTime: '2026-04-01T16:00:00+02:00', timeZone: BERLIN },
      end: { dateTime: '2026-04-01T16:45:00+02:00', timeZone: BERLIN },
    });
    h.fake.calendar.deleteEvent(PRIMARY, id);
    await syncCalendars(h);
    const items = agenda('2026-03-30T00:00:00Z', '2026-04-06T00:00:00Z');
    expect(items.map((i) => [i.summary, i.allDay, i.start, i.end])).toEqual([
      ['Dentist', false, '2026-04-01T16:00:00+02:00', '2026-04-01T16:45:00+02:00'],
      ['Easter holidays', true, '2026-04-03', '2026-04-07'],
    ]);
  });

  it('filters by text and leaves out calendars that are not mirrored', async () => {
    const id = await withSeries();
    const range = ['2026-03-16T00:00:00Z', '2026-03-23T00:00:00Z'] as const;
    expect(agenda(...range, 'room 4')).toHaveLength(1);
    expect(agenda(...range, 'nothing like it')).toEqual([]);
    expect(agenda(...range, '100%')).toEqual([]);
    calendars(h).setSelected(h.accountId, PRIMARY, false);
    expect(agenda(...range)).toEqual([]);
    calendars(h).setSelected(h.accountId, PRIMARY, true);
    expect(agenda(...range)[0]?.seriesId).toBe(id);
  });
});
