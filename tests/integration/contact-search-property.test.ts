/**
 * Search properties over a real SQLite file (fast-check): any text a person can type is a valid
 * search, and every generated contact is found by each of its email addresses (whole and local
 * part), by the last 7 digits of each phone number and by each word of its name, in any script.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactSearch } from '../../src/main/core/services/contact-search.js';
import { isSearchable, SEARCH_MAX_CHARS, SEARCH_MAX_WORDS } from '../../src/shared/search-text.js';
import { person, SearchDb } from './search-db.js';

const RUNS = 60;

/** Letters of several scripts, with the punctuation names carry inside them. */
const ALPHABETS = [
  'abcdefghijklmnopqrstuvwxyzéèçñøåüß',
  'абвгдежзийклмнопрстуфхцчшщыэюя',
  'αβγδεζηθικλμνξοπρστυφχψω',
  '张王李赵刘陈杨黄周吴伟芳娜敏静',
  'ابتثجحخدذرزسشصضطظعغفقكلمنهوي',
  'कखगघचछजझटठडढणतथदधनपफबभमयरलवशसहािीुूेैोौं',
  'กขคงจฉชซญดตถทธนบปผพฟมยรลวสหอ',
  '가나다라마바사아자차카타파하',
];
const letters = (alphabet: string) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength: 8 });
const nameWord = fc
  .tuple(fc.constantFrom(...ALPHABETS), fc.constantFrom('', '-', "'", '.', '’'), fc.nat(1))
  .chain(([alphabet, joint, two]) =>
    two && joint
      ? fc.tuple(letters(alphabet), letters(alphabet)).map(([a, b]) => `${a}${joint}${b}`)
      : letters(alphabet),
  );
const ascii = (min: number) =>
  fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
    minLength: min,
    maxLength: 10,
  });
const email = fc
  .tuple(
    fc.array(ascii(1), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('.', '-', '_', '+'),
    fc.array(ascii(2), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('com', 'org', 'co.uk', 'de'),
  )
  .map(([local, joint, domain, tld]) => `${local.join(joint)}@${domain.join('.')}.${tld}`);
const phone = fc
  .tuple(fc.integer({ min: 200, max: 989 }), fc.integer({ min: 200, max: 999 }), fc.nat(9999))
  .chain(([area, exchange, line]) => {
    const last = String(line).padStart(4, '0');
    return fc.constantFrom(
      `+1 ${area}-${exchange}-${last}`,
      `(${area}) ${exchange}-${last}`,
      `${area}.${exchange}.${last}`,
      `${area}${exchange}${last}`,
      `+44 20 ${exchange}${last.slice(0, 1)} ${last.slice(1)}`,
    );
  });
const contact = fc.record({
  given: fc.array(nameWord, { minLength: 1, maxLength: 2 }).map((w) => w.join(' ')),
  family: nameWord,
  emails: fc.array(email, { maxLength: 2 }),
  phones: fc.array(phone, { maxLength: 2 }),
});

/** Text people type, and worse: every script, punctuation, digits, quotes and FTS5 operators. */
const anyText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.constantFrom(
        'AND',
        'OR',
        'NOT',
        'NEAR',
        'NEAR(',
        '^',
        '*',
        ':',
        '"',
        '""',
        "'",
        '(',
        ')',
        '-',
        '+',
        '{',
        '}',
        'names:',
        '{names emails}:',
        '@',
        '.',
        '\u0000',
        '\u0301',
        '’',
        '١٢٣',
      ),
      fc.stringMatching(/^[0-9 ()+.-]{1,12}$/),
    ),
    { maxLength: 8 },
  )
  .chain((parts) => fc.tuple(fc.constant(parts), fc.constantFrom(' ', '', '  ')))
  .map(([parts, separator]) => parts.join(separator));

let s: SearchDb;
let search: ContactSearch;
beforeAll(() => {
  s = new SearchDb();
  s.store([
    person(1, {
      given: 'Ann',
      family: "O'Neil",
      emails: ['ann@example.com'],
      phones: ['+1 415-555-0142'],
    }),
  ]);
  search = new ContactSearch(s.db);
});
afterAll(() => s.close());

describe('search properties', () => {
  it('answers any text within the bounds, never an error', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const bounded = text
          .slice(0, SEARCH_MAX_CHARS)
          .split(/\s+/)
          .slice(0, SEARCH_MAX_WORDS)
          .join(' ');
        const page = search.search(bounded, { limit: 5 });
        expect(page.total).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2_000 },
    );
  });

  it('finds every contact by each email, local part, name word and the last 7 digits of each phone', () => {
    let next = 1_000;
    fc.assert(
      fc.property(fc.array(contact, { minLength: 1, maxLength: 8 }), (people) => {
        const stored = people.map((p) => ({ ...p, id: next++ }));
        s.store(stored.map(({ id, ...fields }) => person(id, fields)));
        for (const p of stored) {
          const queries = [
            ...p.emails,
            ...p.emails.map((e) => e.split('@')[0]!),
            // A "word" of combining marks alone (the generator makes some) is no word to search.
            ...`${p.given} ${p.family}`.split(' ').filter(isSearchable),
            ...p.phones.map((n) => n.replace(/\D/g, '').slice(-7)),
          ];
          for (const query of queries) {
            expect(s.find(query), `${JSON.stringify(query)} finds ${p.id}`).toContain(
              `people/c${p.id}`,
            );
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
