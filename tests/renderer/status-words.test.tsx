/** Status in words: times by the locale's clock, retry countdowns, what a run's line says. */
import { describe, expect, it } from 'vitest';
import { dayAndTime, shortWhen } from '../../src/renderer/status/when.js';
import { retryWaitText, runOutcome } from '../../src/renderer/status/story.js';
import { localAt, run } from './status-fixtures.js';

const now = new Date(localAt(10, 30));

describe('times in words', () => {
  it('says today, tomorrow or the day, with the locale’s 12 or 24 hour clock', () => {
    expect(dayAndTime(localAt(14, 0), now, 'en-GB')).toBe('today at 14:00');
    expect(dayAndTime(localAt(9, 0, 1), now, 'en-GB')).toBe('tomorrow at 09:00');
    expect(dayAndTime(localAt(9, 0, 1), now, 'en-US')).toBe('tomorrow at 9:00 AM');
    expect(dayAndTime(localAt(23, 10, -1), now, 'en-GB')).toBe('yesterday at 23:10');
    expect(dayAndTime(localAt(9, 0, 3), now, 'en-GB')).toMatch(
      /^\w{3},? \d+ \w{3}( \d{4})? at 09:00$/,
    );
  });

  it('keeps Activity’s times short', () => {
    expect(shortWhen(localAt(8, 5), now, 'en-GB')).toBe('08:05');
    expect(shortWhen(localAt(8, 5, -1), now, 'en-US')).toBe('yesterday 8:05 AM');
  });
});

describe('a waiting retry', () => {
  const retry = { attempt: 3, attempts: 6, delayMs: 8000, code: 'RATE_LIMITED' };
  it('counts down to the end of its pause', () => {
    const until = new Date(now.getTime() + 8000).toISOString();
    expect(retryWaitText({ ...retry, until }, now)).toBe(
      'Google is busy — retrying in 8 s, attempt 3 of 6',
    );
    expect(retryWaitText({ ...retry, until }, new Date(now.getTime() + 5200))).toBe(
      'Google is busy — retrying in 3 s, attempt 3 of 6',
    );
    expect(retryWaitText({ ...retry, until }, new Date(now.getTime() + 9000))).toBe(
      'Google is busy — retrying now, attempt 3 of 6',
    );
  });

  it('says why it waits', () => {
    expect(retryWaitText({ ...retry, code: 'NETWORK' }, now)).toMatch(/^Google cannot be reached/);
    expect(retryWaitText({ ...retry, code: 'TIMEOUT' }, now)).toMatch(/^Google is slow to answer/);
  });
});

describe('a run in Activity', () => {
  it('gives each outcome its reason in plain words', () => {
    expect(runOutcome(run({ status: 'skipped', skipReason: 'paused' }))).toBe('skipped — paused');
    expect(runOutcome(run({ status: 'skipped', skipReason: 'circuit_open' }))).toBe(
      'skipped — Google kept failing, so automatic syncs wait an hour',
    );
    const network = { code: 'NETWORK', message: 'Google could not be reached.' };
    expect(runOutcome(run({ status: 'failed', error: network }))).toBe('failed — no connection');
    expect(runOutcome(run({ status: 'cancelled' }))).toBe('cancelled — what it saved stays saved');
  });
});
