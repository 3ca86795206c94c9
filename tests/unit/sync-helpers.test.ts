import { describe, expect, it } from 'vitest';
import {
  classifyGoogleError,
  GoogleApiError,
  parseRetryAfter,
} from '../../src/main/core/google/errors.js';
import { retryDelay, withRetry, type RetryPolicy } from '../../src/main/core/sync/retry.js';
import { Throttle } from '../../src/main/core/sync/throttle.js';

const httpError = (status: number, data: unknown, headers: Record<string, string> = {}) => ({
  message: 'request failed',
  status,
  response: { status, data, headers: new Headers(headers) },
});

describe('Google error classification', () => {
  it('recognises an expired People sync token (400 FAILED_PRECONDITION + ErrorInfo)', () => {
    const error = classifyGoogleError(
      httpError(400, {
        error: {
          code: 400,
          status: 'FAILED_PRECONDITION',
          message:
            'Sync token is expired. Clear local cache and retry call without the sync token.',
          details: [
            { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'EXPIRED_SYNC_TOKEN' },
          ],
        },
      }),
    );
    expect(error.code).toBe('EXPIRED_SYNC_TOKEN');
  });

  it('recognises Calendar-style 410 fullSyncRequired', () => {
    const error = classifyGoogleError(
      httpError(410, {
        error: { code: 410, errors: [{ reason: 'fullSyncRequired' }], message: 'gone' },
      }),
    );
    expect(error.code).toBe('EXPIRED_SYNC_TOKEN');
  });

  it('a plain 400 is an ordinary error, not a reason to resync', () => {
    const error = classifyGoogleError(
      httpError(400, { error: { code: 400, status: 'INVALID_ARGUMENT', message: 'bad' } }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect((error as GoogleApiError).transient).toBe(false);
  });

  it('marks 429, 5xx, rate-limit 403 and resets as transient, and reads Retry-After', () => {
    const limited = classifyGoogleError(
      httpError(429, {}, { 'retry-after': '7' }),
    ) as GoogleApiError;
    expect([limited.code, limited.transient, limited.retryAfterMs]).toEqual([
      'RATE_LIMITED',
      true,
      7000,
    ]);
    expect((classifyGoogleError(httpError(503, {})) as GoogleApiError).transient).toBe(true);
    const quota = classifyGoogleError(
      httpError(403, { error: { errors: [{ reason: 'userRateLimitExceeded' }] } }),
    );
    expect(quota.code).toBe('RATE_LIMITED');
    const reset = classifyGoogleError(Object.assign(new Error('socket'), { code: 'ECONNRESET' }));
    expect([reset.code, (reset as GoogleApiError).transient]).toEqual(['NETWORK', true]);
  });

  it('turns invalid_grant into AUTH_REVOKED, which is not retried', () => {
    const error = classifyGoogleError(
      httpError(400, {
        error: 'invalid_grant',
        error_description: 'Token has been expired or revoked.',
      }),
    );
    expect(error.code).toBe('AUTH_REVOKED');
    expect((error as GoogleApiError).transient).toBe(false);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe('retry', () => {
  const policy: RetryPolicy = {
    delaysMs: [2000, 4000, 8000],
    jitter: 0.5,
    budgetMs: 60_000,
  };
  const transient = (retryAfterMs: number | null = null) =>
    new GoogleApiError('SERVER_ERROR', 'x', 500, true, retryAfterMs);

  it('backs off about 2 s, 4 s, 8 s with equal jitter, then gives up', () => {
    expect(retryDelay(policy, 0, transient(), 0, () => 0.5)).toBe(1500);
    expect(retryDelay(policy, 1, transient(), 0, () => 0)).toBe(4000);
    expect(retryDelay(policy, 2, transient(), 0, () => 1)).toBe(4000);
    expect(retryDelay(policy, 3, transient(), 0)).toBeNull();
  });

  it('honours Retry-After within the budget', () => {
    expect(retryDelay(policy, 0, transient(12_000), 0)).toBe(12_000);
    expect(retryDelay(policy, 0, transient(12_000), 48_000)).toBe(12_000);
  });

  it('retries transient errors and counts every attempt', async () => {
    let attempts = 0;
    let counted = 0;
    const fast: RetryPolicy = { ...policy, delaysMs: [1, 1, 1] };
    const value = await withRetry(
      async () => {
        if (++attempts < 3) throw transient();
        return 'ok';
      },
      fast,
      new AbortController().signal,
      () => counted++,
    );
    expect([value, attempts, counted]).toEqual(['ok', 3, 3]);
  });

  it('does not retry permanent errors', async () => {
    let attempts = 0;
    const call = async () => {
      attempts++;
      throw new GoogleApiError('BAD_REQUEST', 'no', 400, false, null);
    };
    await expect(withRetry(call, policy, new AbortController().signal, () => {})).rejects.toThrow(
      'no',
    );
    expect(attempts).toBe(1);
  });

  it('stops waiting at once when cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = withRetry(
      () => Promise.reject(transient()),
      policy,
      controller.signal,
      () => {},
    );
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('progress throttle', () => {
  it('passes at most one value per interval and flushes the latest', () => {
    let now = 0;
    const seen: number[] = [];
    const throttle = new Throttle<number>(
      100,
      (v) => seen.push(v),
      () => now,
    );
    for (let i = 0; i < 50; i++) {
      throttle.push(i);
      now += 10;
    }
    throttle.flush();
    expect(seen).toEqual([0, 10, 20, 30, 40, 49]);
  });
});
