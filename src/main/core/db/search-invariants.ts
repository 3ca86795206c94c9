import type { Db } from './connection.js';

/**
 * How the full-text index (`contacts_fts`, keyed by contact id) departs from the rows it should
 * mirror: exactly the active contacts, except those of an account whose first import has not
 * built its entries yet (`contacts_fts_pending`). Both lists are empty when the invariant holds.
 */
export interface SearchIndexMismatch {
  /** Entries whose contact is gone or soft-deleted: search would find what is not there. */
  orphaned: number[];
  /** Active contacts without an entry: search would miss them. */
  missing: number[];
}

/** For tests and checks, not for every sync: each list is a scan of the index or the table. */
export function searchIndexMismatch(db: Db): SearchIndexMismatch {
  const ids = (sql: string) =>
    db
      .prepare<[], { id: number }>(sql)
      .all()
      .map((r) => r.id);
  return {
    orphaned: ids(
      `SELECT f.rowid AS id FROM contacts_fts f
       WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = f.rowid AND c.deleted_at IS NULL)
       ORDER BY f.rowid`,
    ),
    missing: ids(
      `SELECT c.id FROM contacts c
       WHERE c.deleted_at IS NULL
         AND c.account_id NOT IN (SELECT account_id FROM contacts_fts_pending)
         AND c.id NOT IN (SELECT rowid FROM contacts_fts)
       ORDER BY c.id`,
    ),
  };
}
