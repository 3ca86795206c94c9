/**
 * Golden series for every RRULE part (issue #14): the occurrences are written out by hand from the
 * rule's meaning. Calendars of the years involved: 1 Jan 2026 is a Thursday, 1 Jan 2027 a Friday;
 * ISO week 1 of 2026 starts Mon 29 Dec 2025, of 2027 Mon 4 Jan 2027. Berlin is +01:00 until
 * 29 Mar 2026 and from 25 Oct 2026, +02:00 between; New York moves on 8 Mar and 1 Nov 2026.
 */
import { describe, it } from 'vitest';
import { check, type Golden } from './calendar-golden-support.js';

const NEW_YORK = 'America/New_York';

const CASES: Golden[] = [
  {
    name: 'last weekday of the month (BYSETPOS=-1): two months give two',
    start: '2026-03-31T09:00',
    lines: ['RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'],
    from: '2026-04-01',
    to: '2026-06-01',
    want: ['2026-04-30T09:00:00+02:00', '2026-05-29T09:00:00+02:00'],
  },
  {
    name: 'first weekend day of the month (BYSETPOS=1 on SA,SU)',
    start: '2026-01-03T10:00',
    lines: ['RRULE:FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1'],
    from: '2026-01-01',
    to: '2026-05-01',
    // Sat 3 Jan, Sun 1 Feb, Sun 1 Mar, Sat 4 Apr.
    want: [
      '2026-01-03T10:00:00+01:00',
      '2026-02-01T10:00:00+01:00',
      '2026-03-01T10:00:00+01:00',
      '2026-04-04T10:00:00+02:00',
    ],
  },
  {
    name: 'first and last weekday of the month (BYSETPOS=1,-1) with COUNT',
    start: '2026-01-01T08:30',
    lines: ['RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1;COUNT=4'],
    from: '2026-01-01',
    to: '2026-12-01',
    want: [
      '2026-01-01T08:30:00+01:00',
      '2026-01-30T08:30:00+01:00',
      '2026-02-02T08:30:00+01:00',
      '2026-02-27T08:30:00+01:00',
    ],
  },
  {
    name: 'second-to-last Friday of December (YEARLY;BYSETPOS=-2), all-day',
    start: '2026-12-18',
    lines: ['RRULE:FREQ=YEARLY;BYMONTH=12;BYDAY=FR;BYSETPOS=-2'],
    from: '2026-12-01',
    to: '2028-01-01',
    // Fridays of Dec 2026: 4 11 18 25; of Dec 2027: 3 10 17 24 31.
    want: ['2026-12-18', '2027-12-24'],
  },
  {
    name: 'Monday of ISO week 20 (YEARLY;BYWEEKNO=20;BYDAY=MO)',
    start: '2026-05-11T09:00',
    lines: ['RRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO'],
    from: '2026-01-01',
    to: '2029-01-01',
    want: ['2026-05-11T09:00:00+02:00', '2027-05-17T09:00:00+02:00', '2028-05-15T09:00:00+02:00'],
  },
  {
    name: 'Thursdays of ISO weeks 1 and 27 (BYWEEKNO=1,27)',
    start: '2026-01-01T09:00',
    lines: ['RRULE:FREQ=YEARLY;BYWEEKNO=1,27;BYDAY=TH;COUNT=3'],
    from: '2026-01-01',
    to: '2028-01-01',
    want: ['2026-01-01T09:00:00+01:00', '2026-07-02T09:00:00+02:00', '2027-01-07T09:00:00+01:00'],
  },
  {
    name: 'days 1, 100 and the last of the year (BYYEARDAY=1,100,-1)',
    start: '2026-01-01T12:00',
    zone: 'UTC',
    lines: ['RRULE:FREQ=YEARLY;BYYEARDAY=1,100,-1;COUNT=4'],
    from: '2026-01-01',
    to: '2028-01-01',
    // Day 100 of 2026: 31 + 28 + 31 = 90 days before April, so 10 April.
    want: [
      '2026-01-01T12:00:00+00:00',
      '2026-04-10T12:00:00+00:00',
      '2026-12-31T12:00:00+00:00',
      '2027-01-01T12:00:00+00:00',
    ],
  },
  {
    name: 'last day of the month (BYMONTHDAY=-1)',
    start: '2026-01-31T18:00',
    lines: ['RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3'],
    from: '2026-01-01',
    to: '2027-01-01',
    want: ['2026-01-31T18:00:00+01:00', '2026-02-28T18:00:00+01:00', '2026-03-31T18:00:00+02:00'],
  },
  {
    name: 'DAILY;BYMONTHDAY=1,15 is twice a month, not every day',
    start: '2026-01-01T09:00',
    lines: ['RRULE:FREQ=DAILY;BYMONTHDAY=1,15'],
    from: '2026-01-01',
    to: '2026-03-01',
    want: [
      '2026-01-01T09:00:00+01:00',
      '2026-01-15T09:00:00+01:00',
      '2026-02-01T09:00:00+01:00',
      '2026-02-15T09:00:00+01:00',
    ],
  },
  {
    name: 'every other day (INTERVAL=2) across the Berlin spring change',
    start: '2026-03-27T09:00',
    lines: ['RRULE:FREQ=DAILY;INTERVAL=2;COUNT=4'],
    from: '2026-03-01',
    to: '2026-05-01',
    want: [
      '2026-03-27T09:00:00+01:00',
      '2026-03-29T09:00:00+02:00',
      '2026-03-31T09:00:00+02:00',
      '2026-04-02T09:00:00+02:00',
    ],
  },
  {
    name: 'FREQ=HOURLY counts real hours across the spring gap',
    start: '2026-03-29T00:00',
    lines: ['RRULE:FREQ=HOURLY;COUNT=4'],
    from: '2026-03-28',
    to: '2026-03-30',
    want: [
      '2026-03-29T00:00:00+01:00',
      '2026-03-29T01:00:00+01:00',
      '2026-03-29T03:00:00+02:00',
      '2026-03-29T04:00:00+02:00',
    ],
  },
  {
    name: 'FREQ=HOURLY across the autumn change shows 02:00 twice',
    start: '2026-10-25T01:00',
    lines: ['RRULE:FREQ=HOURLY;COUNT=4'],
    from: '2026-10-24',
    to: '2026-10-26',
    want: [
      '2026-10-25T01:00:00+02:00',
      '2026-10-25T02:00:00+02:00',
      '2026-10-25T02:00:00+01:00',
      '2026-10-25T03:00:00+01:00',
    ],
  },
  {
    name: 'every 4 hours filtered by BYHOUR',
    start: '2026-06-01T08:00',
    zone: 'UTC',
    lines: ['RRULE:FREQ=HOURLY;INTERVAL=4;BYHOUR=8,12,16'],
    from: '2026-06-01',
    to: '2026-06-03',
    want: [
      '2026-06-01T08:00:00+00:00',
      '2026-06-01T12:00:00+00:00',
      '2026-06-01T16:00:00+00:00',
      '2026-06-02T08:00:00+00:00',
      '2026-06-02T12:00:00+00:00',
      '2026-06-02T16:00:00+00:00',
    ],
  },
  {
    name: 'every 15 minutes (MINUTELY;INTERVAL=15)',
    start: '2026-06-01T09:50',
    zone: NEW_YORK,
    length: 10,
    lines: ['RRULE:FREQ=MINUTELY;INTERVAL=15;COUNT=4'],
    from: '2026-06-01',
    to: '2026-06-02',
    want: [
      '2026-06-01T09:50:00-04:00',
      '2026-06-01T10:05:00-04:00',
      '2026-06-01T10:20:00-04:00',
      '2026-06-01T10:35:00-04:00',
    ],
  },
  {
    name: 'MINUTELY limited by BYHOUR and BYDAY',
    start: '2026-06-01T09:00',
    zone: 'UTC',
    length: 15,
    lines: ['RRULE:FREQ=MINUTELY;INTERVAL=30;BYHOUR=9,10;BYDAY=MO'],
    from: '2026-06-01',
    to: '2026-06-09',
    want: [
      '2026-06-01T09:00:00+00:00',
      '2026-06-01T09:30:00+00:00',
      '2026-06-01T10:00:00+00:00',
      '2026-06-01T10:30:00+00:00',
      '2026-06-08T09:00:00+00:00',
      '2026-06-08T09:30:00+00:00',
      '2026-06-08T10:00:00+00:00',
      '2026-06-08T10:30:00+00:00',
    ],
  },
  {
    name: 'BYSECOND',
    start: '2026-06-01T12:00:00',
    zone: 'UTC',
    length: 1,
    lines: ['RRULE:FREQ=MINUTELY;BYSECOND=0,30;COUNT=4'],
    from: '2026-06-01',
    to: '2026-06-02',
    want: [
      '2026-06-01T12:00:00+00:00',
      '2026-06-01T12:00:30+00:00',
      '2026-06-01T12:01:00+00:00',
      '2026-06-01T12:01:30+00:00',
    ],
  },
  {
    name: 'BYHOUR and BYMINUTE across the New York spring change',
    start: '2026-03-07T09:30',
    zone: NEW_YORK,
    lines: ['RRULE:FREQ=DAILY;BYHOUR=9,17;BYMINUTE=30;COUNT=4'],
    from: '2026-03-01',
    to: '2026-04-01',
    want: [
      '2026-03-07T09:30:00-05:00',
      '2026-03-07T17:30:00-05:00',
      '2026-03-08T09:30:00-04:00',
      '2026-03-08T17:30:00-04:00',
    ],
  },
  {
    name: 'every other week on Tuesday and Sunday, weeks from Monday (WKST=MO)',
    start: '2026-01-06T09:00',
    lines: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=MO;COUNT=4'],
    from: '2026-01-01',
    to: '2026-03-01',
    // Weeks Mon 5–Sun 11 Jan and Mon 19–Sun 25 Jan.
    want: [
      '2026-01-06T09:00:00+01:00',
      '2026-01-11T09:00:00+01:00',
      '2026-01-20T09:00:00+01:00',
      '2026-01-25T09:00:00+01:00',
    ],
  },
  {
    name: 'the same with weeks from Sunday (WKST=SU) pairs other days',
    start: '2026-01-06T09:00',
    lines: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU;COUNT=4'],
    from: '2026-01-01',
    to: '2026-03-01',
    // Weeks Sun 4–Sat 10 Jan (Sun 4 is before the start), Sun 18–Sat 24 Jan, Sun 1 Feb.
    want: [
      '2026-01-06T09:00:00+01:00',
      '2026-01-18T09:00:00+01:00',
      '2026-01-20T09:00:00+01:00',
      '2026-02-01T09:00:00+01:00',
    ],
  },
  {
    name: 'second Tuesday and last Friday (BYDAY=2TU,-1FR)',
    start: '2026-02-10T18:00',
    lines: ['RRULE:FREQ=MONTHLY;BYDAY=2TU,-1FR;COUNT=4'],
    from: '2026-01-01',
    to: '2027-01-01',
    want: [
      '2026-02-10T18:00:00+01:00',
      '2026-02-27T18:00:00+01:00',
      '2026-03-10T18:00:00+01:00',
      '2026-03-27T18:00:00+01:00',
    ],
  },
  {
    name: '20th Monday of the year (YEARLY;BYDAY=20MO)',
    start: '2026-05-18T09:00',
    lines: ['RRULE:FREQ=YEARLY;BYDAY=20MO;COUNT=2'],
    from: '2026-01-01',
    to: '2028-01-01',
    // First Mondays: 5 Jan 2026 and 4 Jan 2027, plus 19 weeks.
    want: ['2026-05-18T09:00:00+02:00', '2027-05-17T09:00:00+02:00'],
  },
  {
    name: 'fourth Thursday of November (BYMONTH=11;BYDAY=4TH), all-day',
    start: '2026-11-26',
    zone: NEW_YORK,
    lines: ['RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH'],
    from: '2026-01-01',
    to: '2028-01-01',
    want: ['2026-11-26', '2027-11-25'],
  },
  {
    name: 'monthly on the 31st skips shorter months',
    start: '2026-01-31T12:00',
    lines: ['RRULE:FREQ=MONTHLY;COUNT=3'],
    from: '2026-01-01',
    to: '2027-01-01',
    want: ['2026-01-31T12:00:00+01:00', '2026-03-31T12:00:00+02:00', '2026-05-31T12:00:00+02:00'],
  },
  {
    name: 'YEARLY;BYMONTH picks the months',
    start: '2026-01-10T09:00',
    lines: ['RRULE:FREQ=YEARLY;BYMONTH=1,7;COUNT=3'],
    from: '2026-01-01',
    to: '2028-01-01',
    want: ['2026-01-10T09:00:00+01:00', '2026-07-10T09:00:00+02:00', '2027-01-10T09:00:00+01:00'],
  },
];

describe('golden recurrences: rule parts', () => {
  it.each(CASES)('$name', (c) => check(c));
});
