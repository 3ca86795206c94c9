import type { Db } from './connection.js';
import {
  RUN_STATUSES,
  type RunCounts,
  type RunError,
  type RunStatus,
  type SyncKind,
  type SyncResource,
  type SyncRun,
  type SyncTrigger,
} from '../../../shared/domain.js';

interface RunRow {
  id: number;
  account_id: number;
  email: string;
  resource: SyncResource;
  kind: SyncKind;
  trigger: SyncTrigger;
  status: RunStatus;
  skip_reason: string | null;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  fetched: number;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  errors: number;
  pages: number;
  api_calls: number;
  bytes_received: number;
  error_code: string | null;
  error_message: string | null;
}

const SELECT_RUN = `SELECT r.*, a.email FROM sync_runs r JOIN accounts a ON a.id = r.account_id`;

const toRun = (row: RunRow): SyncRun => ({
  runId: row.id,
  accountId: row.account_id,
  account: row.email,
  resource: row.resource,
  kind: row.kind,
  trigger: row.trigger,
  status: row.status,
  skipReason: row.skip_reason,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  durationMs: row.duration_ms,
  counts: {
    fetched: row.fetched,
    created: row.created,
    updated: row.updated,
    deleted: row.deleted,
    unchanged: row.unchanged,
    errors: row.errors,
  },
  pages: row.pages,
  apiCalls: row.api_calls,
  bytesReceived: row.bytes_received,
  error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
});

/** Which runs History lists: the newest `limit` of an account, status or resource. */
export interface RunListOptions {
  limit?: number;
  accountId?: number;
  status?: RunStatus;
  resource?: SyncResource;
}

export interface RunOutcome {
  status: Exclude<RunStatus, 'running'>;
  kind: SyncKind;
  counts: RunCounts;
  pages: number;
  apiCalls: number;
  bytesReceived: number;
  error: RunError | null;
  skipReason?: string | null;
}

/** What a run has done so far: written after each page, and again when it ends. */
export type RunProgress = Pick<
  RunOutcome,
  'kind' | 'counts' | 'pages' | 'apiCalls' | 'bytesReceived'
>;

const SET_PROGRESS = `kind = ?, fetched = ?, created = ?, updated = ?, deleted = ?, unchanged = ?,
  errors = ?, pages = ?, api_calls = ?, bytes_received = ?`;

const progressValues = ({ kind, counts: c, pages, apiCalls, bytesReceived }: RunProgress) => [
  kind,
  c.fetched,
  c.created,
  c.updated,
  c.deleted,
  c.unchanged,
  c.errors,
  pages,
  apiCalls,
  bytesReceived,
];

export class RunsRepo {
  constructor(private readonly db: Db) {}

  start(
    accountId: number,
    resource: SyncResource,
    kind: SyncKind,
    trigger: SyncTrigger,
    startedAt: string,
  ): number {
    const result = this.db
      .prepare(
        `INSERT INTO sync_runs (account_id, resource, kind, trigger, status, started_at)
         VALUES (?, ?, ?, ?, 'running', ?)`,
      )
      .run(accountId, resource, kind, trigger, startedAt);
    return Number(result.lastInsertRowid);
  }

  finish(runId: number, outcome: RunOutcome, finishedAt: Date): SyncRun {
    const run = this.get(runId);
    const duration = finishedAt.getTime() - new Date(run.startedAt).getTime();
    this.db
      .prepare(
        `UPDATE sync_runs SET status = ?, skip_reason = ?, finished_at = ?, duration_ms = ?,
           error_code = ?, error_message = ?, ${SET_PROGRESS}
         WHERE id = ?`,
      )
      .run(
        outcome.status,
        outcome.skipReason ?? null,
        finishedAt.toISOString(),
        Math.max(0, duration),
        outcome.error?.code ?? null,
        outcome.error?.message ?? null,
        ...progressValues(outcome),
        runId,
      );
    return this.get(runId);
  }

  get(runId: number): SyncRun {
    const row = this.db.prepare<[number], RunRow>(`${SELECT_RUN} WHERE r.id = ?`).get(runId);
    if (!row) throw new Error(`run ${runId} does not exist`);
    return toRun(row);
  }

  /** Newest first. */
  list(options: RunListOptions = {}): SyncRun[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (options.accountId !== undefined) {
      where.push('r.account_id = ?');
      params.push(options.accountId);
    }
    if (options.status) {
      where.push('r.status = ?');
      params.push(options.status);
    }
    if (options.resource) {
      where.push('r.resource = ?');
      params.push(options.resource);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    params.push(options.limit ?? 50);
    return this.db
      .prepare<(string | number)[], RunRow>(`${SELECT_RUN} ${clause} ORDER BY r.id DESC LIMIT ?`)
      .all(...params)
      .map(toRun);
  }

  /**
   * What a running run has committed so far, written after each page so that a run whose process
   * is killed keeps in its history the counts, pages and API calls of what it saved.
   */
  saveProgress(runId: number, progress: RunProgress): void {
    this.db
      .prepare(`UPDATE sync_runs SET ${SET_PROGRESS} WHERE id = ? AND status = 'running'`)
      .run(...progressValues(progress), runId);
  }

  /**
   * Closes as failed (`INTERRUPTED`, with a plain reason) the runs left `running` by a process
   * that died — of one account, or of all — except those in `keep` (runs whose owner is alive).
   * Their counts stay as their last committed page left them.
   */
  failInterrupted(now: string, options: { accountId?: number; keep?: number[] } = {}): number {
    return this.db
      .prepare(
        `UPDATE sync_runs SET status = 'failed', finished_at = ?, error_code = 'INTERRUPTED',
           error_message = 'The app stopped while this sync was running. Nothing was lost; the next sync continues.'
         WHERE status = 'running' AND (? IS NULL OR account_id = ?)
           AND id NOT IN (SELECT value FROM json_each(?))`,
      )
      .run(
        now,
        options.accountId ?? null,
        options.accountId ?? null,
        JSON.stringify(options.keep ?? []),
      ).changes;
  }

  countByStatus(accountId?: number): Record<RunStatus, number> {
    const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
    const rows = this.db
      .prepare<[number | null, number | null], { status: RunStatus; n: number }>(
        `SELECT status, count(*) AS n FROM sync_runs WHERE (? IS NULL OR account_id = ?) GROUP BY status`,
      )
      .all(accountId ?? null, accountId ?? null);
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  /** The newest run with `status`, of one account and one resource when given. */
  lastWithStatus(status: RunStatus, accountId?: number, resource?: SyncResource): SyncRun | null {
    const row = this.db
      .prepare<[string, number | null, number | null, string | null, string | null], RunRow>(
        `${SELECT_RUN} WHERE r.status = ? AND (? IS NULL OR r.account_id = ?)
           AND (? IS NULL OR r.resource = ?) ORDER BY r.id DESC LIMIT 1`,
      )
      .get(status, accountId ?? null, accountId ?? null, resource ?? null, resource ?? null);
    return row ? toRun(row) : null;
  }
}
