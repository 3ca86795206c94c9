import { AppError, type ErrorCode } from '../errors.js';
import { GoogleApiError } from '../google/errors.js';

export interface RetryPolicy {
  /**
   * Base pause before each retry, doubling up to a cap (truncated exponential backoff); its length
   * is the number of retries. DESIGN §6: Google's per-minute quotas need up to about 2 minutes.
   */
  delaysMs: readonly number[];
  /**
   * Share of each pause drawn at random, so many clients do not retry in step: 0.5 is "equal
   * jitter" (between half the base and the base), 1 "full jitter".
   */
  jitter: number;
  /**
   * Most time one page may spend without progress: pauses between attempts (Retry-After included)
   * and attempts that ended by a deadline. Once spent, the page's last error fails the run.
   */
  budgetMs: number;
  /** Injected by tests to observe the pauses instead of waiting them out. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Wall clock: how long timed-out attempts took, and when Google allows the next try. */
  now?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  delaysMs: [4000, 8000, 16_000, 32_000, 60_000],
  jitter: 0.5,
  budgetMs: 120_000,
};

/** What progress shows while a retry waits: "retrying in 8 s, attempt 3 of 6". */
export interface RetryNotice {
  /** The attempt that comes after the pause (the first call is attempt 1). */
  attempt: number;
  attempts: number;
  delayMs: number;
  /** Why: the transient error's code (RATE_LIMITED, SERVER_ERROR, TIMEOUT, NETWORK…). */
  code: ErrorCode;
}

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

/**
 * Settles with `promise`, or rejects CANCELLED as soon as `signal` aborts. For work that cannot be
 * handed the signal, such as the auth library's token refresh: Cancel and Ctrl-C must not wait for
 * it (its own deadlines end it later; its outcome is then ignored).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined); // settled after an abort: nobody listens any more
  if (signal.aborted) return Promise.reject(cancelled());
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() =>
    signal.removeEventListener('abort', onAbort),
  );
}

/** "45 s", "2 min", "3 h": how long, said plainly. */
export function waitText(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 90 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** A Retry-After beyond what one run may wait: the run fails saying when Google allows a try. */
function retryLater(error: GoogleApiError, retryAfterMs: number, now: number): GoogleApiError {
  const at = new Date(now + retryAfterMs).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
  });
  return new GoogleApiError(
    error.code,
    `Google asked us to wait ${waitText(retryAfterMs)} before trying again (until about ${at}). ` +
      'Nothing was lost; sync again after that, or let the schedule do it.',
    error.httpStatus,
    false,
    retryAfterMs,
    { cause: error },
  );
}

/**
 * The pause before retry number `attempt + 1`, or null when no retry is left. `waitedMs` is the
 * budget this page already spent: a pause never takes the total past the budget, and a Retry-After
 * that would fails the run with its own message (a thrown error) instead of a generic one.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  error: GoogleApiError,
  waitedMs: number,
  random: () => number = Math.random,
): number | null {
  const base = policy.delaysMs[attempt];
  if (base === undefined) return null;
  const remaining = policy.budgetMs - waitedMs;
  if (error.retryAfterMs !== null) {
    if (error.retryAfterMs <= remaining) return error.retryAfterMs;
    throw retryLater(error, error.retryAfterMs, (policy.now ?? Date.now)());
  }
  if (remaining <= 0) return null;
  return Math.min(remaining, Math.round(base * (1 - policy.jitter * random())));
}

/**
 * Runs `call`, retrying transient Google errors. `onAttempt` sees every attempt, so the run
 * records each API call it made, retries included; `onRetry` is told each pause before it starts.
 */
export async function withRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  onAttempt: () => void,
  onRetry?: (notice: RetryNotice) => void,
): Promise<T> {
  const now = policy.now ?? Date.now;
  // Pauses, and attempts that ended by a deadline: both are time the page made no progress.
  let spent = 0;
  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) throw cancelled();
    onAttempt();
    const startedAt = now();
    try {
      return await untilAborted(call(), signal);
    } catch (error) {
      if (signal.aborted) throw cancelled();
      if (!(error instanceof GoogleApiError) || !error.transient) throw error;
      if (error.code === 'TIMEOUT') spent += now() - startedAt;
      const delay = retryDelay(policy, attempt, error, spent, policy.random);
      if (delay === null) throw error;
      spent += delay;
      onRetry?.({
        attempt: attempt + 2,
        attempts: policy.delaysMs.length + 1,
        delayMs: delay,
        code: error.code,
      });
      await (policy.sleep ?? sleep)(delay, signal);
    }
  }
}
