/** The database side of sign-in: token health and what disconnecting clears or deletes. */
import type { Db } from '../db/connection.js';

/** sync_state.token_health; recorded on the account's contacts row, which every run has. */
export type TokenHealth = 'ok' | 'expired' | 'revoked';

export class AuthStore {
  constructor(private readonly db: Db) {}

  setTokenHealth(accountId: number, health: TokenHealth, checkedAt: string): void {
    this.db
      .prepare(
        `INSERT INTO sync_state (account_id, resource, token_health, token_checked_at)
         VALUES (?, 'contacts', ?, ?)
         ON CONFLICT (account_id, resource)
         DO UPDATE SET token_health = excluded.token_health, token_checked_at = excluded.token_checked_at`,
      )
      .run(accountId, health, checkedAt);
  }

  tokenHealth(accountId: number): { health: TokenHealth; checkedAt: string | null } | null {
    const row = this.db
      .prepare<[number], { token_health: TokenHealth; token_checked_at: string | null }>(
        `SELECT token_health, token_checked_at FROM sync_state
         WHERE account_id = ? AND resource = 'contacts'`,
      )
      .get(accountId);
    return row ? { health: row.token_health, checkedAt: row.token_checked_at } : null;
  }

  /**
   * Forgets sync tokens and sync metadata, keeping the contacts. The full-sync generation stays:
   * rows carry the generation that last saw them and a sweep deletes rows *below* the current one,
   * so restarting it at 0 would leave these rows unswept after a reconnect.
   */
  forgetSyncState(accountId: number): void {
    this.db
      .prepare(
        `UPDATE sync_state SET sync_token = NULL, last_full_sync_at = NULL,
           last_incremental_sync_at = NULL, consecutive_no_change_runs = 0, interval_minutes = NULL,
           consecutive_failures = 0, circuit_open_until = NULL, token_health = 'ok',
           token_checked_at = NULL
         WHERE account_id = ?`,
      )
      .run(accountId);
  }

  /** Deletes the account with its contacts, labels, sync state and history. */
  deleteAccountData(accountId: number): void {
    this.db.transaction(() => {
      // The full-text index is contentless, so foreign keys cannot cascade into it.
      this.db
        .prepare(
          'DELETE FROM contacts_fts WHERE rowid IN (SELECT id FROM contacts WHERE account_id = ?)',
        )
        .run(accountId);
      this.db.prepare('DELETE FROM accounts WHERE id = ?').run(accountId);
    })();
  }
}
