/** Schema version 1: DESIGN.md §4. Every synced table is scoped by account_id. */
export const INITIAL_SCHEMA = `
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT,
  status TEXT NOT NULL DEFAULT 'connected'
    CHECK (status IN ('connected', 'reconnect_needed', 'disconnected')),
  connected_at TEXT NOT NULL
);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  resource_name TEXT NOT NULL,
  etag TEXT,
  display_name TEXT,
  given_name TEXT,
  family_name TEXT,
  nickname TEXT,
  organization TEXT,
  title TEXT,
  birthday TEXT,
  notes TEXT,
  photo_url TEXT,
  raw TEXT NOT NULL,
  deleted_at TEXT,
  seen_in_full_sync INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  synced_at TEXT NOT NULL,
  UNIQUE (account_id, resource_name)
);
CREATE INDEX contacts_account_generation ON contacts (account_id, seen_in_full_sync)
  WHERE deleted_at IS NULL;
CREATE INDEX contacts_account_name ON contacts (account_id, display_name COLLATE NOCASE)
  WHERE deleted_at IS NULL;

CREATE TABLE contact_emails (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  value TEXT NOT NULL,
  type TEXT,
  PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;
CREATE INDEX contact_emails_value ON contact_emails (value COLLATE NOCASE);

CREATE TABLE contact_phones (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  raw TEXT NOT NULL,
  e164 TEXT,
  type TEXT,
  PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;
CREATE INDEX contact_phones_e164 ON contact_phones (e164) WHERE e164 IS NOT NULL;

CREATE TABLE contact_addresses (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  formatted TEXT,
  street TEXT,
  city TEXT,
  region TEXT,
  postal_code TEXT,
  country TEXT,
  country_code TEXT,
  type TEXT,
  PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;

CREATE TABLE contact_memberships (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  group_resource_name TEXT NOT NULL,
  PRIMARY KEY (contact_id, group_resource_name)
) WITHOUT ROWID;
CREATE INDEX contact_memberships_group ON contact_memberships (group_resource_name, contact_id);

-- Full-text index of active contacts only; rowid = contacts.id. Diacritics folded so "jose" finds
-- "José". Contentless with detail=none: searches are prefix matches of single words, so positions
-- and a second copy of the text would only make every sync write more.
CREATE VIRTUAL TABLE contacts_fts USING fts5(
  names, organization, emails, phones,
  content = '', contentless_delete = 1, detail = none,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE contact_groups (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  resource_name TEXT NOT NULL,
  etag TEXT,
  name TEXT NOT NULL,
  formatted_name TEXT,
  group_type TEXT NOT NULL,
  member_count INTEGER NOT NULL DEFAULT 0,
  raw TEXT NOT NULL,
  deleted_at TEXT,
  seen_in_full_sync INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  UNIQUE (account_id, resource_name)
);

CREATE TABLE sync_state (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  resource TEXT NOT NULL,
  sync_token TEXT,
  generation INTEGER NOT NULL DEFAULT 0,
  last_full_sync_at TEXT,
  last_incremental_sync_at TEXT,
  consecutive_no_change_runs INTEGER NOT NULL DEFAULT 0,
  interval_minutes INTEGER,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  circuit_open_until TEXT,
  token_health TEXT NOT NULL DEFAULT 'ok' CHECK (token_health IN ('ok', 'expired', 'revoked')),
  token_checked_at TEXT,
  PRIMARY KEY (account_id, resource)
) WITHOUT ROWID;

CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  resource TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('full', 'incremental', 'full_after_expired_token')),
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
CREATE INDEX sync_runs_account ON sync_runs (account_id, id);
CREATE INDEX sync_runs_status ON sync_runs (status, id);

CREATE TABLE contact_changes (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  change TEXT NOT NULL CHECK (change IN ('created', 'updated', 'deleted')),
  before TEXT,
  after TEXT
);
CREATE INDEX contact_changes_run ON contact_changes (run_id);
CREATE INDEX contact_changes_contact ON contact_changes (contact_id);
`;
