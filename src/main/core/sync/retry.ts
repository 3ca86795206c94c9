import { AppError } from '../errors.js';
import { GoogleApiError } from '../google/errors.js';

export interface RetryPolicy {
  /** Pause before each retry; its length is the number of retries. DESIGN §6: about 2 s, 4 s, 8 s. */
  delaysMs: readonly number[];
  /** ± share of each delay, so many clients do not retry in step. */
  jitter: number;
  /** A Retry-After longer than this is not waited for: the run fails and the schedule tries later. */
  maxRetryAfterMs: number;
  /** Injected by tests to observe the pauses instead of waiting them out. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  delaysMs: [2000, 4000, 8000],
  jitter: 0.25,
  maxRetryAfterMs: 60_000,
};

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelled());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export const cancelled = () =>
  new AppError('CANCELLED', 'The sync was cancelled. What was saved stays saved.');

export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  error: GoogleApiError,
  random: () => number = Math.random,
): number | null {
  const base = policy.delaysMs[attempt];
  if (base === undefined) return null;
  if (error.retryAfterMs !== null) {
    return error.retryAfterMs <= policy.maxRetryAfterMs ? error.retryAfterMs : null;
  }
  return Math.round(base * (1 + policy.jitter * (2 * random() - 1)));
}

/**
 * Runs `call`, retrying transient Google errors. `onAttempt` sees every attempt, so the run
 * records each API call it made, retries included.
 */
export async function withRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  onAttempt: () => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) throw cancelled();
    onAttempt();
    try {
      return await call();
    } catch (error) {
      if (signal.aborted) throw cancelled();
      if (!(error instanceof GoogleApiError) || !error.transient) throw error;
      const delay = retryDelay(policy, attempt, error, policy.random);
      if (delay === null) throw error;
      await (policy.sleep ?? sleep)(delay, signal);
    }
  }
}
