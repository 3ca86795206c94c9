/**
 * Backoff through the real client libraries and the fake server: which errors are retried, with
 * which pauses. The pauses are recorded by an injected sleep instead of being waited out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY } from '../../src/main/core/sync/retry.js';
import type { FaultSpec } from '../fake-google/server.js';
import { Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A harness with the production policy (2 s, 4 s, 8 s, ±25 %) whose pauses are only recorded. */
async function withRecordedPauses() {
  const pauses: number[] = [];
  h = await Harness.start({
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

const within = (value: number | undefined, base: number) => {
  expect(value).toBeGreaterThanOrEqual(base * 0.75);
  expect(value).toBeLessThanOrEqual(base * 1.25);
};

describe('backoff on transient errors', () => {
  it('waits about 2 s, 4 s and 8 s (with jitter) between attempts, then succeeds', async () => {
    const { harness, pauses } = await withRecordedPauses();
    harness.fake.injectFault({ path: 'connections', kind: 'status', status: 503, count: 3 });
    const run = await harness.sync();
    expect(run.status).toBe('success');
    expect(pauses).toHaveLength(3);
    [2000, 4000, 8000].forEach((base, i) => within(pauses[i], base));
    expect(harness.fake.requestCount('connections')).toBe(4);
  });

  it('gives up after 3 retries', async () => {
    const { harness, pauses } = await withRecordedPauses();
    harness.fake.injectFault({ path: 'connections', kind: 'status', status: 500, count: 10 });
    const run = await harness.sync();
    expect(run.error?.code).toBe('SERVER_ERROR');
    expect(pauses).toHaveLength(3);
    expect(harness.fake.requestCount('connections')).toBe(4);
  });

  it.each([
    ['a 429', { status: 429 }],
    ['a 403 rateLimitExceeded', { status: 403 }],
  ])('honours Retry-After on %s', async (_name, fault) => {
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

  it('retries a connection reset', async () => {
    const { harness, pauses } = await withRecordedPauses();
    harness.fake.injectFault({ path: 'contactGroups', kind: 'reset' });
    expect((await harness.sync()).status).toBe('success');
    expect(pauses).toHaveLength(1);
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
