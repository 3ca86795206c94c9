import { describe, expect, it } from 'vitest';
import { dayNumber, parseRecurrence } from '../../src/main/core/calendar/recurrence.js';
import { expand, type SeriesStart } from '../../src/main/core/calendar/rrule.js';
import { isoInZone } from '../../src/main/core/calendar/agenda.js';

const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

function timed(date: string, hour: number, minute = 0, zone = BERLIN, hours = 1): SeriesStart {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = dayNumber(y, m, d);
  return { allDay: false, day, hour, minute, second: 0, zone, durationMs: hours * HOUR };
}

function allDay(date: string, days = 1): SeriesStart {
  return { ...timed(date, 0, 0, 'UTC'), allDay: true, durationMs: days * 24 * HOUR };
}

/** Local start times of the occurrences in [from, to). */
function local(series: SeriesStart, lines: string[], from: string, to: string): string[] {
  return expand(series, parseRecurrence(lines), at(from), at(to)).occurrences.map((o) =>
    series.allDay ? o.key : isoInZone(o.start, series.zone).slice(0, 16),
  );
}

describe('recurrence expansion', () => {
  it('keeps a weekly 09:00 Europe/Berlin meeting at 09:00 local across both DST changes', () => {
    const series = timed('2026-03-17', 9);
    const rule = ['RRULE:FREQ=WEEKLY;BYDAY=TU'];
    const spring = expand(
      series,
      parseRecurrence(rule),
      at('2026-03-16Z'),
      at('2026-04-08Z'),
    ).occurrences;
    expect(spring.map((o) => isoInZone(o.start, BERLIN))).toEqual([
      '2026-03-17T09:00:00+01:00',
      '2026-03-24T09:00:00+01:00',
      '2026-03-31T09:00:00+02:00',
      '2026-04-07T09:00:00+02:00',
    ]);
    // The instants move by an hour, the local time does not.
    expect(spring.map((o) => o.key.slice(11, 16))).toEqual(['08:00', '08:00', '07:00', '07:00']);
    expect(local(series, rule, '2026-10-19Z', '2026-11-04Z')).toEqual([
      '2026-10-20T09:00',
      '2026-10-27T09:00',
      '2026-11-03T09:00',
    ]);
  });

  it('counts DTSTART as the first occurrence and stops at COUNT', () => {
    const rule = ['RRULE:FREQ=DAILY;COUNT=3'];
    expect(local(timed('2026-01-01', 8), rule, '2025-12-01Z', '2026-02-01Z')).toEqual([
      '2026-01-01T08:00',
      '2026-01-02T08:00',
      '2026-01-03T08:00',
    ]);
  });

  it('honours UNTIL (inclusive, in UTC) and INTERVAL', () => {
    const rule = ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20260121T080000Z'];
    expect(local(timed('2026-01-05', 9), rule, '2026-01-01Z', '2026-03-01Z')).toEqual([
      '2026-01-05T09:00',
      '2026-01-07T09:00',
      '2026-01-19T09:00',
      // 2026-01-21 09:00 CET is 08:00Z: still within UNTIL.
      '2026-01-21T09:00',
    ]);
    const before = ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20260121T075959Z'];
    expect(local(timed('2026-01-05', 9), before, '2026-01-01Z', '2026-03-01Z')).toHaveLength(3);
  });

  it('removes EXDATEs given in the series zone, in UTC or as dates', () => {
    const rule = [
      'RRULE:FREQ=DAILY;COUNT=5',
      'EXDATE;TZID=Europe/Berlin:20260302T100000',
      'EXDATE:20260303T090000Z',
      'EXDATE;VALUE=DATE:20260305',
    ];
    expect(local(timed('2026-03-01', 10), rule, '2026-03-01Z', '2026-03-10Z')).toEqual([
      '2026-03-01T10:00',
      '2026-03-04T10:00',
    ]);
  });

  it('expands monthly by day of month and by nth weekday, skipping months without that day', () => {
    const on31 = ['RRULE:FREQ=MONTHLY;COUNT=4'];
    expect(local(timed('2026-01-31', 12), on31, '2026-01-01Z', '2027-01-01Z')).toEqual([
      '2026-01-31T12:00',
      '2026-03-31T12:00',
      '2026-05-31T12:00',
      '2026-07-31T12:00',
    ]);
    const lastFriday = ['RRULE:FREQ=MONTHLY;BYDAY=-1FR'];
    expect(local(timed('2026-01-30', 16), lastFriday, '2026-01-01Z', '2026-05-01Z')).toEqual([
      '2026-01-30T16:00',
      '2026-02-27T16:00',
      '2026-03-27T16:00',
      '2026-04-24T16:00',
    ]);
    const secondTuesday = ['RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3'];
    expect(local(timed('2026-02-10', 18), secondTuesday, '2026-01-01Z', '2027-01-01Z')).toEqual([
      '2026-02-10T18:00',
      '2026-03-10T18:00',
      '2026-04-14T18:00',
    ]);
  });

  it('expands yearly all-day events, a 29 February one only in leap years', () => {
    const birthday = ['RRULE:FREQ=YEARLY'];
    expect(local(allDay('2024-02-29'), birthday, '2024-01-01Z', '2033-01-01Z')).toEqual([
      '2024-02-29',
      '2028-02-29',
      '2032-02-29',
    ]);
    const thanksgiving = ['RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH'];
    expect(local(allDay('2025-11-27'), thanksgiving, '2025-01-01Z', '2028-01-01Z')).toEqual([
      '2025-11-27',
      '2026-11-26',
      '2027-11-25',
    ]);
  });

  it('includes an occurrence that started before the range and is still going on', () => {
    const week = allDay('2026-06-01', 3);
    const rule = ['RRULE:FREQ=WEEKLY'];
    expect(local(week, rule, '2026-06-10Z', '2026-06-11Z')).toEqual(['2026-06-08']);
    expect(local(week, rule, '2026-06-11Z', '2026-06-15Z')).toEqual([]);
  });

  it('weekly with an interval counts weeks from WKST (RFC 5545 example)', () => {
    // Every other week on Tuesday and Sunday: which weeks pair up depends on where weeks start.
    const series = timed('1997-08-05', 9, 0, 'America/New_York');
    const rule = (wkst: string) => [
      `RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=${wkst}`,
    ];
    expect(local(series, rule('MO'), '1997-08-01Z', '1997-09-05Z')).toEqual([
      '1997-08-05T09:00',
      '1997-08-10T09:00',
      '1997-08-19T09:00',
      '1997-08-24T09:00',
    ]);
    expect(local(series, rule('SU'), '1997-08-01Z', '1997-09-05Z')).toEqual([
      '1997-08-05T09:00',
      '1997-08-17T09:00',
      '1997-08-19T09:00',
      '1997-08-31T09:00',
    ]);
  });

  it('ignores lines it does not know and never loops on a rule that cannot match', () => {
    const never = ['RRULE:FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2', 'X-UNKNOWN:1'];
    expect(local(timed('2026-01-31', 9), never, '2026-01-01Z', '2040-01-01Z')).toEqual([
      '2026-01-31T09:00',
    ]);
  });
});
