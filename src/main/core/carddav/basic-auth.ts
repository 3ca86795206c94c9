/**
 * HTTP Basic authentication with the app password, and a brake on guessing it: after
 * `maxFailures` wrong answers within a minute, every request is refused 429 until the minute
 * has passed (a person mistyping is not blocked for long; a script guessing gets ~5 tries a minute).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Clock } from '../clock.js';

export type AuthVerdict = 'ok' | 'missing' | 'wrong' | 'throttled';

const WINDOW_MS = 60_000;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

export class BasicAuthGate {
  private failures: number[] = [];

  constructor(
    private readonly credentials: () => { username: string; password: string },
    private readonly clock: Clock,
    private readonly maxFailures = 5,
  ) {}

  /** Seconds until a throttled client may try again (0 when it may now). */
  retryAfterSeconds(): number {
    this.forgetOld();
    if (this.failures.length < this.maxFailures) return 0;
    const oldest = this.failures[0] ?? this.clock.now().getTime();
    return Math.max(1, Math.ceil((oldest + WINDOW_MS - this.clock.now().getTime()) / 1000));
  }

  check(authorization: string | undefined): AuthVerdict {
    if (this.retryAfterSeconds() > 0) return 'throttled';
    if (!authorization) return 'missing';
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
    const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const separator = decoded.indexOf(':');
    const expected = this.credentials();
    // Compare digests, so the comparison takes the same time whatever the lengths.
    const good =
      separator > 0 &&
      timingSafeEqual(digest(decoded.slice(0, separator)), digest(expected.username)) &&
      timingSafeEqual(digest(decoded.slice(separator + 1)), digest(expected.password));
    if (good) return 'ok';
    this.failures.push(this.clock.now().getTime());
    return 'wrong';
  }

  private forgetOld(): void {
    const since = this.clock.now().getTime() - WINDOW_MS;
    this.failures = this.failures.filter((time) => time > since);
  }
}
