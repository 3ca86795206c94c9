/**
 * What the CardDAV server reads from the mirror: one address book per account, its cards as
 * vCards with ETags, and what changed since a sync token (RFC 6578), driven by the change journal
 * (`contact_changes`).
 *
 * A sync token names the journal position and an *epoch*: the account's full-listing generation
 * and a digest of its label names. Changes the journal does not record — a first import (written
 * without journal rows, see BulkImport), a full re-listing, a renamed label that changes every
 * member's CATEGORIES — change the epoch, and a client holding an older token is told to start
 * over (403 valid-sync-token) instead of being handed an incomplete list.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.js';
import { CONTACT_COLUMNS, toExportContact, type ContactRow } from '../export/contact-rows.js';
import { toVCard, type ExportContact } from '../export/formats.js';

export interface AddressBook {
  accountId: number;
  email: string;
  displayName: string | null;
}

export interface Card {
  contactId: number;
  contact: ExportContact;
  vcard: string;
  etag: string;
}

/** What changed in a book since a client's token; null when the token is not (or no longer) ours. */
export interface BookChanges {
  changed: number[];
  deleted: number[];
}

const TOKEN_PREFIX = 'urn:contacts-sync:sync:';

/** A strong ETag from the card's bytes: it changes exactly when what a client would store does. */
export function etagOf(vcard: string): string {
  return `"${createHash('sha256').update(vcard).digest('base64url').slice(0, 22)}"`;
}

function toCard(row: ContactRow): Card {
  const contact = toExportContact(row);
  const vcard = toVCard(contact);
  return { contactId: row.id, contact, vcard, etag: etagOf(vcard) };
}

export class CardStore {
  constructor(private readonly db: Db) {}

  books(): AddressBook[] {
    return this.db
      .prepare<[], { id: number; email: string; display_name: string | null }>(
        'SELECT id, email, display_name FROM accounts ORDER BY email COLLATE NOCASE',
      )
      .all()
      .map((row) => ({ accountId: row.id, email: row.email, displayName: row.display_name }));
  }

  book(accountId: number): AddressBook | null {
    return this.books().find((book) => book.accountId === accountId) ?? null;
  }

  /** Every active card of the book, in a stable order (by contact id). */
  *cards(accountId: number): Generator<Card> {
    const rows = this.db
      .prepare<[number], ContactRow>(
        `SELECT ${CONTACT_COLUMNS} FROM contacts c
         WHERE c.account_id = ? AND c.deleted_at IS NULL ORDER BY c.id`,
      )
      .iterate(accountId);
    for (const row of rows) yield toCard(row);
  }

  /** The active cards among `contactIds` (others are missing from the map). */
  cardsByIds(accountId: number, contactIds: readonly number[]): Map<number, Card> {
    const found = new Map<number, Card>();
    if (contactIds.length === 0) return found;
    const rows = this.db
      .prepare<[number, string], ContactRow>(
        `SELECT ${CONTACT_COLUMNS} FROM contacts c
         WHERE c.account_id = ? AND c.deleted_at IS NULL
           AND c.id IN (SELECT value FROM json_each(?))`,
      )
      .all(accountId, JSON.stringify(contactIds));
    for (const row of rows) found.set(row.id, toCard(row));
    return found;
  }

  /**
   * The book's current sync token (also its CTag): the epoch, the journal's last row and that
   * row's run. Journal ids are not unique over time: clearing the history deletes rows, and once
   * the journal is empty SQLite hands out ids from 1 again. Run ids never go back (the latest run
   * is always kept), so a token whose row is gone or now belongs to another run is refused.
   */
  syncToken(accountId: number): string {
    const { position, runId } = this.journalPosition();
    return `${TOKEN_PREFIX}${accountId}.${this.epoch(accountId)}.${position}.${runId}`;
  }

  /** Contacts changed and deleted since `token`; null when the token is unknown or outdated. */
  changesSince(accountId: number, token: string): BookChanges | null {
    const match = /^urn:contacts-sync:sync:(\d+)\.([\w-]+)\.(\d+)\.(\d+)$/.exec(token);
    if (!match || Number(match[1]) !== accountId || match[2] !== this.epoch(accountId)) {
      return null;
    }
    const since = Number(match[3]);
    if (since > 0) {
      const row = this.db
        .prepare<[number], { run_id: number }>('SELECT run_id FROM contact_changes WHERE id = ?')
        .get(since);
      if (row?.run_id !== Number(match[4])) return null;
    }
    const rows = this.db
      .prepare<[number, number], { id: number; deleted: number }>(
        `SELECT c.id, c.deleted_at IS NOT NULL AS deleted FROM contacts c
         WHERE c.account_id = ? AND c.id IN (
           SELECT contact_id FROM contact_changes WHERE id > ?)
         ORDER BY c.id`,
      )
      .all(accountId, since);
    return {
      changed: rows.filter((row) => !row.deleted).map((row) => row.id),
      deleted: rows.filter((row) => row.deleted).map((row) => row.id),
    };
  }

  /**
   * The journal's last row over every account, and its run: a primary-key lookup, where the
   * account's own last row would scan its journal. Another account's change then moves this
   * book's token too, and the client's next sync-collection finds nothing new: cheap either way.
   */
  private journalPosition(): { position: number; runId: number } {
    const row = this.db
      .prepare<[], { id: number; run_id: number }>(
        'SELECT id, run_id FROM contact_changes ORDER BY id DESC LIMIT 1',
      )
      .get();
    return { position: row?.id ?? 0, runId: row?.run_id ?? 0 };
  }

  private epoch(accountId: number): string {
    const generation =
      this.db
        .prepare<[number], { generation: number }>(
          `SELECT generation FROM sync_state WHERE account_id = ? AND resource = 'contacts'`,
        )
        .get(accountId)?.generation ?? 0;
    const labels = this.db
      .prepare<[number], { names: string | null }>(
        `SELECT json_group_array(json_array(resource_name, name, formatted_name, deleted_at))
           AS names FROM (SELECT * FROM contact_groups WHERE account_id = ? ORDER BY resource_name)`,
      )
      .get(accountId)?.names;
    const digest = createHash('sha256')
      .update(labels ?? '')
      .digest('base64url')
      .slice(0, 10);
    return `${generation}-${digest}`;
  }
}
