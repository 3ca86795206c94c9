import type { Db } from './connection.js';
import type { PersonEntry } from '../google/connections-page.js';
import type { ContactRecord } from '../google/person.js';
import { changedPersonFields } from './changed-fields.js';
import { ContactChildren } from './contact-children.js';

export type ApplyOutcome = 'created' | 'updated' | 'unchanged';

/** A listed contact; deletions are the caller's (see ContactsAdapter: the guard judges them). */
export type PageEntry = Extract<PersonEntry, { kind: 'upsert' }>;

export interface PageCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ApplyContext {
  runId: number;
  /** The full sync's generation (0 for incremental): rows it saw are marked with it. */
  generation: number;
  now: string;
  /**
   * The account's first import (BulkImport): no journal row per contact (the run's counts say it
   * all) and no full-text entries yet (built once when the listing completes).
   */
  initialImport?: boolean;
}

/** An active contact a listing reported deleted (or did not list), before it is soft-deleted. */
export interface DeletionCandidate {
  id: number;
  resource_name: string;
  display_name: string | null;
}

interface ExistingRow {
  id: number;
  resource_name: string;
  etag: string | null;
  deleted_at: string | null;
  display_name: string | null;
}

type JournalRow = [contactId: number, change: string, before: string | null, after: string | null];

/**
 * What the journal keeps of a contact: its name then, and for an update the Person fields that
 * changed (see changed-fields.ts), so History can list a run's changes without copies of contacts.
 */
const summary = (displayName: string | null, fields?: string[]) =>
  JSON.stringify(fields ? { displayName, fields } : { displayName });

/** The contact's own columns, in the order of the INSERT and UPDATE statements below. */
const storedFields = (r: ContactRecord) => [
  r.etag,
  r.displayName,
  r.givenName,
  r.familyName,
  r.nickname,
  r.organization,
  r.title,
  r.birthday,
  r.notes,
  r.photoUrl,
  r.raw,
];

/**
 * Write side of the contacts mirror for one account. Callers wrap each page in a transaction
 * (see runListing), so a page is applied whole or not at all.
 */
export class ContactsStore {
  private readonly children: ContactChildren;
  private readonly findOne;
  private readonly findMany;
  private readonly insert;
  private readonly update;
  private readonly markSeen;
  private readonly softDeleteRow;
  private readonly rename;
  private readonly removeRow;
  private readonly journal;
  private readonly rawOf;
  private readonly listUnseen;
  private readonly listActiveNamed;

  constructor(
    private readonly db: Db,
    private readonly accountId: number,
  ) {
    this.children = new ContactChildren(db);
    const columns = 'id, resource_name, etag, deleted_at, display_name';
    this.findOne = db.prepare<[number, string], ExistingRow>(
      `SELECT ${columns} FROM contacts WHERE account_id = ? AND resource_name = ?`,
    );
    // IN (subquery) so SQLite probes the (account_id, resource_name) index once per name; a join
    // with json_each may be planned as a scan of every contact per page.
    this.findMany = db.prepare<[number, string], ExistingRow>(
      `SELECT ${columns} FROM contacts
       WHERE account_id = ? AND resource_name IN (SELECT value FROM json_each(?))`,
    );
    this.insert = db.prepare<unknown[]>(
      `INSERT INTO contacts (account_id, resource_name, etag, display_name, given_name, family_name,
         nickname, organization, title, birthday, notes, photo_url, raw, seen_in_full_sync,
         created_at, updated_at, synced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.update = db.prepare<unknown[]>(
      `UPDATE contacts SET etag = ?, display_name = ?, given_name = ?, family_name = ?, nickname = ?,
         organization = ?, title = ?, birthday = ?, notes = ?, photo_url = ?, raw = ?,
         deleted_at = NULL, seen_in_full_sync = MAX(seen_in_full_sync, ?), updated_at = ?, synced_at = ?
       WHERE id = ?`,
    );
    this.markSeen = db.prepare(
      `UPDATE contacts SET seen_in_full_sync = MAX(seen_in_full_sync, ?), synced_at = ?
       WHERE id IN (SELECT value FROM json_each(?))`,
    );
    this.softDeleteRow = db.prepare(
      'UPDATE contacts SET deleted_at = ?, updated_at = ? WHERE id = ?',
    );
    this.rename = db.prepare('UPDATE contacts SET resource_name = ? WHERE id = ?');
    this.removeRow = db.prepare('DELETE FROM contacts WHERE id = ?');
    this.journal = db.prepare(
      `INSERT INTO contact_changes (run_id, contact_id, change, before, after)
       SELECT ?, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3 FROM json_each(?) AS j`,
    );
    this.rawOf = db.prepare<[string], { id: number; raw: string }>(
      'SELECT id, raw FROM contacts WHERE id IN (SELECT value FROM json_each(?))',
    );
    this.listUnseen = db.prepare<[number, number], DeletionCandidate>(
      `SELECT id, resource_name, display_name FROM contacts
       WHERE account_id = ? AND deleted_at IS NULL AND seen_in_full_sync < ?`,
    );
    this.listActiveNamed = db.prepare<[number, string], DeletionCandidate>(
      `SELECT id, resource_name, display_name FROM contacts
       WHERE account_id = ? AND deleted_at IS NULL
         AND resource_name IN (SELECT value FROM json_each(?))`,
    );
  }

  activeCount(): number {
    const row = this.db
      .prepare<[number], { n: number }>(
        'SELECT count(*) AS n FROM contacts WHERE account_id = ? AND deleted_at IS NULL',
      )
      .get(this.accountId);
    return row?.n ?? 0;
  }

  /**
   * Applies one page: creates, updates (by etag), re-keys (`previousResourceNames` move the
   * existing row — never a duplicate).
   */
  applyPage(entries: PageEntry[], ctx: ApplyContext): PageCounts {
    const counts: PageCounts = { created: 0, updated: 0, unchanged: 0 };
    // One entry per person; if Google repeated one in a page, the later version wins.
    const byName = new Map<string, PageEntry>();
    for (const entry of entries) byName.set(entry.record.resourceName, entry);
    for (const entry of byName.values()) {
      if (entry.previousResourceNames?.length) {
        this.rekey(entry.record.resourceName, entry.previousResourceNames, !ctx.initialImport);
      }
    }
    const existing = new Map(
      this.findMany
        .all(this.accountId, JSON.stringify([...byName.keys()]))
        .map((r) => [r.resource_name, r]),
    );
    const previousRaw = ctx.initialImport
      ? new Map<number, string>()
      : this.toUpdate(byName, existing);
    const seen: number[] = [];
    const rewritten: number[] = [];
    const written: { id: number; record: ContactRecord }[] = [];
    const journal: JournalRow[] = [];
    for (const [resourceName, entry] of byName) {
      const row = existing.get(resourceName);
      const record = entry.record;
      if (row && row.deleted_at === null && record.etag && row.etag === record.etag) {
        seen.push(row.id);
        counts.unchanged++;
        continue;
      }
      const outcome: ApplyOutcome = row && row.deleted_at === null ? 'updated' : 'created';
      const id = row ? this.rewrite(row.id, record, ctx) : this.create(record, ctx);
      if (row) rewritten.push(row.id);
      written.push({ id, record });
      counts[outcome]++;
      if (!ctx.initialImport) {
        const before = outcome === 'updated' ? summary(row?.display_name ?? null) : null;
        const old = previousRaw.get(id);
        const fields = old === undefined ? undefined : changedPersonFields(old, record.raw);
        journal.push([id, outcome, before, summary(record.displayName, fields)]);
      }
    }
    if (seen.length) this.markSeen.run(ctx.generation, ctx.now, JSON.stringify(seen));
    const search = !ctx.initialImport;
    this.children.clear(rewritten, search);
    this.children.write(written, search);
    this.writeJournal(ctx.runId, journal);
    return counts;
  }

  /**
   * The stored Person of each active row this page will update (etag changed), read in one
   * statement before the rows are rewritten, to journal which fields changed.
   */
  private toUpdate(
    byName: Map<string, PageEntry>,
    existing: Map<string, ExistingRow>,
  ): Map<number, string> {
    const ids: number[] = [];
    for (const [resourceName, entry] of byName) {
      const row = existing.get(resourceName);
      if (!row || row.deleted_at !== null) continue;
      if (!entry.record.etag || row.etag !== entry.record.etag) ids.push(row.id);
    }
    if (ids.length === 0) return new Map();
    return new Map(this.rawOf.all(JSON.stringify(ids)).map((r) => [r.id, r.raw]));
  }

  private rekey(resourceName: string, previousResourceNames: string[], search: boolean): void {
    let current = this.findOne.get(this.accountId, resourceName);
    for (const previous of previousResourceNames) {
      const old = this.findOne.get(this.accountId, previous);
      if (!old) continue;
      if (current) {
        // Both names are stored (e.g. a full listing interrupted after it wrote the new name):
        // the old row is the same person seen before the re-key. Its search entry is keyed by
        // the row id, which nothing refers to once the row is gone, so it must go first.
        this.children.unindex(old.id, search);
        this.removeRow.run(old.id);
      } else {
        this.rename.run(resourceName, old.id);
        current = old;
      }
    }
  }

  private create(record: ContactRecord, ctx: ApplyContext): number {
    const result = this.insert.run(
      this.accountId,
      record.resourceName,
      ...storedFields(record),
      ctx.generation,
      ctx.now,
      ctx.now,
      ctx.now,
    );
    return Number(result.lastInsertRowid);
  }

  private rewrite(id: number, record: ContactRecord, ctx: ApplyContext): number {
    this.update.run(...storedFields(record), ctx.generation, ctx.now, ctx.now, id);
    return id;
  }

  private softDelete(
    row: { id: number; display_name: string | null },
    ctx: ApplyContext,
    journal: JournalRow[],
  ): void {
    this.softDeleteRow.run(ctx.now, ctx.now, row.id);
    this.children.unindex(row.id, !ctx.initialImport);
    journal.push([row.id, 'deleted', summary(row.display_name), null]);
  }

  private writeJournal(runId: number, rows: JournalRow[]): void {
    if (rows.length) this.journal.run(runId, JSON.stringify(rows));
  }

  /** Active contacts the full sync of `generation` did not see. */
  unseen(generation: number): DeletionCandidate[] {
    return this.listUnseen.all(this.accountId, generation);
  }

  /** The active contacts among `resourceNames`. */
  activeNamed(resourceNames: readonly string[]): DeletionCandidate[] {
    if (resourceNames.length === 0) return [];
    return this.listActiveNamed.all(this.accountId, JSON.stringify(resourceNames));
  }

  /** Soft-deletes `rows` (journaled, out of search); returns how many. */
  softDeleteAll(rows: readonly DeletionCandidate[], ctx: ApplyContext): number {
    const journal: JournalRow[] = [];
    for (const row of rows) this.softDelete(row, ctx, journal);
    this.writeJournal(ctx.runId, journal);
    return rows.length;
  }
}
