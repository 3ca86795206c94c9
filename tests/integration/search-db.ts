/**
 * A real SQLite file holding contacts written the way a sync writes them (ContactsStore, row by
 * row, or as an account's first import with BulkImport), for the search tests. No server: these
 * tests are about what the index finds, and the people come from the test, not from the fake.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { AccountsRepo } from '../../src/main/core/db/accounts-repo.js';
import { BulkImport } from '../../src/main/core/db/bulk-import.js';
import { openDatabase } from '../../src/main/core/db/connection.js';
import { ContactsStore } from '../../src/main/core/db/contacts-store.js';
import { RunsRepo } from '../../src/main/core/db/runs-repo.js';
import { toContactRecord, type Person } from '../../src/main/core/google/person.js';
import { ContactSearch } from '../../src/main/core/services/contact-search.js';

export class SearchDb {
  readonly file: string;
  readonly db: Database;
  readonly accountId: number;
  private readonly search: ContactSearch;
  private generation = 0;

  constructor(open: (file: string) => Database = openDatabase) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-search-'));
    this.file = path.join(dir, 'contacts.db');
    this.db = open(this.file);
    this.accountId = new AccountsRepo(this.db).upsert('me@example.com', null, now()).id;
    this.search = new ContactSearch(this.db);
  }

  /** Writes `people` in one page; `firstImport`: as an account's first full listing. */
  store(people: Person[], { firstImport = false } = {}): void {
    const { db, accountId } = this;
    const runId = new RunsRepo(db).start(accountId, 'contacts', 'full', 'manual', now());
    const generation = ++this.generation;
    db.transaction(() => {
      const bulk = firstImport ? new BulkImport(db, accountId) : null;
      const initialImport = bulk?.begin() ?? false;
      new ContactsStore(db, accountId).applyPage(
        people.map((person) => ({ kind: 'upsert', record: toContactRecord(person, 'US') })),
        { runId, generation, now: now(), initialImport },
      );
      bulk?.finish();
    })();
  }

  /** Soft-deletes contacts, as a sync does when Google reports them deleted. */
  remove(...resourceNames: string[]): void {
    const runId = new RunsRepo(this.db).start(this.accountId, 'contacts', 'full', 'manual', now());
    const store = new ContactsStore(this.db, this.accountId);
    this.db.transaction(() =>
      store.softDeleteAll(store.activeNamed(resourceNames), { runId, generation: 0, now: now() }),
    )();
  }

  /** Resource names of every contact `text` finds. */
  find(text: string): string[] {
    return this.search.search(text, { limit: 100_000 }).contacts.map((c) => c.resourceName);
  }

  close(): void {
    this.db.close();
    fs.rmSync(path.dirname(this.file), { recursive: true, force: true });
  }
}

const now = () => new Date().toISOString();

/** A Person as Google sends it, from the fields a search test cares about. */
export function person(
  id: number,
  fields: { given?: string; family?: string; emails?: string[]; phones?: string[]; org?: string },
): Person {
  const display = [fields.given, fields.family].filter(Boolean).join(' ');
  return {
    resourceName: `people/c${id}`,
    etag: `e${id}`,
    names: display
      ? [
          {
            displayName: display,
            givenName: fields.given ?? null,
            familyName: fields.family ?? null,
          },
        ]
      : [],
    emailAddresses: (fields.emails ?? []).map((value) => ({ value })),
    phoneNumbers: (fields.phones ?? []).map((value) => ({ value })),
    organizations: fields.org ? [{ name: fields.org }] : [],
  };
}
