/**
 * Turns what a person types into an FTS5 query over `contacts_fts` (see db/search-terms.ts for
 * what the index holds). Any text gives a valid query or none: every word is one FTS5 string,
 * quoted (a `"` doubled), so operators (AND, OR, NOT, NEAR), `^`, `*`, `:` and parentheses are
 * only characters, which the tokenizer drops like the rest of the punctuation; the index keeps
 * positions, so a word the tokenizer splits ("ann@example.com", "O'Neil") is a phrase, never an
 * error.
 */
import { checkSearchText, isSearchable, searchWords } from '../../../shared/search-text.js';
import { AppError } from '../errors.js';

/** What a phone number is typed with: digits, spaces and the usual separators. */
const PHONE_LIKE = /^[\d\s+\-()./]+$/u;
/** Fewer digits than this are searched as words: "12" would find too many numbers. */
export const MIN_PHONE_DIGITS = 4;

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * The FTS5 query for `text`: every word must match as a prefix (a phrase prefix for a word with
 * inner punctuation). Text that reads as a phone number (digits and separators only, 4 digits or
 * more) is one run of digits, matched against the phones column, whose entries include every
 * ending of each number (digits alone are also searched as a word). Null when there is nothing to search for (blank, or punctuation only).
 * Throws INVALID_ARGUMENT past the bounds of shared/search-text.ts.
 */
export function toFtsQuery(text: string): string | null {
  const issue = checkSearchText(text);
  if (issue?.kind === 'too_long') throw new AppError('INVALID_ARGUMENT', issue.message);
  const words = searchWords(text).filter(isSearchable);
  if (words.length === 0) return null;
  const terms = words.map((word) => `${quoted(word)}*`).join(' AND ');
  const joined = words.join(' ');
  const digits = joined.replace(/\D+/g, '');
  if (!PHONE_LIKE.test(joined) || digits.length < MIN_PHONE_DIGITS) return terms;
  const phone = `phones : ${quoted(digits)}*`;
  // A bare run of digits may be something else too: a year in an organization, an email's local
  // part. A number formatted otherwise is only a number: its pieces as words ("+1" → every token
  // starting with 1) would cost 10× the search and find nothing more.
  // Digits with dots are also an email's local part or a version ("672.4@…"): their words form a
  // phrase, which costs little.
  return joined === digits || joined.includes('.') ? `${phone} OR ${terms}` : phone;
}
