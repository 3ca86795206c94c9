import type { PendingDeletionsSummary } from '../../../shared/domain.js';
import type { Db } from './connection.js';

/** Read and write side of `pending_deletions` for one account. */
export class PendingDeletions {
  private readonly listNames;
  private readonly removeOne;

  constructor(
    private readonly db: Db,
    private readonly accountId: number,
  ) {
    this.listNames = db.prepare<[number], { resource_name: string }>(
      'SELECT resource_name FROM pending_deletions WHERE account_id = ?',
    );
    this.removeOne = db.prepare(
      'DELETE FROM pending_deletions WHERE account_id = ? AND resource_name = ?',
    );
  }

  names(): string[] {
    return this.listNames.all(this.accountId).map((r) => r.resource_name);
  }

  /** Contacts that showed up again in a listing are no longer deleted upstream. */
  forget(resourceNames: readonly string[]): void {
    for (const name of resourceNames) this.removeOne.run(this.accountId, name);
  }

  /**
   * The pending set becomes exactly `resourceNames`: names already pending keep the time they
   * were first found, new ones get `now`, the rest go.
   */
  replace(resourceNames: readonly string[], now: string): void {
    const names = JSON.stringify(resourceNames);
    this.db
      .prepare(
        `DELETE FROM pending_deletions WHERE account_id = ?
           AND resource_name NOT IN (SELECT value FROM json_each(?))`,
      )
      .run(this.accountId, names);
    this.db
      .prepare(
        `INSERT OR IGNORE INTO pending_deletions (account_id, resource_name, detected_at)
         SELECT ?, value, ? FROM json_each(?)`,
      )
      .run(this.accountId, now, names);
  }

  clear(): void {
    this.db.prepare('DELETE FROM pending_deletions WHERE account_id = ?').run(this.accountId);
  }
}

/** Every account's pending confirmation, by account id (accounts with none are absent). */
export function pendingDeletionsByAccount(db: Db): Map<number, PendingDeletionsSummary> {
  const rows = db
    .prepare<[], { account_id: number; n: number; since: string }>(
      `SELECT account_id, count(*) AS n, min(detected_at) AS since
       FROM pending_deletions GROUP BY account_id`,
    )
    .all();
  return new Map(rows.map((r) => [r.account_id, { count: r.n, since: r.since }]));
}
