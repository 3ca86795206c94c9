import type { AccountSyncHealth, RunCallFigures } from '../../../shared/api/types.js';
import {
  SYNC_RESOURCES,
  type Account,
  type RunStatus,
  type SyncResource,
} from '../../../shared/domain.js';
import type { Clock } from '../clock.js';
import { AccountsRepo } from '../db/accounts-repo.js';
import type { Db } from '../db/connection.js';
import { PolicyStateRepo } from '../db/policy-state.js';

const DAY_MS = 86_400_000;
/** A run that finds nothing new costs one call for labels and one for contacts. */
const QUIET_RUN_CALLS = 2;

/** Sync health of one account, in the shape the API sends (one definition, in src/shared). */
export type SyncHealth = AccountSyncHealth;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export class SyncHealthService {
  private readonly accounts: AccountsRepo;
  private readonly state: PolicyStateRepo;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** From the scheduler when one runs, else computed from the schedule (see ScheduleReader). */
    private readonly nextRunAt: (account: Account) => string | null = () => null,
  ) {
    this.accounts = new AccountsRepo(db);
    this.state = new PolicyStateRepo(db);
  }

  all(): SyncHealth[] {
    return this.accounts.list().map((account) => this.of(account));
  }

  of(account: Account): SyncHealth {
    const now = this.clock.now().getTime();
    const since = (days: number) => new Date(now - days * DAY_MS).toISOString();
    const counts = (days: number) => {
      const out = { success: 0, failed: 0, skipped: 0, cancelled: 0 };
      const rows = this.db
        .prepare<[number, string], { status: RunStatus; n: number }>(
          `SELECT status, count(*) AS n FROM sync_runs
           WHERE account_id = ? AND started_at >= ? AND status != 'running' GROUP BY status`,
        )
        .all(account.id, since(days));
      for (const row of rows) if (row.status !== 'running') out[row.status] = row.n;
      return out;
    };
    const rate = (c: { success: number; failed: number }) =>
      c.success + c.failed === 0 ? null : c.success / (c.success + c.failed);
    const runs30d = counts(30);
    const state = this.state.get(account.id);
    const callsPerRun = this.callsPerRun(account.id, since(30));
    const byReason: Record<string, number> = {};
    for (const row of this.db
      .prepare<[number, string], { reason: string; n: number }>(
        `SELECT coalesce(skip_reason, 'unknown') AS reason, count(*) AS n FROM sync_runs
         WHERE account_id = ? AND status = 'skipped' AND started_at >= ? GROUP BY reason`,
      )
      .all(account.id, since(30))) {
      byReason[row.reason] = row.n * callsPerRun;
    }
    const spent = this.db
      .prepare<[number, string], { calls: number; bytes: number; first: string | null }>(
        `SELECT coalesce(sum(api_calls), 0) AS calls, coalesce(sum(bytes_received), 0) AS bytes,
                min(started_at) AS first
         FROM sync_runs WHERE account_id = ? AND started_at >= ?`,
      )
      .get(account.id, since(7));
    const days = spent?.first
      ? Math.min(7, Math.max(1, (now - Date.parse(spent.first)) / DAY_MS))
      : 7;
    const openUntil = state.circuitOpenUntil;
    return {
      accountId: account.id,
      account: account.email,
      successRate7d: rate(counts(7)),
      successRate30d: rate(runs30d),
      runs30d,
      medianDurationMs: median(
        this.db
          .prepare<[number, string], { d: number }>(
            `SELECT duration_ms AS d FROM sync_runs WHERE account_id = ? AND status = 'success'
             AND started_at >= ? AND duration_ms IS NOT NULL`,
          )
          .all(account.id, since(30))
          .map((r) => r.d),
      ),
      apiCallsPerDay: (spent?.calls ?? 0) / days,
      bytesPerDay: (spent?.bytes ?? 0) / days,
      callsPerRun,
      apiCallsSaved: {
        total: Object.values(byReason).reduce((a, b) => a + b, 0),
        byReason,
      },
      circuit: {
        open: openUntil !== null && Date.parse(openUntil) > now,
        openUntil,
        consecutiveFailures: state.consecutiveFailures,
      },
      token: {
        account: account.status,
        health: state.tokenHealth,
        checkedAt: state.tokenCheckedAt,
      },
      nextRunAt: this.nextRunAt(account),
      apiCallsPerRun: this.apiCallsPerRun(account.id, since(30)),
    };
  }

  /**
   * What runs really cost, from their rows. Not `callsPerRun`: that is the estimate of a quiet
   * incremental run a skip saved (2 before any), which read as "API calls per run 2.0" beside
   * full runs of 36–102 calls. Skipped runs call nothing and are left out.
   */
  private apiCallsPerRun(
    accountId: number,
    since: string,
  ): Record<SyncResource, RunCallFigures | null> {
    const rows = this.db
      .prepare<[number, string], { resource: SyncResource; c: number }>(
        `SELECT resource, api_calls AS c FROM sync_runs WHERE account_id = ? AND started_at >= ?
         AND status IN ('success', 'failed', 'cancelled')`,
      )
      .all(accountId, since);
    const figures = (resource: SyncResource): RunCallFigures | null => {
      const calls = rows.filter((r) => r.resource === resource).map((r) => r.c);
      const mid = median(calls);
      if (mid === null) return null;
      return { runs: calls.length, median: mid, min: Math.min(...calls), max: Math.max(...calls) };
    };
    return Object.fromEntries(SYNC_RESOURCES.map((r) => [r, figures(r)])) as Record<
      SyncResource,
      RunCallFigures | null
    >;
  }

  /** A skipped run would have been incremental; before any, assume a quiet one. */
  private callsPerRun(accountId: number, since: string): number {
    const calls = this.db
      .prepare<[number, string], { c: number }>(
        `SELECT api_calls AS c FROM sync_runs WHERE account_id = ? AND status = 'success'
         AND kind = 'incremental' AND started_at >= ?`,
      )
      .all(accountId, since)
      .map((r) => r.c);
    return median(calls) ?? QUIET_RUN_CALLS;
  }
}
