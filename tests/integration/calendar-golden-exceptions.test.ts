/**
 * Golden series with Google's exceptions, through the real sync and agenda: an exception is an
 * event of its own with `recurringEventId` and `originalStartTime`; a cancelled one removes its
 * occurrence, a modified one replaces it. Occurrences written out by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './harness.js';
import { calendars, syncCalendars } from './calendar-support.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const PRIMARY = 'me@example.com';
const BERLIN = 'Europe/Berlin';
const LORD_HOWE = 'Australia/Lord_Howe';

const agenda = (from: string, to: string) =>
  calendars(h)
    .agenda({ from: `${from}T00:00:00Z`, to: `${to}T00:00:00Z` })
    .map((i) => [i.summary, i.start, i.seriesId !== null]);

describe('golden series with exceptions', () => {
  it('last weekday of the month: April cancelled, May moved to the day before', async () => {
    h = await Harness.start();
    const at = (date: string, time: string) => ({
      dateTime: `${date}T${time}:00+02:00`,
      timeZone: BERLIN,
    });
    const id = h.fake.calendar.addEvent(PRIMARY, {
      summary: 'Monthly report',
      start: at('2026-03-31', '16:00'),
      end: at('2026-03-31', '17:00'),
      recurrence: ['RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'],
    });
    h.fake.calendar.cancelOccurrence(PRIMARY, id, at('2026-04-30', '16:00'));
    h.fake.calendar.modifyOccurrence(PRIMARY, id, at('2026-05-29', '16:00'), {
      summary: 'Monthly report (moved)',
      start: at('2026-05-28', '10:00'),
      end: at('2026-05-28', '11:00'),
    });
    await syncCalendars(h);
    expect(agenda('2026-04-01', '2026-07-01')).toEqual([
      ['Monthly report (moved)', '2026-05-28T10:00:00+02:00', true],
      ['Monthly report', '2026-06-30T16:00:00+02:00', true],
    ]);
  });

  it('all-day Fridays: one cancelled, one moved to Saturday', async () => {
    h = await Harness.start();
    const id = h.fake.calendar.addEvent(PRIMARY, {
      summary: 'Gym',
      start: { date: '2026-01-09' },
      end: { date: '2026-01-10' },
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=FR'],
    });
    h.fake.calendar.cancelOccurrence(PRIMARY, id, { date: '2026-01-16' });
    h.fake.calendar.modifyOccurrence(
      PRIMARY,
      id,
      { date: '2026-01-23' },
      { start: { date: '2026-01-24' }, end: { date: '2026-01-25' } },
    );
    await syncCalendars(h);
    expect(agenda('2026-01-01', '2026-02-01')).toEqual([
      ['Gym', '2026-01-09', true],
      ['Gym', '2026-01-24', true],
      ['Gym', '2026-01-30', true],
    ]);
  });

  it("COUNT's extra first occurrence (a Monday) can be cancelled like any other", async () => {
    h = await Harness.start();
    const at = (day: string) => ({ dateTime: `2026-01-${day}T09:00:00+01:00`, timeZone: BERLIN });
    const id = h.fake.calendar.addEvent(PRIMARY, {
      summary: 'Course',
      start: at('05'),
      end: { dateTime: '2026-01-05T10:00:00+01:00', timeZone: BERLIN },
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=3'],
    });
    await syncCalendars(h);
    expect(agenda('2026-01-01', '2026-02-01').map((i) => i[1])).toEqual(
      ['05', '06', '08', '13'].map((d) => at(d).dateTime),
    );
    h.fake.calendar.cancelOccurrence(PRIMARY, id, at('05'));
    await syncCalendars(h);
    expect(agenda('2026-01-01', '2026-02-01').map((i) => i[1])).toEqual(
      ['06', '08', '13'].map((d) => at(d).dateTime),
    );
  });

  it('Lord Howe: an instance moved on the day the clocks go back half an hour', async () => {
    h = await Harness.start();
    const id = h.fake.calendar.addEvent(PRIMARY, {
      summary: 'Walk',
      start: { dateTime: '2026-04-03T09:00:00+11:00', timeZone: LORD_HOWE },
      end: { dateTime: '2026-04-03T10:00:00+11:00', timeZone: LORD_HOWE },
      recurrence: ['RRULE:FREQ=DAILY;COUNT=4'],
    });
    h.fake.calendar.modifyOccurrence(
      PRIMARY,
      id,
      { dateTime: '2026-04-05T09:00:00+10:30', timeZone: LORD_HOWE },
      {
        start: { dateTime: '2026-04-05T11:00:00+10:30', timeZone: LORD_HOWE },
        end: { dateTime: '2026-04-05T12:00:00+10:30', timeZone: LORD_HOWE },
      },
    );
    await syncCalendars(h);
    expect(agenda('2026-04-01', '2026-04-10').map((i) => i[1])).toEqual([
      '2026-04-03T09:00:00+11:00',
      '2026-04-04T09:00:00+11:00',
      '2026-04-05T11:00:00+10:30',
      '2026-04-06T09:00:00+10:30',
    ]);
  });

  it('a rule the engine cannot read shows its first occurrence, marked', async () => {
    h = await Harness.start();
    h.fake.calendar.addEvent(PRIMARY, {
      summary: 'Odd',
      start: { dateTime: '2026-03-03T09:00:00+01:00', timeZone: BERLIN },
      end: { dateTime: '2026-03-03T10:00:00+01:00', timeZone: BERLIN },
      recurrence: ['RRULE:FREQ=FORTNIGHTLY'],
    });
    await syncCalendars(h);
    const items = calendars(h).agenda({ from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' });
    expect(items.map((i) => [i.start, i.patternNotShown])).toEqual([
      ['2026-03-03T09:00:00+01:00', true],
    ]);
  });
});
