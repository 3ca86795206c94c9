import { describe, expect, it } from 'vitest';
import {
  automaticSkip,
  dueAt,
  isOverdue,
  slotAfter,
  slotAtOrAfter,
  type Cadence,
} from '../../src/main/core/schedule/cadence.js';
import { instantOf } from '../../src/main/core/schedule/local-time.js';
import { pausedUntil } from '../../src/main/core/schedule/pause.js';

const H = 3_600_000;
const iso = (t: number) => new Date(t).toISOString();
const at = (s: string) => Date.parse(s);
const berlin: Cadence = { at: '02:00', everyHours: 24, timeZone: 'Europe/Berlin' };

/** The slots from `from`, as UTC instants: the scheduler's firing times. */
function slots(cadence: Cadence, from: string, n: number): string[] {
  const out: string[] = [];
  let t = at(from);
  for (let i = 0; i < n; i++) out.push(iso((t = slotAfter(cadence, t))));
  return out;
}

describe('local time in a time zone with DST', () => {
  it('maps a missing wall time forward by the gap and a repeated one to its first occurrence', () => {
    const tz = 'Europe/Berlin';
    expect(iso(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, tz))).toBe(
      '2026-03-29T01:30:00.000Z', // 03:30 CEST
    );
    expect(iso(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 0 }, tz))).toBe(
      '2026-10-25T00:00:00.000Z', // 02:00 CEST, not 02:00 CET
    );
    expect(iso(instantOf({ year: 2026, month: 7, day: 1, hour: 2, minute: 0 }, tz))).toBe(
      '2026-07-01T00:00:00.000Z',
    );
  });
});

describe('slots of a schedule', () => {
  it('daily at 02:00 runs once every local day across the spring-forward night', () => {
    expect(slots(berlin, '2026-03-27T12:00:00Z', 4)).toEqual([
      '2026-03-28T01:00:00.000Z', // 02:00 CET
      '2026-03-29T01:00:00.000Z', // 02:00 does not exist: 03:00 CEST
      '2026-03-30T00:00:00.000Z', // 02:00 CEST
      '2026-03-31T00:00:00.000Z',
    ]);
  });

  it('daily at 02:00 runs once on the fall-back night, when 02:00 happens twice', () => {
    expect(slots(berlin, '2026-10-23T12:00:00Z', 4)).toEqual([
      '2026-10-24T00:00:00.000Z',
      '2026-10-25T00:00:00.000Z', // the first 02:00 only
      '2026-10-26T01:00:00.000Z', // 02:00 CET
      '2026-10-27T01:00:00.000Z',
    ]);
  });

  it('every 6 hours starts at the configured time and keeps local times', () => {
    const sixHourly: Cadence = { at: '02:30', everyHours: 6, timeZone: 'America/New_York' };
    expect(slots(sixHourly, '2026-07-01T12:00:00Z', 4)).toEqual([
      '2026-07-01T12:30:00.000Z', // 08:30 EDT
      '2026-07-01T18:30:00.000Z',
      '2026-07-02T00:30:00.000Z',
      '2026-07-02T06:30:00.000Z', // 02:30 EDT
    ]);
    expect(slotAtOrAfter(sixHourly, at('2026-07-01T12:30:00Z'))).toBe(at('2026-07-01T12:30:00Z'));
  });
});

describe('when automatic runs are due', () => {
  const monday0205 = at('2026-05-04T00:05:00Z'); // 02:05 in Berlin

  it('a daily run is due at the next slot; a 48 h interval moves it to the slot two days on', () => {
    expect(iso(dueAt(berlin, monday0205, 24 * H, monday0205))).toBe('2026-05-05T00:00:00.000Z');
    expect(iso(dueAt(berlin, monday0205, 48 * H, monday0205))).toBe('2026-05-06T00:00:00.000Z');
    expect(iso(dueAt(berlin, null, 24 * H, monday0205))).toBe(iso(monday0205));
  });

  it('names why an automatic run is skipped', () => {
    const tuesdaySlot = at('2026-05-05T00:00:00Z');
    const noon = at('2026-05-04T10:00:00Z');
    expect(automaticSkip(berlin, 'scheduled', monday0205, 24 * H, tuesdaySlot)).toBeNull();
    expect(automaticSkip(berlin, 'scheduled', monday0205, 48 * H, tuesdaySlot)).toBe(
      'adaptive_interval',
    );
    expect(automaticSkip(berlin, 'scheduled', monday0205, 24 * H, noon)).toBe('not_due');
    expect(automaticSkip(berlin, 'scheduled', null, 24 * H, noon)).toBeNull();
    expect(automaticSkip(berlin, 'startup_catch_up', monday0205, 24 * H, noon)).toBe('not_due');
    expect(automaticSkip(berlin, 'startup_catch_up', monday0205 - 30 * H, 24 * H, noon)).toBeNull();
  });

  it('a run is overdue once the last success is older than the interval', () => {
    expect(isOverdue(null, 24 * H, 0)).toBe(true);
    expect(isOverdue(0, 24 * H, 23 * H)).toBe(false);
    expect(isOverdue(0, 24 * H, 25 * H)).toBe(true);
  });
});

describe('pause choices', () => {
  it('pauses for an hour, until the next local midnight, or until resumed', () => {
    const now = at('2026-03-28T22:30:00Z'); // 23:30 CET, the night before DST starts
    expect(pausedUntil('1h', now, 'Europe/Berlin')).toBe('2026-03-28T23:30:00.000Z');
    expect(pausedUntil('tomorrow', now, 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
    expect(pausedUntil('indefinitely', now, 'Europe/Berlin')).toBe('indefinitely');
  });
});
