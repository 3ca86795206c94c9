import type { Db } from './connection.js';

/** Who syncs an account right now, across every process on the database (see schema-sync-leases). */
export interface LeaseRow {
  accountId: number;
  owner: string;
  runId: number;
  host: string;
  pid: number;
  heartbeatAtMs: number;
  expiresAtMs: number;
}

interface Row {
  account_id: number;
  owner: string;
  run_id: number;
  host: string;
  pid: number;
  heartbeat_at_ms: number;
  expires_at_ms: number;
}

const toLease = (row: Row): LeaseRow => ({
  accountId: row.account_id,
  owner: row.owner,
  runId: row.run_id,
  host: row.host,
  pid: row.pid,
  heartbeatAtMs: row.heartbeat_at_ms,
  expiresAtMs: row.expires_at_ms,
});

export class LeasesRepo {
  constructor(private readonly db: Db) {}

  get(accountId: number): LeaseRow | null {
    const row = this.db
      .prepare<[number], Row>(`SELECT * FROM sync_leases WHERE account_id = ?`)
      .get(accountId);
    return row ? toLease(row) : null;
  }

  list(): LeaseRow[] {
    return this.db.prepare<[], Row>(`SELECT * FROM sync_leases`).all().map(toLease);
  }

  put(lease: LeaseRow): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO sync_leases
           (account_id, owner, run_id, host, pid, heartbeat_at_ms, expires_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        lease.accountId,
        lease.owner,
        lease.runId,
        lease.host,
        lease.pid,
        lease.heartbeatAtMs,
        lease.expiresAtMs,
      );
  }

  /** False when the lease is no longer this owner's (another process took it over). */
  renew(accountId: number, owner: string, nowMs: number, expiresAtMs: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE sync_leases SET heartbeat_at_ms = ?, expires_at_ms = ?
           WHERE account_id = ? AND owner = ?`,
        )
        .run(nowMs, expiresAtMs, accountId, owner).changes === 1
    );
  }

  release(accountId: number, owner: string): void {
    this.db
      .prepare(`DELETE FROM sync_leases WHERE account_id = ? AND owner = ?`)
      .run(accountId, owner);
  }

  remove(accountId: number): void {
    this.db.prepare(`DELETE FROM sync_leases WHERE account_id = ?`).run(accountId);
  }
}
