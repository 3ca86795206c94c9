import type { Db } from '../db/connection.js';

/** How old a count may be while the account's run keeps changing it. */
export const RUNNING_COUNT_MAX_AGE_MS = 1_000;

interface Cached {
  count: number;
  /** The database's state it was counted at (see `stateKey`). */
  key: string;
  atMs: number;
}

/**
 * Each account's count of active contacts, as the status shows it. Counting 100,000 rows costs
 * ~7 ms of the main thread, and a window asks for the status often — during a sync at every
 * progress event. So a count is kept until the database changes; while the account's own run
 * changes it page after page, it is recounted at most once a second (the run's progress says
 * what it fetched meanwhile). When no run is in progress, a count is always exact.
 */
export class ActiveContactCounts {
  private readonly cached = new Map<number, Cached>();
  private readonly count;

  constructor(
    private readonly db: Db,
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.count = db.prepare<[number], { n: number }>(
      'SELECT count(*) AS n FROM contacts WHERE account_id = ? AND deleted_at IS NULL',
    );
  }

  get(accountId: number, running: boolean): number {
    const key = this.stateKey();
    const now = this.nowMs();
    const cached = this.cached.get(accountId);
    if (cached) {
      const fresh = cached.key === key;
      const recentEnough = running && now - cached.atMs < RUNNING_COUNT_MAX_AGE_MS;
      if (fresh || recentEnough) return cached.count;
    }
    const count = this.count.get(accountId)?.n ?? 0;
    this.cached.set(accountId, { count, key, atMs: now });
    return count;
  }

  /**
   * Changes when any connection commits: `data_version` for the others' commits (the sync
   * writer's), `total_changes()` for this connection's own.
   */
  private stateKey(): string {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    const own = (this.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    return `${version}:${own}`;
  }
}
