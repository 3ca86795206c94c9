import type {
  AccountStatusSummary,
  ContactSummary,
  RunStatus,
  Statistics,
  SyncRun,
} from '../../../shared/domain.js';
import { AccountsRepo } from '../db/accounts-repo.js';
import type { Db } from '../db/connection.js';
import { RunsRepo } from '../db/runs-repo.js';
import { SyncStateRepo } from '../db/sync-state.js';

/** Turns what a person types into an FTS5 query: every word must match as a prefix. */
export function toFtsQuery(text: string): string | null {
  const words = text
    .normalize('NFC')
    .split(/[\s"]+/)
    .map((w) => w.replace(/[^\p{L}\p{N}@._+-]/gu, ''))
    .filter(Boolean);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}

/** Read side: status, history, statistics and search, over the same database the sync writes. */
export class ReportsService {
  private readonly accounts: AccountsRepo;
  private readonly runs: RunsRepo;
  private readonly syncState: SyncStateRepo;

  constructor(
    private readonly db: Db,
    private readonly isRunning: (accountId: number) => boolean = () => false,
  ) {
    this.accounts = new AccountsRepo(db);
    this.runs = new RunsRepo(db);
    this.syncState = new SyncStateRepo(db);
  }

  status(): AccountStatusSummary[] {
    const countActive = this.db.prepare<[number], { n: number }>(
      'SELECT count(*) AS n FROM contacts WHERE account_id = ? AND deleted_at IS NULL',
    );
    return this.accounts.list().map((account) => {
      const state = this.syncState.get(account.id, 'contacts');
      return {
        account,
        contacts: countActive.get(account.id)?.n ?? 0,
        lastFullSyncAt: state.lastFullSyncAt,
        lastIncrementalSyncAt: state.lastIncrementalSyncAt,
        lastSuccessAt: this.runs.lastWithStatus('success', account.id)?.finishedAt ?? null,
        lastRun: this.runs.list({ accountId: account.id, limit: 1 })[0] ?? null,
        running: this.isRunning(account.id),
      };
    });
  }

  history(options: { limit?: number; accountId?: number; status?: RunStatus } = {}): SyncRun[] {
    return this.runs.list(options);
  }

  /** Clears the history but keeps the latest run, so "last synced" still has an answer. */
  clearHistory(): number {
    return this.runs.clear();
  }

  statistics(accountId?: number): Statistics {
    const scope = accountId ?? null;
    const one = (sql: string) =>
      this.db.prepare<[number | null, number | null], { n: number }>(sql).get(scope, scope)?.n ?? 0;
    const contactScope = '(? IS NULL OR c.account_id = ?)';
    const lastFailure = this.runs.lastWithStatus('failed', accountId);
    const lastSuccess = this.runs.lastWithStatus('success', accountId);
    return {
      contacts: {
        total: one(`SELECT count(*) AS n FROM contacts c WHERE ${contactScope}`),
        active: one(
          `SELECT count(*) AS n FROM contacts c WHERE ${contactScope} AND c.deleted_at IS NULL`,
        ),
        deleted: one(
          `SELECT count(*) AS n FROM contacts c WHERE ${contactScope} AND c.deleted_at IS NOT NULL`,
        ),
      },
      phoneNumbers: one(
        `SELECT count(*) AS n FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
         WHERE ${contactScope} AND c.deleted_at IS NULL`,
      ),
      emails: one(
        `SELECT count(*) AS n FROM contact_emails e JOIN contacts c ON c.id = e.contact_id
         WHERE ${contactScope} AND c.deleted_at IS NULL`,
      ),
      groups: one(
        `SELECT count(*) AS n FROM contact_groups c WHERE ${contactScope} AND c.deleted_at IS NULL`,
      ),
      runs: this.runs.countByStatus(accountId),
      lastSuccessAt: lastSuccess?.finishedAt ?? null,
      lastError:
        lastFailure?.error && (!lastSuccess || lastFailure.runId > lastSuccess.runId)
          ? {
              ...lastFailure.error,
              at: lastFailure.finishedAt ?? lastFailure.startedAt,
              runId: lastFailure.runId,
            }
          : null,
    };
  }

  /** Full-text search over names, organization, emails and phones of active contacts. */
  search(text: string, options: { limit?: number; accountId?: number } = {}): ContactSummary[] {
    const query = toFtsQuery(text);
    const limit = options.limit ?? 50;
    const scope = options.accountId ?? null;
    const select = `SELECT c.id, c.resource_name, c.display_name,
        (SELECT json_group_array(value) FROM (SELECT value FROM contact_emails WHERE contact_id = c.id ORDER BY position)) AS emails,
        (SELECT json_group_array(raw) FROM (SELECT raw FROM contact_phones WHERE contact_id = c.id ORDER BY position)) AS phones
      FROM contacts c`;
    type Row = {
      resource_name: string;
      display_name: string | null;
      emails: string;
      phones: string;
    };
    const rows = query
      ? this.db
          .prepare<[string, number | null, number | null, number], Row>(
            `${select} JOIN contacts_fts f ON f.rowid = c.id
             WHERE contacts_fts MATCH ? AND (? IS NULL OR c.account_id = ?) AND c.deleted_at IS NULL
             ORDER BY f.rank LIMIT ?`,
          )
          .all(query, scope, scope, limit)
      : this.db
          .prepare<[number | null, number | null, number], Row>(
            `${select} WHERE (? IS NULL OR c.account_id = ?) AND c.deleted_at IS NULL
             ORDER BY c.display_name COLLATE NOCASE LIMIT ?`,
          )
          .all(scope, scope, limit);
    return rows.map((row) => ({
      resourceName: row.resource_name,
      displayName: row.display_name,
      emails: JSON.parse(row.emails) as string[],
      phones: JSON.parse(row.phones) as string[],
    }));
  }
}
