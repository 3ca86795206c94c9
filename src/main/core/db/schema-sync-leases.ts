/**
 * One row per account while a process syncs it: the app, the daemon and a cron `sync` share one
 * database, and an in-process mutex cannot see the others. The owner renews `expires_at_ms` while
 * its run lasts and deletes the row when the run ends; a row past its expiry (or whose process on
 * this host is gone) belongs to a dead owner and may be taken over. Times are epoch milliseconds
 * so the liveness test is one integer comparison.
 */
export const SYNC_LEASES_SCHEMA = `
CREATE TABLE sync_leases (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  owner TEXT NOT NULL,
  run_id INTEGER NOT NULL,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  heartbeat_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL
);
`;
