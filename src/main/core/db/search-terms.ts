import type { Db } from './db.js';

/**
 * What each contact puts into the full-text index `contacts_fts`, written row by row
 * (ContactChildren), for a whole account at the end of a first import (BulkImport) and for every
 * contact when the index is rebuilt (schema contact-search-terms): one set of functions for all
 * three, so they cannot drift apart.
 *
 * The tokenizer (unicode61, diacritics folded) splits at every character that is not a letter or a
 * digit, and the index keeps positions (`detail=full`), so what a person types with punctuation is
 * found as a phrase: "ann@example.com", "ann.lee", "example.com", "O'Neil", "Jean-Luc", "206-555".
 * On top of that:
 * - a word written with inner punctuation is also indexed joined ("oneil", "jeanluc", "annlee"),
 *   for people who type it without;
 * - the phones column holds digits only: each number's digits as written and in E.164, and every
 *   ending of 4 digits or more, so a prefix search of any run of digits finds national and
 *   international forms and the last digits.
 */
export const CONTACTS_FTS_SQL = `
CREATE VIRTUAL TABLE contacts_fts USING fts5(
  names, organization, emails, phones,
  content = '', contentless_delete = 1, detail = full,
  tokenize = 'unicode61 remove_diacritics 2'
);`;

/** The longest run of digits whose endings are indexed (E.164 numbers have at most 15). */
const MAX_PHONE_DIGITS = 15;
const MIN_PHONE_ENDING = 4;

const INNER_PUNCTUATION = /[\p{L}\p{N}][^\p{L}\p{N}\s]+[\p{L}\p{N}]/u;

/** The text plus each of its words that has inner punctuation, written without it. */
function withJoinedWords(text: string): string {
  const joined = text
    .split(/\s+/)
    .filter((word) => INNER_PUNCTUATION.test(word))
    .map((word) => word.replace(/[^\p{L}\p{N}]+/gu, ''));
  return [text, ...joined].join(' ');
}

/** Names: display, given, family name and nickname. */
export function nameTerms(...names: (string | null | undefined)[]): string {
  return withJoinedWords(names.filter(Boolean).join(' '));
}

/** Email addresses (space-separated): each as written, plus its local part joined ("annlee"). */
export function emailTerms(addresses: string): string {
  const locals = addresses
    .split(/\s+/)
    .map((address) => address.split('@')[0] ?? '')
    .filter((local) => INNER_PUNCTUATION.test(local))
    .map((local) => local.replace(/[^\p{L}\p{N}]+/gu, ''));
  return [addresses, ...locals].filter(Boolean).join(' ');
}

/** One phone number: its digits as written, in E.164, and every ending of 4 digits or more. */
export function phoneTerms(raw: string, e164: string | null): string {
  const written = raw.replace(/\D+/g, '');
  const international = e164?.replace(/\D+/g, '') ?? '';
  const longest = (international.length >= written.length ? international : written).slice(
    -MAX_PHONE_DIGITS,
  );
  const terms = new Set([written, international]);
  for (let start = 1; longest.length - start >= MIN_PHONE_ENDING; start++) {
    terms.add(longest.slice(start));
  }
  return [...terms].filter(Boolean).join(' ');
}

/**
 * Writes the index entries of every active contact of one account (or, with null, of every account
 * whose first import is not still pending: those get theirs when it completes), in one statement.
 * Call inside the caller's transaction.
 */
export function fillSearchIndex(db: Db, accountId: number | null): void {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  db.function('search_names', { deterministic: true }, (display, given, family, nickname) =>
    nameTerms(text(display), text(given), text(family), text(nickname)),
  );
  db.function('search_emails', { deterministic: true }, (addresses) =>
    emailTerms(text(addresses) ?? ''),
  );
  db.function('search_phone', { deterministic: true }, (raw, e164) =>
    phoneTerms(String(raw), text(e164)),
  );
  const accounts =
    accountId === null
      ? 'c.account_id NOT IN (SELECT account_id FROM contacts_fts_pending)'
      : 'c.account_id = :account';
  db.prepare(
    `INSERT INTO contacts_fts (rowid, names, organization, emails, phones)
     SELECT c.id,
       search_names(c.display_name, c.given_name, c.family_name, c.nickname),
       concat_ws(' ', nullif(c.organization, ''), nullif(c.title, '')),
       search_emails(coalesce((SELECT group_concat(e.value, ' ' ORDER BY e.position)
                               FROM contact_emails e WHERE e.contact_id = c.id), '')),
       coalesce((SELECT group_concat(search_phone(p.raw, p.e164), ' ' ORDER BY p.position)
                 FROM contact_phones p WHERE p.contact_id = c.id), '')
     FROM contacts c WHERE ${accounts} AND c.deleted_at IS NULL`,
  ).run(accountId === null ? {} : { account: accountId });
}
