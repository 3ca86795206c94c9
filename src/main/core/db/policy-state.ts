import type { SyncResource } from '../../../shared/domain.js';
import type { Db } from './connection.js';

/**
 * What the run policies remember per account and run resource, in the v1 `sync_state` columns:
 * contacts runs in the contacts listing's row (a run syncs labels and contacts together, so that
 * row speaks for the run), calendar runs in a row of their own (resource `calendar`). Token health
 * belongs to the account and stays in the contacts row.
 */
export interface PolicyState {
  consecutiveFailures: number;
  circuitOpenUntil: string | null;
  consecutiveNoChangeRuns: number;
  /** The adaptive interval; null = the schedule's own period. */
  intervalMinutes: number | null;
  tokenHealth: 'ok' | 'expired' | 'revoked';
  tokenCheckedAt: string | null;
}

interface Row {
  consecutive_failures: number;
  circuit_open_until: string | null;
  consecutive_no_change_runs: number;
  interval_minutes: number | null;
  token_health: PolicyState['tokenHealth'];
  token_checked_at: string | null;
}

export class PolicyStateRepo {
  constructor(private readonly db: Db) {}

  get(accountId: number, resource: SyncResource = 'contacts'): PolicyState {
    const row = this.db
      .prepare<[number, string], Row>(
        `SELECT consecutive_failures, circuit_open_until, consecutive_no_change_runs,
                interval_minutes, token_health, token_checked_at
         FROM sync_state WHERE account_id = ? AND resource = ?`,
      )
      .get(accountId, resource);
    return {
      consecutiveFailures: row?.consecutive_failures ?? 0,
      circuitOpenUntil: row?.circuit_open_until ?? null,
      consecutiveNoChangeRuns: row?.consecutive_no_change_runs ?? 0,
      intervalMinutes: row?.interval_minutes ?? null,
      tokenHealth: row?.token_health ?? 'ok',
      tokenCheckedAt: row?.token_checked_at ?? null,
    };
  }

  /** Circuit breaker: the failure streak and until when the circuit is open (null = closed). */
  setCircuit(
    accountId: number,
    consecutiveFailures: number,
    openUntil: string | null,
    resource: SyncResource = 'contacts',
  ): void {
    this.upsert(
      accountId,
      resource,
      'consecutive_failures = ?, circuit_open_until = ?',
      consecutiveFailures,
      openUntil,
    );
  }

  /** Adaptive schedule: the no-change streak and the current interval (null = base). */
  setAdaptive(
    accountId: number,
    noChangeRuns: number,
    intervalMinutes: number | null,
    resource: SyncResource = 'contacts',
  ): void {
    this.upsert(
      accountId,
      resource,
      'consecutive_no_change_runs = ?, interval_minutes = ?',
      noChangeRuns,
      intervalMinutes,
    );
  }

  private upsert(
    accountId: number,
    resource: SyncResource,
    assignments: string,
    ...values: (number | string | null)[]
  ) {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT OR IGNORE INTO sync_state (account_id, resource) VALUES (?, ?)')
        .run(accountId, resource);
      this.db
        .prepare(`UPDATE sync_state SET ${assignments} WHERE account_id = ? AND resource = ?`)
        .run(...values, accountId, resource);
    })();
  }
}
