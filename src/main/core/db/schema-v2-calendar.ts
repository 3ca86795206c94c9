/**
 * Schema version 2: mirrored Google calendars (DESIGN §4). Scoped by account_id like every synced
 * table; events are keyed by (calendar, event id). Listing state (sync tokens, full-sync
 * generations) lives in `sync_state` under the resources `calendar_list` and `events:<calendar id>`,
 * and the run policies of calendar runs under `calendar`.
 */
export const CALENDAR_SCHEMA = `
CREATE TABLE calendars (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  calendar_id TEXT NOT NULL,
  etag TEXT,
  -- summaryOverride when the person renamed it, else the calendar's summary
  summary TEXT,
  time_zone TEXT,
  access_role TEXT,
  background_color TEXT,
  is_primary INTEGER NOT NULL DEFAULT 0,
  hidden INTEGER NOT NULL DEFAULT 0,
  -- chosen to be mirrored here (not Google's "selected", which is about display in its UI)
  selected INTEGER NOT NULL DEFAULT 0,
  raw TEXT NOT NULL,
  deleted_at TEXT,
  seen_in_full_sync INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  UNIQUE (account_id, calendar_id)
);

CREATE TABLE calendar_events (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  calendar_ref INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  etag TEXT,
  status TEXT NOT NULL,
  summary TEXT,
  location TEXT,
  all_day INTEGER NOT NULL DEFAULT 0,
  -- start and end as Google sent them: the date of an all-day event, else the dateTime
  start TEXT,
  end TEXT,
  time_zone TEXT,
  -- the same as instants, for range queries (all-day: midnight in the calendar's zone)
  start_utc TEXT,
  end_utc TEXT,
  -- JSON array of RRULE / EXDATE / RDATE lines of a recurring series
  recurrence TEXT,
  -- an exception (modified or cancelled instance) of the series recurring_event_id, at
  -- original_start (the instant in ISO UTC, or the date of an all-day series)
  recurring_event_id TEXT,
  original_start TEXT,
  updated TEXT,
  raw TEXT NOT NULL,
  deleted_at TEXT,
  seen_in_full_sync INTEGER NOT NULL DEFAULT 0,
  synced_at TEXT NOT NULL,
  UNIQUE (calendar_ref, event_id)
);
CREATE INDEX calendar_events_start ON calendar_events (calendar_ref, start_utc)
  WHERE deleted_at IS NULL;
CREATE INDEX calendar_events_series ON calendar_events (calendar_ref, recurring_event_id)
  WHERE recurring_event_id IS NOT NULL;
-- The agenda expands every live series that starts before the end of its range.
CREATE INDEX calendar_events_recurring ON calendar_events (calendar_ref, start_utc)
  WHERE recurrence IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX calendar_events_generation ON calendar_events (calendar_ref, seen_in_full_sync)
  WHERE deleted_at IS NULL;
`;
