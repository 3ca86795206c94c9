/**
 * A run may now be a full listing after Google refused a sync or page token
 * (`full_after_rejected_token`). SQLite cannot change a CHECK constraint in place (and the
 * schema table is read-only here), so `sync_runs` is rebuilt. `contact_changes` points at it with
 * ON DELETE CASCADE: dropping the old table first would empty the journal, so the journal moves to
 * a new table pointing at the new runs table, and renaming the new runs table carries that
 * reference along.
 */
export const REJECTED_TOKEN_KIND_SCHEMA = `
CREATE TABLE sync_runs_next (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  resource TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN
    ('full', 'incremental', 'full_after_expired_token', 'full_after_rejected_token')),
  trigger TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'success', 'failed', 'skipped', 'cancelled')),
  skip_reason TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  duration_ms INTEGER,
  fetched INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0,
  pages INTEGER NOT NULL DEFAULT 0,
  api_calls INTEGER NOT NULL DEFAULT 0,
  bytes_received INTEGER NOT NULL DEFAULT 0,
  error_code TEXT,
  error_message TEXT
);
INSERT INTO sync_runs_next SELECT * FROM sync_runs;

CREATE TABLE contact_changes_next (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES sync_runs_next(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  change TEXT NOT NULL CHECK (change IN ('created', 'updated', 'deleted')),
  before TEXT,
  after TEXT
);
INSERT INTO contact_changes_next SELECT * FROM contact_changes;

DROP TABLE contact_changes;
DROP TABLE sync_runs;
ALTER TABLE sync_runs_next RENAME TO sync_runs;
ALTER TABLE contact_changes_next RENAME TO contact_changes;

CREATE INDEX sync_runs_account ON sync_runs (account_id, id);
CREATE INDEX sync_runs_status ON sync_runs (status, id);
CREATE INDEX contact_changes_run ON contact_changes (run_id);
CREATE INDEX contact_changes_contact ON contact_changes (contact_id);
`;
