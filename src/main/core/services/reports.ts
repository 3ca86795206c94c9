import type {
  AccountStatusSummary,
  ContactPage,
  Statistics,
  SyncRun,
} from '../../../shared/domain.js';
import { AccountsRepo } from '../db/accounts-repo.js';
import type { Db } from '../db/connection.js';
import { clearHistoryInBatches } from '../db/history-clear.js';
import { inlineCheckpoints, type CheckpointPolicy } from '../db/wal-checkpoints.js';
import { pendingDeletionsByAccount } from '../db/pending-deletions.js';
import { RunsRepo, type RunListOptions } from '../db/runs-repo.js';
import { SyncStateRepo } from '../db/sync-state.js';
import { ActiveContactCounts } from './active-counts.js';
import { calendarTotals, runsByResource } from './statistics-figures.js';
import { ContactSearch, type ContactSearchOptions } from './contact-search.js';

export { toFtsQuery } from './search-query.js';

/** Read side: status, history, statistics and search, over the same database the sync writes. */
export class ReportsService {
  private readonly accounts: AccountsRepo;
  private readonly runs: RunsRepo;
  private readonly syncState: SyncStateRepo;
  private readonly contactSearch: ContactSearch;
  private readonly activeCounts: ActiveContactCounts;
  private clearing: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly isRunning: (accountId: number) => boolean = () => false,
    private readonly checkpoints: CheckpointPolicy = inlineCheckpoints,
  ) {
    this.accounts = new AccountsRepo(db);
    this.runs = new RunsRepo(db);
    this.syncState = new SyncStateRepo(db);
    this.contactSearch = new ContactSearch(db);
    this.activeCounts = new ActiveContactCounts(db);
  }

  status(): AccountStatusSummary[] {
    const pending = pendingDeletionsByAccount(this.db);
    return this.accounts.list().map((account) => {
      const state = this.syncState.get(account.id, 'contacts');
      const running = this.isRunning(account.id);
      return {
        account,
        contacts: this.activeCounts.get(account.id, running),
        pendingDeletions: pending.get(account.id) ?? null,
        lastFullSyncAt: state.lastFullSyncAt,
        lastIncrementalSyncAt: state.lastIncrementalSyncAt,
        lastSuccessAt: this.runs.lastWithStatus('success', account.id)?.finishedAt ?? null,
        lastRun: this.runs.list({ accountId: account.id, limit: 1 })[0] ?? null,
        running,
      };
    });
  }

  history(options: RunListOptions = {}): SyncRun[] {
    return this.runs.list(options);
  }

  /**
   * Clears the history but keeps the latest run, so "last synced" still has an answer. In short
   * batches (db/history-clear.ts); a second request while one runs waits for the same clear.
   */
  clearHistory(): Promise<number> {
    this.clearing ??= clearHistoryInBatches(this.db, { checkpoints: this.checkpoints }).finally(
      () => {
        this.clearing = null;
      },
    );
    return this.clearing;
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
      pendingDeletions: one(`SELECT count(*) AS n FROM pending_deletions c WHERE ${contactScope}`),
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
      runsByResource: runsByResource(this.db, accountId),
      calendar: calendarTotals(this.db, accountId),
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

  /**
   * A page of active contacts: full-text matches over names, organization, emails and phones, or
   * every contact by name when the text is empty; with how many match in all.
   */
  search(text: string, options: ContactSearchOptions = {}): ContactPage {
    return this.contactSearch.search(text, options);
  }
}
