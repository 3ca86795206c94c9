/** The edges of the retry arithmetic (retry.ts): where a unit changes, where the budget ends. */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { GoogleApiError } from '../../src/main/core/google/errors.js';
import {
  retryDelay,
  sleep,
  untilAborted,
  waitText,
  withRetry,
  type RetryPolicy,
} from '../../src/main/core/sync/retry.js';

const policy: RetryPolicy = { delaysMs: [4000, 8000], jitter: 0.5, budgetMs: 60_000 };
const rateLimited = (retryAfterMs: number | null) =>
  new GoogleApiError('RATE_LIMITED', 'x', 429, true, retryAfterMs);
const aborted = () => {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
};

describe('waitText', () => {
  it('counts in seconds up to 89, in minutes up to 89, then in hours', () => {
    expect([89_000, 90_000, 89 * 60_000, 90 * 60_000].map(waitText)).toEqual([
      '89 s',
      '2 min',
      '89 min',
      '2 h',
    ]);
  });
});

describe('retryDelay at the end of the budget', () => {
  it('waits a Retry-After that uses exactly what remains', () => {
    expect(retryDelay(policy, 0, rateLimited(20_000), 40_000)).toBe(20_000);
    expect(() => retryDelay(policy, 0, rateLimited(20_001), 40_000)).toThrow(/wait 21 s/);
  });

  it('shortens the last pause to what remains, and gives up when nothing does', () => {
    expect(retryDelay(policy, 1, rateLimited(null), 59_000, () => 0)).toBe(1_000);
    expect(retryDelay(policy, 1, rateLimited(null), 60_000, () => 0)).toBeNull();
  });
});

describe('an abort that came first', () => {
  it('makes no attempt, starts no pause and waits for nothing', async () => {
    let attempts = 0;
    const call = () => Promise.resolve(attempts++);
    await expect(withRetry(call, policy, aborted(), () => undefined)).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(attempts).toBe(0);
    await expect(sleep(60_000, aborted())).rejects.toMatchObject({ code: 'CANCELLED' });
    const never = new Promise<never>(() => undefined);
    await expect(untilAborted(never, aborted())).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('withRetry over a whole page', () => {
  it('counts its pauses against the budget', async () => {
    const pauses: number[] = [];
    const run = withRetry(
      () => Promise.reject(rateLimited(null)),
      {
        delaysMs: [40_000, 40_000, 40_000, 40_000],
        jitter: 0,
        budgetMs: 100_000,
        sleep: async (ms) => void pauses.push(ms),
      },
      new AbortController().signal,
      () => undefined,
    );
    await expect(run).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(pauses).toEqual([40_000, 40_000, 20_000]);
  });

  it('leaves no listener on the run’s signal, which lives for thousands of pages', async () => {
    const signal = new AbortController().signal;
    let calls = 0;
    const call = () => (++calls < 3 ? Promise.reject(rateLimited(null)) : Promise.resolve('ok'));
    await withRetry(call, { ...policy, delaysMs: [1, 1] }, signal, () => undefined);
    await untilAborted(Promise.resolve(1), signal);
    await sleep(1, signal);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});

describe('what a person reads', () => {
  it('a cancelled run says what was kept', async () => {
    await expect(sleep(1, aborted())).rejects.toThrow(
      'The sync was cancelled. What was saved stays saved.',
    );
  });

  it('a Retry-After beyond the budget says until when, and that nothing was lost', () => {
    const now = Date.parse('2026-12-07T10:00:00Z');
    const until = new Date(now + 15 * 60_000).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(() => retryDelay({ ...policy, now: () => now }, 0, rateLimited(15 * 60_000), 0)).toThrow(
      `Google asked us to wait 15 min before trying again (until about ${until}). ` +
        'Nothing was lost; sync again after that, or let the schedule do it.',
    );
  });
});
