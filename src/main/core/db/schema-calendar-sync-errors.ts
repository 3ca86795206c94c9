/**
 * Each mirrored calendar keeps its own sync error, so one calendar that fails (removed meanwhile,
 * access withdrawn, tokens that keep expiring) is reported on its own while the others sync, and
 * how many of its incremental listings in a row Google answered 410 (a calendar whose tokens keep
 * expiring is listed in full at most once a day).
 */
export const CALENDAR_SYNC_ERRORS_SCHEMA = `
ALTER TABLE calendars ADD COLUMN sync_error_code TEXT;
ALTER TABLE calendars ADD COLUMN sync_error_message TEXT;
ALTER TABLE calendars ADD COLUMN sync_error_at TEXT;
ALTER TABLE calendars ADD COLUMN expired_token_streak INTEGER NOT NULL DEFAULT 0;
`;
