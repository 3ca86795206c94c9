import type { Db } from './db.js';
import { fillSearchIndex } from './search-terms.js';

/**
 * The indexes a first import puts off: those keyed by names, email addresses and phone numbers,
 * which arrive in random order, so every row lands on a different B-tree page. The others (by id,
 * generation, creation time, label) grow at their end and cost little row by row, while rebuilding
 * one on `contacts` means reading the whole table, raw JSON and all. Measured at 100,000 contacts:
 * putting off these four beats putting off all of them or none by ~20 %. The two by last name
 * (schema-contact-sort) are keyed by a name too, so they wait with them.
 */
const DEFERRABLE_INDEXES = [
  'contacts_account_name',
  'contacts_name',
  'contact_emails_value',
  'contact_phones_e164',
  'contacts_last_name',
  'contacts_account_last_name',
];

/**
 * An account's first import, done the way bulk loads are cheap in SQLite: rows go in without
 * their full-text entries (and, when no other account has contacts yet, without the indexes
 * keyed by name, email and phone), and both are built once when the first full listing completes
 * (figures in docs/PERFORMANCE.md).
 *
 * Crash safety: what is put off is recorded (schema v5) in the same transaction that puts it off,
 * and `finish` runs in the transaction of the listing's last page. A run killed in between leaves
 * the account marked; the next run resumes the import the same way and finishes it, and the next
 * `openDatabase` recreates the indexes. Until then the account's contacts are mirrored but not
 * searchable, and lists are slower.
 */
export class BulkImport {
  constructor(
    private readonly db: Db,
    private readonly accountId: number,
  ) {}

  /**
   * At the first page of a full listing, inside its transaction: whether this listing is (or
   * resumes) the account's first import. An account with no rows starts one; one already marked
   * resumes it. Indexes are put off only while no other account has contacts, since rebuilding
   * them would then cost more than it saves.
   */
  begin(): boolean {
    const { db, accountId } = this;
    if (!db.prepare('SELECT 1 FROM contacts_fts_pending WHERE account_id = ?').get(accountId)) {
      if (db.prepare('SELECT 1 FROM contacts WHERE account_id = ? LIMIT 1').get(accountId)) {
        return false;
      }
      db.prepare('INSERT INTO contacts_fts_pending (account_id) VALUES (?)').run(accountId);
    }
    const othersHaveContacts = db
      .prepare(
        `SELECT 1 FROM accounts a
         WHERE a.id <> ? AND EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = a.id)`,
      )
      .get(accountId);
    if (!othersHaveContacts) deferIndexes(db);
    return true;
  }

  /**
   * After the sweep of the listing's last page, in its transaction: the indexes back, and every
   * active contact of the account into search.
   */
  finish(): void {
    const { db, accountId } = this;
    restoreDeferredIndexes(db);
    const cleared = db
      .prepare('DELETE FROM contacts_fts_pending WHERE account_id = ?')
      .run(accountId);
    if (cleared.changes === 0) return;
    fillSearchIndex(db, accountId);
  }
}

/** Drops the deferrable indexes that exist, recording how to recreate them. */
function deferIndexes(db: Db): void {
  const indexes = db
    .prepare<string[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master
       WHERE type = 'index' AND sql IS NOT NULL
         AND name IN (${DEFERRABLE_INDEXES.map(() => '?').join(', ')})`,
    )
    .all(...DEFERRABLE_INDEXES);
  const record = db.prepare('INSERT OR REPLACE INTO deferred_indexes (name, sql) VALUES (?, ?)');
  for (const { name, sql } of indexes) {
    record.run(name, sql);
    db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
  }
}

/**
 * Recreates indexes a first import put off. Also called when a database is opened, so an import
 * that was killed does not leave the UI's queries without their indexes. Returns how many.
 */
export function restoreDeferredIndexes(db: Db): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'deferred_indexes'")
    .get();
  if (!table) return 0; // a database older than schema v5 (or a new one)
  const rows = db
    .prepare<[], { name: string; sql: string }>('SELECT name, sql FROM deferred_indexes')
    .all();
  if (rows.length === 0) return 0;
  db.transaction(() => {
    for (const { sql } of rows) {
      db.exec(
        sql.replace(/^CREATE\s+(UNIQUE\s+)?INDEX\s+(?!IF\s+NOT\s+EXISTS)/i, '$&IF NOT EXISTS '),
      );
    }
    db.prepare('DELETE FROM deferred_indexes').run();
  })();
  return rows.length;
}
