import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CONTACTS_FTS_SQL } from '../../src/main/core/db/search-terms.js';
import { AppError } from '../../src/main/core/errors.js';
import { toFtsQuery } from '../../src/main/core/services/search-query.js';
import { checkSearchText, SEARCH_MAX_WORDS } from '../../src/shared/search-text.js';

// The FTS5 table of the schema, empty: a query it refuses throws at `MATCH`.
const db = new Database(':memory:');
db.exec(CONTACTS_FTS_SQL);
const run = db.prepare('SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?');

describe('toFtsQuery', () => {
  it.each([
    // what a person types → the FTS5 query
    ['  ali  smi ', '"ali"* AND "smi"*'],
    ['ann@example.com', '"ann@example.com"*'],
    ['john-smith', '"john-smith"*'],
    ['a.b', '"a.b"*'],
    ["O'Neil", `"O'Neil"*`],
    ['zoë', '"zoë"*'],
    ['a"b OR (c)', '"a""b"* AND "OR"* AND "(c)"*'],
    ['NOT ann', '"NOT"* AND "ann"*'],
    ['NEAR(a b)', '"NEAR(a"* AND "b)"*'],
    ['^ann name:x *y', '"^ann"* AND "name:x"* AND "*y"*'],
    ['-Ann', '"-Ann"*'],
    ['" * ( ann', '"ann"*'],
    ['206-555', 'phones : "206555"*'],
    ['4155550142', 'phones : "4155550142"* OR "4155550142"*'],
    ['+1 (415) 555-0142', 'phones : "14155550142"*'],
    // Found by the search property (seed 1903126629): "672.4" is also an email's local part.
    ['672.4', 'phones : "6724"* OR "672.4"*'],
    ['555', '"555"*'],
    ['12 34', 'phones : "1234"*'],
    ['Ann 0142', '"Ann"* AND "0142"*'],
    ['张伟', '"张伟"*'],
    ['a\u0000b', '"a"* AND "b"*'],
  ])('%j → %s', (text, query) => {
    expect(toFtsQuery(text)).toBe(query);
    expect(() => run.all(query)).not.toThrow();
  });

  it.each(['', '   ', '"', '*', '(', ')', '" * (', '-', '^:', '\u0000'])(
    '%j has nothing to search for',
    (text) => {
      expect(toFtsQuery(text)).toBeNull();
    },
  );

  it('refuses more words or characters than the bounds, with a message a person can act on', () => {
    const words = (n: number) => Array.from({ length: n }, () => 'a').join(' ');
    expect(toFtsQuery(words(SEARCH_MAX_WORDS))).not.toBeNull();
    for (const text of [words(SEARCH_MAX_WORDS + 1), words(64_000), 'x'.repeat(201)]) {
      expect(() => toFtsQuery(text)).toThrow(AppError);
      try {
        toFtsQuery(text);
      } catch (error) {
        expect((error as AppError).code).toBe('INVALID_ARGUMENT');
        expect((error as AppError).message).toMatch(/up to 16 words and 200 characters/);
      }
    }
  });
});

describe('checkSearchText', () => {
  it('tells blank text (the whole list) from punctuation only (nothing to search for)', () => {
    expect(checkSearchText('')).toBeNull();
    expect(checkSearchText('  ')).toBeNull();
    expect(checkSearchText('ann')).toBeNull();
    expect(checkSearchText('" * (')?.kind).toBe('nothing_to_search');
    expect(checkSearchText('a '.repeat(17))?.kind).toBe('too_long');
  });
});
