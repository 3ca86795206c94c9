/**
 * Backoff through the real client libraries and the fake server: which errors are retried, with
 * which pauses. The pauses are recorded by an injected sleep instead of being waited out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY } from '../../src/main/core/sync/retry.js';
import type { FaultSpec } from '../fake-google/server.js';
import { Harness, type HarnessOptions } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A harness with the production policy (4…60 s, equal jitter, 2 min) whose pauses are only recorded. */
async function withRecordedPauses(options: HarnessOptions = {}) {
  const pauses: number[] = [];
  h = await Harness.start({
    ...options,
    contacts: 10,
    retry: {
      ...DEFAULT_RETRY_POLICY,
      sleep: async (ms) => {
        pauses.push(ms);
      },
    },
  });
  return { harness: h, pauses };
}

/** Equal jitter: each pause lies between half its base and the base. */
const within = (value: number | undefined, base: number) => {
  expect(value).toBeGreaterThanOrEqual(base / 2);
  expect(value).toBeLessThanOrEqual(base);
};

describe('backoff on transient errors', () => {
  it('waits about 4 s, 8 s and 16 s (with jitter) between attempts, then succeeds', async () => {
    const { harness, pauses } = await withRecordedPauses();
    harness.fake.injectFault({ path: 'connections', kind: 'status', status: 503, count: 3 });
    const run = await harness.sync();
    expect(run.status).toBe('success');
    expect(pauses).toHaveLength(3);
    [4000, 8000, 16_000].forEach((base, i) => within(pauses[i], base));
    expect(harness.fake.requestCount('connections')).toBe(4);
  });

  it('keeps trying for about 2 minutes in all (6 attempts), then gives up', async () => {
    const { harness, pauses } = await withRecordedPauses();
    harness.fake.injectFault({ path: 'connections', kind: 'status', status: 500, count: 10 });
    const run = await harness.sync();
    expect(run.error?.code).toBe('SERVER_ERROR');
    expect(pauses).toHaveLength(5);
    [4000, 8000, 16_000, 32_000, 60_000].forEach((base, i) => within(pauses[i], base));
    const total = pauses.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(60_000); // long enough for a per-minute quota to refill
    expect(total).toBeLessThanOrEqual(120_000);
    expect(harness.fake.requestCount('connections')).toBe(6);
  });

  it.each([
    ['a 429', { status: 429 }],
    ['a 403 rateLimitExceeded', { status: 403 }],
    ['a 403 userRateLimitExceeded', { status: 403, quotaReason: 'userRateLimitExceeded' }],
    [
      'a 403 RESOURCE_EXHAUSTED without a reason',
      { status: 403, quotaReason: 'RESOURCE_EXHAUSTED' },
    ],
  ] as [string, Partial<FaultSpec>][])('honours Retry-After on %s', async (_name, fault) => {
    const { harness, pauses } = await withRecordedPauses();
    harness.fake.injectFault({
      path: 'connections',
      kind: 'status',
      retryAfterSeconds: 7,
      ...fault,
    });
    const run = await harness.sync();
    expect(run.status).toBe('success');
    expect(pauses).toEqual([7000]);
  });

  it('retries a 403 RESOURCE_EXHAUSTED without Retry-After with backoff', async () => {
    const { harness, pauses } = await withRecordedPauses();
    harness.fake.injectFault({
      path: 'connections',
      kind: 'status',
      status: 403,
      quotaReason: 'RESOURCE_EXHAUSTED',
      count: 2,
    });
    const run = await harness.sync();
    expect(run.status).toBe('success');
    expect(pauses).toHaveLength(2);
  });

  it('waits out a Retry-After of 120 s, within the budget, and succeeds', async () => {
    const { harness, pauses } = await withRecordedPauses();
    harness.fake.injectFault({
      path: 'connections',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 120,
    });
    const run = await harness.sync();
    expect(run.status).toBe('success');
    expect(pauses).toEqual([120_000]);
  });

  it('fails at once, saying when to try again, when Retry-After is beyond the budget', async () => {
    const { harness, pauses } = await withRecordedPauses();
    harness.fake.injectFault({
      path: 'connections',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 600,
    });
    const run = await harness.sync();
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('RATE_LIMITED');
    expect(run.error?.message).toMatch(/asked us to wait 10 min before trying again \(until about/);
    expect(run.error?.message).not.toMatch(/cap/);
    expect(pauses).toEqual([]);
  });

  it('accepts Retry-After as an HTTP date', async () => {
    const { harness, pauses } = await withRecordedPauses();
    const inThirtySeconds = new Date(Date.now() + 30_000).toUTCString();
    harness.fake.injectFault({
      path: 'connections',
      kind: 'status',
      status: 503,
      retryAfter: inThirtySeconds,
    });
    expect((await harness.sync()).status).toBe('success');
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toBeGreaterThan(25_000);
    expect(pauses[0]).toBeLessThanOrEqual(30_000);
  });

  it.each([
    ['a 429', { status: 429 }],
    ['a 403 userRateLimitExceeded', { status: 403, quotaReason: 'userRateLimitExceeded' }],
  ] as [string, Partial<FaultSpec>][])('retries %s from the Calendar API', async (_name, fault) => {
    const { harness, pauses } = await withRecordedPauses();
    harness.fake.calendar.seedEvents('me@example.com', 3);
    harness.fake.injectFault({ path: 'events', kind: 'status', count: 2, ...fault });
    const run = await harness.sync({ resource: 'calendar' });
    expect(run.status).toBe('success');
    expect(pauses).toHaveLength(2);
  });

  it('retries a connection reset', async () => {
    const { harness, pauses } = await withRecordedPauses();
    harness.fake.injectFault({ path: 'contactGroups', kind: 'reset' });
    expect((await harness.sync()).status).toBe('success');
    expect(pauses).toHaveLength(1);
  });

  it('says in progress, at once, that a retry waits', async () => {
    // Progress is throttled to one event a minute here: retry notices must not wait for it.
    const { harness } = await withRecordedPauses({ progressIntervalMs: 60_000 });
    const notices: string[] = [];
    harness.orchestrator.onProgress((p) => {
      if (p.retry) notices.push(`${p.retry.code} ${p.retry.attempt}/${p.retry.attempts}`);
    });
    harness.fake.injectFault({ path: 'connections', kind: 'status', status: 503, count: 2 });
    expect((await harness.sync()).status).toBe('success');
    expect(notices).toEqual(['SERVER_ERROR 2/6', 'SERVER_ERROR 3/6']);
  });

  it("says when a retry's pause ends, by the run's clock, with Google's Retry-After", async () => {
    const at = new Date('2026-03-10T09:00:00Z');
    const { harness } = await withRecordedPauses({ clock: { now: () => at } });
    const ends: Array<string | undefined> = [];
    harness.orchestrator.onProgress((p) => {
      if (p.retry) ends.push(p.retry.until);
    });
    harness.fake.injectFault({
      path: 'connections',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 2,
    });
    expect((await harness.sync()).status).toBe('success');
    expect(ends).toEqual(['2026-03-10T09:00:02.000Z']);
  });
});

describe('errors that cannot change are not retried', () => {
  const denied = {
    error: {
      code: 403,
      message: 'The caller does not have permission',
      status: 'PERMISSION_DENIED',
    },
  };
  it.each([
    ['a plain 400', { status: 400 }, 'BAD_REQUEST'],
    ['a 404', { status: 404 }, 'BAD_REQUEST'],
    // The auth library refreshes the access token once on a 401/403; after that, no retry.
    ['a 401 after refresh', { status: 401 }, 'UNAUTHORIZED'],
    ['a 403 that is not a rate limit', { status: 403, body: denied }, 'FORBIDDEN'],
  ] as [string, Partial<FaultSpec>, string][])('%s', async (_name, fault, code) => {
    const { harness, pauses } = await withRecordedPauses();
    harness.fake.injectFault({ path: 'connections', kind: 'status', count: 10, ...fault });
    const run = await harness.sync();
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe(code);
    expect(pauses).toEqual([]);
    expect(run.apiCalls).toBe(2); // labels, then the one contacts call that failed
  });
});
