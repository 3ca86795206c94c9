import type { Db } from './connection.js';

/**
 * What a listing remembers between runs: Google's sync token and the full-sync generation. Each
 * mirrored calendar's events are a listing of their own, with their own token.
 */
export type ListingResource = 'contacts' | 'contact_groups' | 'calendar_list' | `events:${string}`;

export const eventsListing = (calendarId: string): ListingResource => `events:${calendarId}`;

/** Where an interrupted full listing got to: the page token after its last committed page. */
export interface ListingPosition {
  pageToken: string;
  generation: number;
  /** The request parameters the page token belongs to (see ListingAdapter.fingerprint). */
  fingerprint: string;
}

export interface SyncStateRow {
  syncToken: string | null;
  /** The request parameters the sync token belongs to; null for a token stored before they were. */
  tokenFingerprint: string | null;
  generation: number;
  lastFullSyncAt: string | null;
  lastIncrementalSyncAt: string | null;
  position: ListingPosition | null;
}

interface Row {
  sync_token: string | null;
  token_fingerprint: string | null;
  generation: number;
  last_full_sync_at: string | null;
  last_incremental_sync_at: string | null;
  resume_page_token: string | null;
  resume_generation: number | null;
  resume_fingerprint: string | null;
}

export class SyncStateRepo {
  constructor(private readonly db: Db) {}

  get(accountId: number, resource: ListingResource): SyncStateRow {
    const row = this.db
      .prepare<[number, string], Row>(
        `SELECT sync_token, token_fingerprint, generation, last_full_sync_at,
           last_incremental_sync_at, resume_page_token, resume_generation, resume_fingerprint
         FROM sync_state WHERE account_id = ? AND resource = ?`,
      )
      .get(accountId, resource);
    const position =
      row?.resume_page_token && row.resume_generation !== null && row.resume_fingerprint !== null
        ? {
            pageToken: row.resume_page_token,
            generation: row.resume_generation,
            fingerprint: row.resume_fingerprint,
          }
        : null;
    return {
      syncToken: row?.sync_token ?? null,
      tokenFingerprint: row?.token_fingerprint ?? null,
      generation: row?.generation ?? 0,
      lastFullSyncAt: row?.last_full_sync_at ?? null,
      lastIncrementalSyncAt: row?.last_incremental_sync_at ?? null,
      position,
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

  /**
   * Remembers where a full listing got to (null: nowhere to continue from); must run inside the
   * transaction of the page it follows, so the position never runs ahead of what was committed.
   */
  savePosition(
    accountId: number,
    resource: ListingResource,
    position: ListingPosition | null,
  ): void {
    this.ensure(accountId, resource);
    this.db
      .prepare(
        `UPDATE sync_state SET resume_page_token = ?, resume_generation = ?, resume_fingerprint = ?
         WHERE account_id = ? AND resource = ?`,
      )
      .run(
        position?.pageToken ?? null,
        position?.generation ?? null,
        position?.fingerprint ?? null,
        accountId,
        resource,
      );
  }

  /** Stores the token a listing ended with; must run inside the transaction of the last page. */
  completeListing(
    accountId: number,
    resource: ListingResource,
    listing: { syncToken: string | null; fingerprint: string; mode: 'full' | 'incremental' },
    now: string,
  ): void {
    this.savePosition(accountId, resource, null);
    const column = listing.mode === 'full' ? 'last_full_sync_at' : 'last_incremental_sync_at';
    this.db
      .prepare(
        `UPDATE sync_state SET sync_token = ?, token_fingerprint = ?, ${column} = ?
         WHERE account_id = ? AND resource = ?`,
      )
      .run(listing.syncToken, listing.fingerprint, now, accountId, resource);
  }

  clearToken(accountId: number, resource: ListingResource): void {
    this.db
      .prepare(
        `UPDATE sync_state SET sync_token = NULL, resume_page_token = NULL
         WHERE account_id = ? AND resource = ?`,
      )
      .run(accountId, resource);
  }
}
