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
   * The fewest contacts active when any pending deletion was withheld (null: none recorded), the
   * most a later judgement of them may count (schema-pending-deletions-base.ts).
   */
  activeWhenWithheld(): number | null {
    const row = this.db
      .prepare<[number], { n: number | null }>(
        'SELECT min(active_when_withheld) AS n FROM pending_deletions WHERE account_id = ?',
      )
      .get(this.accountId);
    return row?.n ?? null;
  }

  /**
   * The pending set becomes exactly `resourceNames`: names already pending keep the time they
   * were first found and the count of active contacts then, new ones get `now` and `active`, the
   * rest go.
   */
  replace(resourceNames: readonly string[], now: string, active: number): void {
    const names = JSON.stringify(resourceNames);
    this.db
      .prepare(
        `DELETE FROM pending_deletions WHERE account_id = ?
           AND resource_name NOT IN (SELECT value FROM json_each(?))`,
      )
      .run(this.accountId, names);
    this.db
      .prepare(
        `INSERT OR IGNORE INTO pending_deletions
           (account_id, resource_name, detected_at, active_when_withheld)
         SELECT ?, value, ?, ? FROM json_each(?)`,
      )
      .run(this.accountId, now, active, names);
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
