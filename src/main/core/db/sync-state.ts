import type { Db } from './connection.js';

/**
 * What a listing remembers between runs: Google's sync token and the full-sync generation. Each
 * mirrored calendar's events are a listing of their own, with their own token.
 */
export type ListingResource = 'contacts' | 'contact_groups' | 'calendar_list' | `events:${string}`;

export const eventsListing = (calendarId: string): ListingResource => `events:${calendarId}`;

export interface SyncStateRow {
  syncToken: string | null;
  generation: number;
  lastFullSyncAt: string | null;
  lastIncrementalSyncAt: string | null;
}

export class SyncStateRepo {
  constructor(private readonly db: Db) {}

  get(accountId: number, resource: ListingResource): SyncStateRow {
    const row = this.db
      .prepare<
        [number, string],
        {
          sync_token: string | null;
          generation: number;
          last_full_sync_at: string | null;
          last_incremental_sync_at: string | null;
        }
      >(
        `SELECT sync_token, generation, last_full_sync_at, last_incremental_sync_at
         FROM sync_state WHERE account_id = ? AND resource = ?`,
      )
      .get(accountId, resource);
    return {
      syncToken: row?.sync_token ?? null,
      generation: row?.generation ?? 0,
      lastFullSyncAt: row?.last_full_sync_at ?? null,
      lastIncrementalSyncAt: row?.last_incremental_sync_at ?? null,
    };
  }

  private ensure(accountId: number, resource: ListingResource): void {
    this.db
      .prepare('INSERT OR IGNORE INTO sync_state (account_id, resource) VALUES (?, ?)')
      .run(accountId, resource);
  }

  /** Claims the next generation number for a full sync (committed at once, so never reused). */
  nextGeneration(accountId: number, resource: ListingResource): number {
    this.ensure(accountId, resource);
    const row = this.db
      .prepare<[number, string], { generation: number }>(
        `UPDATE sync_state SET generation = generation + 1 WHERE account_id = ? AND resource = ?
         RETURNING generation`,
      )
      .get(accountId, resource);
    return row?.generation ?? 1;
  }

  /** Stores the token a listing ended with; must run inside the transaction of the last page. */
  completeListing(
    accountId: number,
    resource: ListingResource,
    syncToken: string | null,
    mode: 'full' | 'incremental',
    now: string,
  ): void {
    this.ensure(accountId, resource);
    const column = mode === 'full' ? 'last_full_sync_at' : 'last_incremental_sync_at';
    this.db
      .prepare(
        `UPDATE sync_state SET sync_token = ?, ${column} = ? WHERE account_id = ? AND resource = ?`,
      )
      .run(syncToken, now, accountId, resource);
  }

  clearToken(accountId: number, resource: ListingResource): void {
    this.db
      .prepare('UPDATE sync_state SET sync_token = NULL WHERE account_id = ? AND resource = ?')
      .run(accountId, resource);
  }
}
