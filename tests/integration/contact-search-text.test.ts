/**
 * What people type finds the contacts they mean, over a real SQLite file: email addresses whole
 * and in part, names with punctuation, phone numbers in any formatting, every script; for contacts
 * written row by row and by an account's first import, and after the migration that rebuilt the
 * index of an existing database.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BulkImport } from '../../src/main/core/db/bulk-import.js';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../src/main/core/db/migrations.js';
import { contactSearchTermsSchema } from '../../src/main/core/db/schema-contact-search-terms.js';
import { searchIndexMismatch } from '../../src/main/core/db/search-invariants.js';
import { AppError } from '../../src/main/core/errors.js';
import { ContactSearch } from '../../src/main/core/services/contact-search.js';
import { person, SearchDb } from './search-db.js';

const PEOPLE = [
  person(1, {
    given: 'Ann',
    family: 'Lee',
    emails: ['ann@example.com'],
    phones: ['+1 415-555-0142'],
  }),
  person(2, {
    given: 'Mary-Jane',
    family: "O'Neil",
    emails: ['mj.oneil@corp.co.uk'],
    phones: ['+44 20 7946 0958'],
  }),
  person(3, {
    given: 'John',
    family: 'Smith',
    emails: ['john-smith@example.org', 'a.b@mail.test'],
    phones: ['(206) 555-0100'],
    org: 'Acme, Inc.',
  }),
  person(4, { given: 'José', family: 'Núñez', emails: ['jose@ejemplo.es'] }),
  person(5, { given: '伟', family: '张', phones: ['010 8888 1234'] }),
  person(6, { given: 'Annabel', family: 'Smythe', emails: ['annabel@example.net'] }),
];

const ids = (...n: number[]) => n.map((i) => `people/c${i}`).sort();

/** [what a person types, who it finds] */
const FINDS: Array<[string, number[]]> = [
  ['ann@example.com', [1]],
  ['ann@exa', [1]],
  ['ann', [1, 6]],
  ['example.com', [1]],
  ['example', [1, 3, 6]],
  ['john-smith', [3]],
  ['john-smith@example.org', [3]],
  ['a.b', [3]],
  ['a.b@mail.test', [3]],
  ['mj.oneil', [2]],
  ['mjoneil', [2]],
  ["O'Neil", [2]],
  ['O’Neil', [2]],
  ['oneil', [2]],
  ['neil', [2]],
  ['Mary-Jane', [2]],
  ['maryjane', [2]],
  ['jane', [2]],
  ['jose', [4]],
  ['NÚÑEZ', [4]],
  ['张', [5]],
  ['206-555', [3]],
  ['(206) 555-0100', [3]],
  ['2065550100', [3]],
  ['4155550142', [1]],
  ['14155550142', [1]],
  ['+1 415 555 0142', [1]],
  ['5550142', [1]],
  ['0142', [1]],
  ['555-0142', [1]],
  ['7946 0958', [2]],
  ['+44 20 7946 0958', [2]],
  ['01088881234', [5]],
  ['acme', [3]],
  ['ann lee', [1]],
  ['-Ann', [1, 6]],
  ['"ann"', [1, 6]],
  ['ann OR smith', []],
  ['NOT', []],
  ['zzz', []],
];

let s: SearchDb | undefined;
afterEach(() => {
  s?.close();
  s = undefined;
});

describe.each([
  ['written row by row', false],
  ['written by a first import', true],
])('search over contacts %s', (_, firstImport) => {
  it.each(FINDS)('%j finds %j', (text, expected) => {
    s = new SearchDb();
    s.store(PEOPLE, { firstImport });
    expect(s.find(text).sort()).toEqual(ids(...expected));
  });
});

describe('search text without terms, and past the bounds', () => {
  it('lists everyone for blank text and no one for punctuation only', () => {
    s = new SearchDb();
    s.store(PEOPLE);
    expect(s.find('   ')).toHaveLength(PEOPLE.length);
    for (const text of ['"', '*', '(', '" * ( )', '-', '^', ':']) {
      expect(new ContactSearch(s.db).search(text)).toEqual({ contacts: [], total: 0, offset: 0 });
    }
  });

  it('refuses 64,000 one-letter words with a typed error instead of searching for seconds', () => {
    s = new SearchDb();
    s.store(PEOPLE);
    const words = Array.from({ length: 64_000 }, (_, i) => 'abcdefghij'[i % 10]).join(' ');
    expect(() => s!.find(words)).toThrow(AppError);
    expect(() => s!.find(words)).toThrow(/up to 16 words/);
  });
});

describe('the index follows edits and deletions', () => {
  it('finds a contact by its new email only, and a deleted one no more', () => {
    s = new SearchDb();
    s.store(PEOPLE);
    const edited = person(1, { given: 'Ann', family: 'Lee', emails: ['ann.lee@new.example'] });
    s.store([{ ...edited, etag: 'edited' }]);
    s.remove('people/c3');
    expect(s.find('ann@example.com')).toEqual([]);
    expect(s.find('ann.lee@new')).toEqual(ids(1));
    expect(s.find('annlee')).toEqual(ids(1));
    expect(s.find('john-smith')).toEqual([]);
    expect(searchIndexMismatch(s.db)).toEqual({ orphaned: [], missing: [] });
  });
});

describe('the migration that rebuilt the index', () => {
  const BEFORE = MIGRATIONS.indexOf(contactSearchTermsSchema);
  const atPreviousVersion = (file: string) => {
    const db = new Database(file);
    migrate(db, MIGRATIONS.slice(0, BEFORE));
    return db;
  };

  it('makes an existing database find emails and phone digits, except a pending first import', () => {
    s = new SearchDb(atPreviousVersion);
    s.store(PEOPLE);
    // A second account in the middle of its first import: its entries come when it completes.
    const other = s.db
      .prepare(
        "INSERT INTO accounts (email, status, connected_at) VALUES ('b@x.test', 'connected', '')",
      )
      .run().lastInsertRowid as number;
    s.db.prepare('INSERT INTO contacts_fts_pending (account_id) VALUES (?)').run(other);
    s.db
      .prepare(
        `INSERT INTO contacts (account_id, resource_name, display_name, raw, created_at, updated_at, synced_at)
         VALUES (?, 'people/c99', 'Pending Person', '{}', '', '', '')`,
      )
      .run(other);

    migrate(s.db);
    expect(s.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(s.find('ann@example.com')).toEqual(ids(1));
    expect(s.find('4155550142')).toEqual(ids(1));
    expect(s.find('pending')).toEqual([]);
    expect(searchIndexMismatch(s.db)).toEqual({ orphaned: [], missing: [] });

    s.db.transaction(() => new BulkImport(s!.db, other).finish())();
    expect(s.find('pending')).toEqual(['people/c99']);
  });
});
