/** The renderer's display helpers. */
import { describe, expect, it } from 'vitest';
import { clockTime, dateTime, duration, wallClock } from '../../src/renderer/format.js';
import { describeSlots } from '../../src/renderer/sections/settings/schedule-text.js';

describe('duration', () => {
  it('shows whole milliseconds (a median may be fractional), then seconds and minutes', () => {
    expect(duration(null)).toBe('—');
    expect(duration(100.5)).toBe('101 ms');
    expect(duration(999.4)).toBe('999 ms');
    expect(duration(999.6)).toBe('1.0 s');
    expect(duration(5_100)).toBe('5.1 s');
    expect(duration(125_000)).toBe('2 min 5 s');
  });
});

describe('times follow the locale’s 12- or 24-hour convention', () => {
  // Non-breaking spaces differ between ICU versions; compare with plain spaces.
  const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

  it('formats a wall-clock time of the schedule', () => {
    expect(plain(wallClock('14:30', 'en-US'))).toBe('2:30 PM');
    expect(plain(wallClock('02:05', 'en-US'))).toBe('2:05 AM');
    expect(wallClock('14:30', 'de-DE')).toBe('14:30');
    expect(wallClock('00:00', 'en-GB')).toBe('00:00');
  });

  it('formats instants the same way, as time of day and with a date', () => {
    const instant = new Date(2026, 11, 7, 21, 5);
    expect(plain(clockTime(instant, 'en-US'))).toBe('9:05 PM');
    expect(clockTime(instant, 'de-DE')).toBe('21:05');
    expect(plain(dateTime(instant.toISOString(), 'en-US'))).toBe('12/7/26, 9:05 PM');
    expect(dateTime(instant.toISOString(), 'de-DE')).toBe('07.12.26, 21:05');
  });

  it('says the schedule’s times in that convention, not a fixed 24-hour "14:30"', () => {
    expect(plain(describeSlots('02:30', 12, 'Europe/Berlin', 'en-US'))).toBe(
      'Runs at 2:30 AM and 2:30 PM every day (Europe/Berlin time).',
    );
    expect(describeSlots('02:30', 12, 'Europe/Berlin', 'de-DE')).toBe(
      'Runs at 02:30 and 14:30 every day (Europe/Berlin time).',
    );
  });
});
