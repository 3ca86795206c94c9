import type { Account, SyncProgress, SyncRetry } from '../../../shared/domain.js';
import type { RetryNotice } from './retry.js';
import { Throttle } from './throttle.js';

/**
 * One run's progress events: each committed page, throttled (DESIGN §5: at most ~10 a second),
 * and a waiting retry, which is news the person should see at once.
 */
export class RunProgress {
  private readonly throttle: Throttle<SyncProgress>;
  private latest: SyncProgress;
  /** The retry waiting now, if any: a page committed meanwhile must not make it look over. */
  private retry: (SyncRetry & { until: string }) | null = null;

  constructor(
    intervalMs: number,
    private readonly send: (progress: SyncProgress) => void,
    start: { runId: number; account: Account; phase: SyncProgress['phase'] },
    private readonly pages: () => number,
    private readonly now: () => number = Date.now,
  ) {
    this.throttle = new Throttle(intervalMs, send);
    this.latest = {
      runId: start.runId,
      accountId: start.account.id,
      account: start.account.email,
      phase: start.phase,
      fetched: 0,
      total: null,
      pages: 0,
    };
  }

  /** What a listing calls after each page of `phase`. */
  readonly onPage =
    (phase: SyncProgress['phase']) => (page: { fetched: number; total: number | null }) => {
      this.latest = { ...this.latest, phase, pages: this.pages(), ...page };
      // The sync writer's thread may commit a page while the next one's request waits to be
      // retried (it was sent before the page was written): the wait is still news.
      this.throttle.push(this.retry ? { ...this.latest, retry: this.retry } : this.latest);
    };

  readonly onRetry = (retry: RetryNotice): void => {
    this.throttle.flush();
    const until = new Date(this.now() + retry.delayMs).toISOString();
    this.retry = { ...retry, until };
    this.send({ ...this.latest, retry: this.retry });
  };

  /** A request is being sent: the retry that waited, if any, is over. */
  readonly onAttempt = (): void => {
    this.retry = null;
  };

  flush(): void {
    this.throttle.flush();
  }
}
