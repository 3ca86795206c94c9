/**
 * Golden series for time zones, UNTIL, RDATE and EXDATE (issue #14), written out by hand. Berlin: +01:00, +02:00 from 29 Mar 2026 02:00 to
 * 25 Oct 2026 03:00. New York: -05:00, -04:00 from 8 Mar 2026 02:00 to 1 Nov 2026 02:00.
 * Lord Howe: +10:30, +11:00 (a 30-minute change) until 5 Apr 2026 02:00 and from 4 Oct 2026 02:00.
 */
import { describe, expect, it } from 'vitest';
import { check, run, type Golden } from './calendar-golden-support.js';

const NEW_YORK = 'America/New_York';
const LORD_HOWE = 'Australia/Lord_Howe';

const ZONES: Golden[] = [
  {
    name: 'Lord Howe daily 09:00 across its 30-minute change',
    start: '2026-04-03T09:00',
    zone: LORD_HOWE,
    lines: ['RRULE:FREQ=DAILY;COUNT=4'],
    from: '2026-04-01',
    to: '2026-04-10',
    want: [
      '2026-04-03T09:00:00+11:00',
      '2026-04-04T09:00:00+11:00',
      '2026-04-05T09:00:00+10:30',
      '2026-04-06T09:00:00+10:30',
    ],
  },
  {
    name: 'Lord Howe: a half hour that happens twice is its first',
    start: '2026-03-29T01:45',
    zone: LORD_HOWE,
    lines: ['RRULE:FREQ=WEEKLY;COUNT=3'],
    from: '2026-03-01',
    to: '2026-05-01',
    want: ['2026-03-29T01:45:00+11:00', '2026-04-05T01:45:00+11:00', '2026-04-12T01:45:00+10:30'],
  },
  {
    name: 'Berlin autumn: 02:30 on the night it happens twice is the first',
    start: '2026-10-18T02:30',
    lines: ['RRULE:FREQ=WEEKLY;COUNT=3'],
    from: '2026-10-01',
    to: '2026-12-01',
    want: ['2026-10-18T02:30:00+02:00', '2026-10-25T02:30:00+02:00', '2026-11-01T02:30:00+01:00'],
  },
  {
    name: 'New York autumn: 01:30 daily',
    start: '2026-10-31T01:30',
    zone: NEW_YORK,
    lines: ['RRULE:FREQ=DAILY;COUNT=3'],
    from: '2026-10-01',
    to: '2026-12-01',
    want: ['2026-10-31T01:30:00-04:00', '2026-11-01T01:30:00-04:00', '2026-11-02T01:30:00-05:00'],
  },
  {
    name: 'a New York evening is the next day in UTC: a window in UTC still finds it',
    start: '2026-01-05T21:00',
    zone: NEW_YORK,
    lines: ['RRULE:FREQ=DAILY'],
    from: '2026-01-07T01:00:00Z',
    to: '2026-01-08T01:00:00Z',
    // 6 Jan 21:00 -05:00 is 7 Jan 02:00 UTC; 7 Jan 21:00 is 8 Jan 02:00 UTC, after the window.
    want: ['2026-01-06T21:00:00-05:00'],
  },
  {
    name: 'a window years on still finds COUNT occurrences of 29 February',
    start: '2024-02-29',
    lines: ['RRULE:FREQ=YEARLY;COUNT=3'],
    from: '2032-01-01',
    to: '2033-01-01',
    // 2024, 2028, 2032: the third is eight years after the first.
    want: ['2032-02-29'],
  },
  {
    name: 'a window months on still finds the last of COUNT monthly 31sts',
    start: '2026-01-31T12:00',
    lines: ['RRULE:FREQ=MONTHLY;COUNT=5'],
    from: '2026-08-10',
    to: '2026-09-01',
    // 31 January, March, May, July and August: the fifth is seven months after the first.
    want: ['2026-08-31T12:00:00+02:00'],
  },
  {
    name: 'every third day since 1 January 2025, a year on',
    start: '2025-01-01T09:00',
    lines: ['RRULE:FREQ=DAILY;INTERVAL=3'],
    from: '2026-03-27',
    to: '2026-04-03',
    // 27 March 2026 is day 450 after the start, a multiple of 3.
    want: ['2026-03-27T09:00:00+01:00', '2026-03-30T09:00:00+02:00', '2026-04-02T09:00:00+02:00'],
  },
  {
    name: 'every other week on Monday and Thursday since 6 January 2025, a year on',
    start: '2025-01-06T09:00',
    lines: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20260501T000000Z'],
    from: '2026-03-23',
    to: '2026-04-06',
    // The week of 23 March is week 63 after the start (off), that of 30 March week 64 (on).
    want: ['2026-03-30T09:00:00+02:00', '2026-04-02T09:00:00+02:00'],
  },
  {
    name: 'UNTIL in UTC is inclusive',
    start: '2026-03-18T09:00',
    lines: ['RRULE:FREQ=DAILY;UNTIL=20260321T080000Z'],
    from: '2026-03-01',
    to: '2026-04-01',
    want: ['18', '19', '20', '21'].map((d) => `2026-03-${d}T09:00:00+01:00`),
  },
  {
    name: 'UNTIL in UTC a second before the last one',
    start: '2026-03-18T09:00',
    lines: ['RRULE:FREQ=DAILY;UNTIL=20260321T075959Z'],
    from: '2026-03-01',
    to: '2026-04-01',
    want: ['18', '19', '20'].map((d) => `2026-03-${d}T09:00:00+01:00`),
  },
  {
    name: "floating UNTIL is read in the event's zone",
    start: '2026-01-05T09:00',
    lines: ['RRULE:FREQ=DAILY;UNTIL=20260107T090000'],
    from: '2026-01-01',
    to: '2026-02-01',
    want: ['05', '06', '07'].map((d) => `2026-01-${d}T09:00:00+01:00`),
  },
  {
    name: 'UNTIL as a date on a timed series includes that day',
    start: '2026-01-06T18:00',
    zone: NEW_YORK,
    lines: ['RRULE:FREQ=WEEKLY;UNTIL=20260120'],
    from: '2026-01-01',
    to: '2026-03-01',
    want: ['06', '13', '20'].map((d) => `2026-01-${d}T18:00:00-05:00`),
  },
  {
    name: 'UNTIL on an all-day series',
    start: '2026-01-09',
    lines: ['RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20260123'],
    from: '2026-01-01',
    to: '2026-03-01',
    want: ['2026-01-09', '2026-01-16', '2026-01-23'],
  },
  {
    name: 'UNTIL in UTC across the New York spring change (local time stays 09:00)',
    start: '2026-02-24T09:00',
    zone: NEW_YORK,
    lines: ['RRULE:FREQ=WEEKLY;UNTIL=20260317T130000Z'],
    from: '2026-02-01',
    to: '2026-05-01',
    want: [
      '2026-02-24T09:00:00-05:00',
      '2026-03-03T09:00:00-05:00',
      '2026-03-10T09:00:00-04:00',
      '2026-03-17T09:00:00-04:00',
    ],
  },
  {
    name: 'RDATE keeps its own zone and time (15:00 Berlin, 17:00 UTC)',
    start: '2026-03-03T09:00',
    lines: [
      'RRULE:FREQ=WEEKLY;BYDAY=TU',
      'RDATE;TZID=Europe/Berlin:20260312T150000',
      'RDATE:20260311T170000Z',
    ],
    from: '2026-03-02',
    to: '2026-03-16',
    want: [
      '2026-03-03T09:00:00+01:00',
      '2026-03-10T09:00:00+01:00',
      '2026-03-11T18:00:00+01:00',
      '2026-03-12T15:00:00+01:00',
    ],
  },
  {
    name: 'an RDATE in Berlin on a New York series',
    start: '2026-03-02T09:00',
    zone: NEW_YORK,
    lines: ['RRULE:FREQ=WEEKLY;BYDAY=MO', 'RDATE;TZID=Europe/Berlin:20260310T150000'],
    from: '2026-03-01',
    to: '2026-03-17',
    want: [
      '2026-03-02T09:00:00-05:00',
      '2026-03-09T09:00:00-04:00',
      '2026-03-10T10:00:00-04:00',
      '2026-03-16T09:00:00-04:00',
    ],
  },
  {
    name: 'RDATE;VALUE=DATE on an all-day series',
    start: '2026-01-09',
    lines: ['RRULE:FREQ=WEEKLY;COUNT=2', 'RDATE;VALUE=DATE:20260114'],
    from: '2026-01-01',
    to: '2026-03-01',
    want: ['2026-01-09', '2026-01-14', '2026-01-16'],
  },
  {
    name: 'EXDATE in another zone removes the same instant',
    start: '2026-03-02T09:00',
    zone: NEW_YORK,
    lines: ['RRULE:FREQ=DAILY;COUNT=4', 'EXDATE;TZID=Europe/Berlin:20260303T150000'],
    from: '2026-03-01',
    to: '2026-04-01',
    want: ['02', '04', '05'].map((d) => `2026-03-${d}T09:00:00-05:00`),
  },
  {
    name: 'EXDATE as a date, and of the first occurrence; COUNT is taken before EXDATE',
    start: '2026-03-02T09:00',
    lines: ['RRULE:FREQ=DAILY;COUNT=5', 'EXDATE;VALUE=DATE:20260304', 'EXDATE:20260302T080000Z'],
    from: '2026-03-01',
    to: '2026-04-01',
    want: ['03', '05', '06'].map((d) => `2026-03-${d}T09:00:00+01:00`),
  },
  {
    name: 'EXDATE on an all-day last-weekday series',
    start: '2026-01-30',
    lines: ['RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', 'EXDATE;VALUE=DATE:20260227'],
    from: '2026-01-01',
    to: '2026-05-01',
    want: ['2026-01-30', '2026-03-31', '2026-04-30'],
  },
];

describe('golden recurrences: zones, UNTIL, RDATE and EXDATE', () => {
  it.each(ZONES)('$name', (c) => check(c));

  it('an all-day series on the day Berlin springs forward lasts 23 hours', () => {
    const { occurrences } = run({
      start: '2026-03-22',
      lines: ['RRULE:FREQ=WEEKLY;COUNT=3'],
      from: '2026-03-01',
      to: '2026-05-01',
    });
    expect(
      occurrences.map((o) => [o.key, new Date(o.start).toISOString(), o.end - o.start]),
    ).toEqual([
      ['2026-03-22', '2026-03-21T23:00:00.000Z', 24 * 3_600_000],
      ['2026-03-29', '2026-03-28T23:00:00.000Z', 23 * 3_600_000],
      ['2026-04-05', '2026-04-04T22:00:00.000Z', 24 * 3_600_000],
    ]);
  });

  it('the same rule and wall time in two zones keep their own UNTIL', () => {
    const rule = { start: '2026-01-01T09:00', from: '2026-01-01', to: '2026-02-01' };
    const lines = ['RRULE:FREQ=DAILY;UNTIL=20260103T120000Z'];
    // 3 January 09:00 is 08:00 UTC in Berlin (in), 14:00 UTC in New York (out).
    expect(run({ ...rule, lines }).shown).toEqual(
      ['01', '02', '03'].map((d) => `2026-01-${d}T09:00:00+01:00`),
    );
    expect(run({ ...rule, zone: 'America/New_York', lines }).shown).toEqual(
      ['01', '02'].map((d) => `2026-01-${d}T09:00:00-05:00`),
    );
  });

  it('RDATE;VALUE=PERIOD has its own end or duration', () => {
    const result = run({
      start: '2026-03-03T09:00',
      lines: [
        'RRULE:FREQ=DAILY;COUNT=2',
        'RDATE;VALUE=PERIOD:20260312T150000Z/20260312T170000Z,20260313T100000Z/PT30M',
      ],
      from: '2026-03-01',
      to: '2026-04-01',
    });
    const spans = result.occurrences.map((o) => [
      new Date(o.start).toISOString(),
      (o.end - o.start) / 60_000,
    ]);
    expect(spans).toEqual([
      ['2026-03-03T08:00:00.000Z', 60],
      ['2026-03-04T08:00:00.000Z', 60],
      ['2026-03-12T15:00:00.000Z', 120],
      ['2026-03-13T10:00:00.000Z', 30],
    ]);
  });
});
