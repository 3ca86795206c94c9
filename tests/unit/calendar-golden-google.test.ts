/**
 * Golden series where Google Calendar differs from RFC 5545, and rules the engine cannot expand
 * (issue #14), written out by hand. Berlin: +01:00, +02:00 from 29 Mar 2026 02:00. New York:
 * -05:00, -04:00 from 8 Mar 2026 02:00. Lord Howe: +10:30, +11:00 from 4 Oct 2026 02:00.
 */
import { describe, expect, it } from 'vitest';
import { MAX_OCCURRENCES } from '../../src/main/core/calendar/rrule.js';
import { check, run, type Golden } from './calendar-golden-support.js';

const NEW_YORK = 'America/New_York';
const LORD_HOWE = 'Australia/Lord_Howe';

const GOOGLE: Golden[] = [
  {
    name: 'COUNT with a start day not in BYDAY: the start, then COUNT occurrences',
    start: '2026-01-05T09:00', // a Monday
    lines: ['RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=3'],
    from: '2026-01-01',
    to: '2026-03-01',
    want: [
      '2026-01-05T09:00:00+01:00',
      '2026-01-06T09:00:00+01:00',
      '2026-01-08T09:00:00+01:00',
      '2026-01-13T09:00:00+01:00',
    ],
  },
  {
    name: "Google's own six events for COUNT=5 (google-api-nodejs-client#2214)",
    start: '2020-06-08T13:00',
    zone: 'UTC',
    lines: ['RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU,TH,SA;COUNT=5'],
    from: '2020-06-01',
    to: '2020-08-01',
    want: ['08', '09', '11', '13', '16', '18'].map((d) => `2020-06-${d}T13:00:00+00:00`),
  },
  {
    name: 'COUNT with a start outside BYMONTH',
    start: '2026-01-30T07:00',
    lines: ['RRULE:FREQ=DAILY;BYMONTH=2;COUNT=3'],
    from: '2026-01-01',
    to: '2026-04-01',
    want: ['01-30', '02-01', '02-02', '02-03'].map((d) => `2026-${d}T07:00:00+01:00`),
  },
  {
    name: 'YEARLY;BYMONTHDAY is once a year (an all-day birthday as Google writes it)',
    start: '2026-08-20',
    lines: ['RRULE:FREQ=YEARLY;WKST=SU;INTERVAL=1;BYMONTHDAY=20'],
    from: '2026-01-01',
    to: '2029-01-01',
    want: ['2026-08-20', '2027-08-20', '2028-08-20'],
  },
  {
    name: 'YEARLY;BYMONTHDAY once a year, timed',
    start: '2026-01-15T09:00',
    lines: ['RRULE:FREQ=YEARLY;BYMONTHDAY=15;COUNT=3'],
    from: '2026-01-01',
    to: '2030-01-01',
    want: ['2026', '2027', '2028'].map((y) => `${y}-01-15T09:00:00+01:00`),
  },
  {
    name: 'a time the clocks skip moves forward by the gap (Berlin, daily 02:30)',
    start: '2026-03-28T02:30',
    lines: ['RRULE:FREQ=DAILY;COUNT=3'],
    from: '2026-03-01',
    to: '2026-04-01',
    want: ['2026-03-28T02:30:00+01:00', '2026-03-29T03:30:00+02:00', '2026-03-30T02:30:00+02:00'],
  },
  {
    name: 'the same in New York, weekly on Sunday 02:30',
    start: '2026-03-01T02:30',
    zone: NEW_YORK,
    lines: ['RRULE:FREQ=WEEKLY;COUNT=3'],
    from: '2026-03-01',
    to: '2026-04-01',
    want: ['2026-03-01T02:30:00-05:00', '2026-03-08T03:30:00-04:00', '2026-03-15T02:30:00-04:00'],
  },
  {
    name: 'the same on Lord Howe, where the gap is 30 minutes',
    start: '2026-10-03T02:15',
    zone: LORD_HOWE,
    lines: ['RRULE:FREQ=DAILY;COUNT=3'],
    from: '2026-10-01',
    to: '2026-10-10',
    want: ['2026-10-03T02:15:00+10:30', '2026-10-04T02:45:00+11:00', '2026-10-05T02:15:00+11:00'],
  },
];

describe('golden recurrences: where Google differs from RFC 5545', () => {
  it.each(GOOGLE)('$name', (c) => check(c));
});

describe('rules the engine cannot expand show the first occurrence, marked', () => {
  const march = { start: '2026-03-03T09:00', from: '2026-03-01', to: '2026-04-01' };
  it.each([
    ['an unknown frequency', 'RRULE:FREQ=FORTNIGHTLY'],
    ['an unknown weekday', 'RRULE:FREQ=WEEKLY;BYDAY=XX'],
    ['no FREQ at all', 'RRULE:BYDAY=MO'],
    ['every minute: a flood', 'RRULE:FREQ=MINUTELY'],
  ])('%s', (_, rule) => {
    const result = run({ ...march, lines: [rule] });
    expect(result.shown).toEqual(['2026-03-03T09:00:00+01:00']);
    expect(result.patternNotShown).toBe(true);
    // Later windows show nothing rather than a guess.
    expect(run({ ...march, lines: [rule], from: '2026-04-01', to: '2026-05-01' }).shown).toEqual(
      [],
    );
  });

  it(`more than ${MAX_OCCURRENCES} occurrences in one window is a flood too`, () => {
    const hourly = { ...march, lines: ['RRULE:FREQ=HOURLY'], to: '2026-05-01' };
    expect(run(hourly)).toMatchObject({
      shown: ['2026-03-03T09:00:00+01:00'],
      patternNotShown: true,
    });
    // A day of it is an agenda: 09:00 to 00:00 Berlin (the window ends at 01:00 Berlin).
    const day = run({ ...hourly, to: '2026-03-04' });
    expect(day.patternNotShown).toBe(false);
    expect(day.shown).toHaveLength(16);
    expect(day.shown.at(-1)).toBe('2026-03-04T00:00:00+01:00');
  });
});
