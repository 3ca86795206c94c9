/**
 * The A–Z sections of the contact list: for each first letter of the sort name, the row its
 * contacts start at in the order ContactSearch pages through, so the list can draw its headers
 * and the jump index can scroll straight to a letter.
 *
 * Sections follow SQLite's NOCASE order, which the list uses: names starting before "a" once
 * ASCII letters are folded (digits, signs, no name) are '#', a–z are their capital, and the rest
 * (other scripts, accented capitals, which NOCASE sorts after "z") are '…'.
 */
import type { ContactLetter, ContactSort } from '../../../shared/api/contact-list.js';
import type { Db } from '../db/connection.js';
import type { Statement } from 'better-sqlite3';
import { toFtsQuery } from './search-query.js';
import {
  searchSource,
  sortColumn,
  withNarrowIndex,
  type ContactSearchOptions,
} from './contact-search.js';

/** '#', A … Z, '…': the sections in list order. */
export const LETTERS: readonly string[] = [
  '#',
  ...Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i)),
  '…',
];

type Params = Record<string, string | number>;

export class ContactLetters {
  private readonly statements = new Map<string, Statement<Params, { letter: string; n: number }>>();

  constructor(private readonly db: Db) {}

  /** The non-empty sections of the list a search of this text and these filters shows. */
  letters(
    text: string,
    options: Omit<ContactSearchOptions, 'limit' | 'offset'> = {},
  ): ContactLetter[] {
    const params: Params = {};
    const match = toFtsQuery(text);
    // As the list: text with nothing to search for (punctuation only) matches no one.
    if (match === null && text.trim() !== '') return [];
    if (match !== null) params['match'] = match;
    if (options.accountId !== undefined) params['account'] = options.accountId;
    if (options.labelResourceName !== undefined) params['label'] = options.labelResourceName;
    const shape = ['match', 'account', 'label'].filter((key) => key in params);
    const counts = new Map<string, number>();
    const rows = withNarrowIndex((narrow) =>
      this.statement(shape, options.sort ?? 'first', narrow).all(params),
    );
    for (const { letter, n } of rows) counts.set(letter, (counts.get(letter) ?? 0) + n);
    const sections: ContactLetter[] = [];
    let offset = 0;
    for (const letter of LETTERS) {
      const count = counts.get(letter) ?? 0;
      if (count > 0) sections.push({ letter, offset, count });
      offset += count;
    }
    return sections;
  }

  private statement(shape: string[], sort: ContactSort, narrowIndex: boolean) {
    const key = `${shape.join(',')}/${sort}/${narrowIndex}`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare<Params, { letter: string; n: number }>(
        lettersSql(shape, sort, narrowIndex),
      );
      this.statements.set(key, statement);
    }
    return statement;
  }
}

/** The NOCASE range of each section: from its letter to the next character ('{' follows 'z'). */
const RANGES: ReadonlyArray<[letter: string, range: (k: string) => string]> = [
  ['#', (k) => `${k} IS NULL`],
  ['#', (k) => `${k} < 'a' COLLATE NOCASE`],
  ...Array.from({ length: 26 }, (_, i): [string, (k: string) => string] => {
    const [from, to] = [String.fromCharCode(97 + i), String.fromCharCode(98 + i)];
    return [
      from.toUpperCase(),
      (k) => `${k} >= '${from}' COLLATE NOCASE AND ${k} < '${to}' COLLATE NOCASE`,
    ];
  }),
  ['…', (k) => `${k} >= '{' COLLATE NOCASE`],
];

/**
 * How many rows each section holds. Without search text: one count per section over a range of
 * the name index, which SQLite counts without reading a row (about 15 ms at 100,000 contacts,
 * where reading every name costs 200 ms: the partial index does not hold `deleted_at`, so SQLite
 * reads each wide row). With search text the matches are grouped by their first letter, their
 * names read through the narrow index by id as in ContactSearch. Exported for the plan test.
 */
export function lettersSql(
  shape: readonly string[],
  sort: ContactSort,
  narrowIndex = true,
): string {
  const key = sortColumn(sort);
  if (!shape.includes('match')) {
    return RANGES.map(
      ([letter, range]) =>
        `SELECT '${letter}' AS letter, count(*) AS n ${searchSource(shape)} AND ${range(key)}`,
    ).join('\n UNION ALL ');
  }
  return `SELECT CASE
       WHEN k IS NULL OR lower(substr(k, 1, 1)) < 'a' THEN '#'
       WHEN lower(substr(k, 1, 1)) <= 'z' THEN upper(substr(k, 1, 1))
       ELSE '…' END AS letter,
     count(*) AS n
   FROM (SELECT ${key} AS k ${searchSource(shape, narrowIndex, sort)})
   GROUP BY letter`;
}
