import type { Db } from './connection.js';
import type { ContactRecord } from '../google/person.js';

export type ApplyOutcome = 'created' | 'updated' | 'unchanged';

interface ExistingRow {
  id: number;
  etag: string | null;
  deleted_at: string | null;
  display_name: string | null;
}

/**
 * Write side of the contacts mirror for one account. Statements are prepared once; callers wrap
 * each page in a transaction (see ListingSync), so a page is applied whole or not at all.
 */
export class ContactsStore {
  private readonly find;
  private readonly insert;
  private readonly update;
  private readonly markSeen;
  private readonly softDeleteRow;
  private readonly rename;
  private readonly removeRow;
  private readonly deleteChildren;
  private readonly insertEmail;
  private readonly insertPhone;
  private readonly insertAddress;
  private readonly insertMembership;
  private readonly ftsDelete;
  private readonly ftsInsert;
  private readonly journal;
  private readonly countUnseen;
  private readonly listUnseen;
  private readonly countActive;

  constructor(
    private readonly db: Db,
    private readonly accountId: number,
  ) {
    this.find = db.prepare<[number, string], ExistingRow>(
      'SELECT id, etag, deleted_at, display_name FROM contacts WHERE account_id = ? AND resource_name = ?',
    );
    const columns = `etag = @etag, display_name = @displayName, given_name = @givenName,
      family_name = @familyName, nickname = @nickname, organization = @organization, title = @title,
      birthday = @birthday, notes = @notes, photo_url = @photoUrl, raw = @raw`;
    this.insert = db.prepare<unknown[]>(
      `INSERT INTO contacts (account_id, resource_name, etag, display_name, given_name, family_name,
         nickname, organization, title, birthday, notes, photo_url, raw, seen_in_full_sync,
         created_at, updated_at, synced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.update = db.prepare(
      `UPDATE contacts SET ${columns}, deleted_at = NULL, seen_in_full_sync = MAX(seen_in_full_sync, @generation),
         updated_at = @now, synced_at = @now WHERE id = @id`,
    );
    this.markSeen = db.prepare(
      'UPDATE contacts SET seen_in_full_sync = MAX(seen_in_full_sync, ?), synced_at = ? WHERE id = ?',
    );
    this.softDeleteRow = db.prepare(
      'UPDATE contacts SET deleted_at = ?, updated_at = ? WHERE id = ?',
    );
    this.rename = db.prepare('UPDATE contacts SET resource_name = ? WHERE id = ?');
    this.removeRow = db.prepare('DELETE FROM contacts WHERE id = ?');
    const children = [
      'contact_emails',
      'contact_phones',
      'contact_addresses',
      'contact_memberships',
    ];
    this.deleteChildren = children.map((t) => db.prepare(`DELETE FROM ${t} WHERE contact_id = ?`));
    this.insertEmail = db.prepare(
      'INSERT INTO contact_emails (contact_id, position, value, type) VALUES (?, ?, ?, ?)',
    );
    this.insertPhone = db.prepare(
      'INSERT INTO contact_phones (contact_id, position, raw, e164, type) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertAddress = db.prepare(
      `INSERT INTO contact_addresses (contact_id, position, formatted, street, city, region,
         postal_code, country, country_code, type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertMembership = db.prepare(
      'INSERT INTO contact_memberships (contact_id, group_resource_name) VALUES (?, ?)',
    );
    this.ftsDelete = db.prepare('DELETE FROM contacts_fts WHERE rowid = ?');
    this.ftsInsert = db.prepare(
      'INSERT INTO contacts_fts (rowid, names, organization, emails, phones) VALUES (?, ?, ?, ?, ?)',
    );
    this.journal = db.prepare(
      'INSERT INTO contact_changes (run_id, contact_id, change, before, after) VALUES (?, ?, ?, ?, ?)',
    );
    this.countUnseen = db.prepare<[number, number], { n: number }>(
      `SELECT count(*) AS n FROM contacts
       WHERE account_id = ? AND deleted_at IS NULL AND seen_in_full_sync < ?`,
    );
    this.listUnseen = db.prepare<[number, number], { id: number; display_name: string | null }>(
      `SELECT id, display_name FROM contacts
       WHERE account_id = ? AND deleted_at IS NULL AND seen_in_full_sync < ?`,
    );
    this.countActive = db.prepare<[number], { n: number }>(
      'SELECT count(*) AS n FROM contacts WHERE account_id = ? AND deleted_at IS NULL',
    );
  }

  /** No row at all, active or deleted: this account was never imported. */
  isEmpty(): boolean {
    return (
      this.db.prepare('SELECT 1 FROM contacts WHERE account_id = ? LIMIT 1').get(this.accountId) ===
      undefined
    );
  }

  activeCount(): number {
    return this.countActive.get(this.accountId)?.n ?? 0;
  }

  /**
   * Inserts or updates one contact. `previousResourceNames` re-key an existing row instead of
   * creating a second one for the same person.
   */
  upsert(
    record: ContactRecord,
    ctx: {
      runId: number;
      generation: number;
      now: string;
      previousResourceNames?: string[];
      /** The account's first import: the run's counts say it all, so no journal row per contact. */
      initialImport?: boolean;
    },
  ): ApplyOutcome {
    let existing = this.find.get(this.accountId, record.resourceName);
    for (const previous of ctx.previousResourceNames ?? []) {
      const old = this.find.get(this.accountId, previous);
      if (!old) continue;
      if (existing) {
        // Both names are stored: the old row is the same person seen before the re-key.
        this.removeRow.run(old.id);
      } else {
        this.rename.run(record.resourceName, old.id);
        existing = old;
      }
    }
    if (existing && existing.deleted_at === null && existing.etag === record.etag && record.etag) {
      this.markSeen.run(ctx.generation, ctx.now, existing.id);
      return 'unchanged';
    }
    let id: number;
    let outcome: ApplyOutcome;
    if (existing) {
      id = existing.id;
      this.update.run({ ...record, generation: ctx.generation, now: ctx.now, id });
      for (const statement of this.deleteChildren) statement.run(id);
      this.ftsDelete.run(id);
      outcome = existing.deleted_at === null ? 'updated' : 'created';
    } else {
      id = Number(
        this.insert.run(
          this.accountId,
          record.resourceName,
          record.etag,
          record.displayName,
          record.givenName,
          record.familyName,
          record.nickname,
          record.organization,
          record.title,
          record.birthday,
          record.notes,
          record.photoUrl,
          record.raw,
          ctx.generation,
          ctx.now,
          ctx.now,
          ctx.now,
        ).lastInsertRowid,
      );
      outcome = 'created';
    }
    this.writeChildren(id, record);
    if (ctx.initialImport) return outcome;
    this.journal.run(
      ctx.runId,
      id,
      outcome,
      existing && outcome === 'updated' ? summary(existing.display_name) : null,
      summary(record.displayName),
    );
    return outcome;
  }

  private writeChildren(id: number, record: ContactRecord): void {
    record.emails.forEach((e, i) => this.insertEmail.run(id, i, e.value, e.type));
    record.phones.forEach((p, i) => this.insertPhone.run(id, i, p.raw, p.e164, p.type));
    record.addresses.forEach((a, i) =>
      this.insertAddress.run(
        id,
        i,
        a.formatted,
        a.street,
        a.city,
        a.region,
        a.postalCode,
        a.country,
        a.countryCode,
        a.type,
      ),
    );
    for (const group of record.memberships) this.insertMembership.run(id, group);
    const names = [record.displayName, record.givenName, record.familyName, record.nickname];
    const phones = record.phones.flatMap((p) => [p.raw, p.e164 ?? '', p.raw.replace(/\D/g, '')]);
    this.ftsInsert.run(
      id,
      names.filter(Boolean).join(' '),
      [record.organization, record.title].filter(Boolean).join(' '),
      record.emails.map((e) => e.value).join(' '),
      phones.filter(Boolean).join(' '),
    );
  }

  /** Soft-deletes by resource name (an incremental tombstone). Returns whether a row changed. */
  softDelete(resourceName: string, ctx: { runId: number; now: string }): boolean {
    const existing = this.find.get(this.accountId, resourceName);
    if (!existing || existing.deleted_at !== null) return false;
    this.softDeleteById(existing.id, existing.display_name, ctx);
    return true;
  }

  private softDeleteById(
    id: number,
    displayName: string | null,
    ctx: { runId: number; now: string },
  ): void {
    this.softDeleteRow.run(ctx.now, ctx.now, id);
    this.ftsDelete.run(id);
    this.journal.run(ctx.runId, id, 'deleted', summary(displayName), null);
  }

  /** How many active contacts a full sync of `generation` did not see. */
  countNotSeen(generation: number): number {
    return this.countUnseen.get(this.accountId, generation)?.n ?? 0;
  }

  /** Soft-deletes every active contact the full sync of `generation` did not see. */
  sweep(generation: number, ctx: { runId: number; now: string }): number {
    const rows = this.listUnseen.all(this.accountId, generation);
    for (const row of rows) this.softDeleteById(row.id, row.display_name, ctx);
    return rows.length;
  }
}

const summary = (displayName: string | null) => JSON.stringify({ displayName });
