/**
 * Schema version 5: bookkeeping for an account's first import (BulkImport). Writing 100,000
 * contacts row by row into the full-text index and the indexes keyed by name, email and phone
 * (whose keys arrive in random order) costs about as much as writing the rows themselves; building
 * them once after the last page costs a fraction of that. These tables
 * record what was put off, in the same transactions that put it off, so a crash mid-import never
 * leaves an index silently missing:
 *
 * - `contacts_fts_pending`: accounts whose contacts are not in `contacts_fts` yet; their entries
 *   are built when their first full listing completes.
 * - `deferred_indexes`: indexes dropped for the import, with the SQL that recreates them.
 */
export const BULK_IMPORT_SCHEMA = `
CREATE TABLE contacts_fts_pending (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE TABLE deferred_indexes (
  name TEXT PRIMARY KEY,
  sql TEXT NOT NULL
) WITHOUT ROWID;
`;
