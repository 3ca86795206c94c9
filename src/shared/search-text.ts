/**
 * What a contact search accepts, shared by the core (which refuses what is past the bounds) and the
 * renderer (which says so before asking). Every word becomes one more term the index must
 * intersect, so the bounds keep the slowest search short: 64,000 one-letter words took 18 s.
 */
export const SEARCH_MAX_CHARS = 200;
export const SEARCH_MAX_WORDS = 16;

export interface SearchTextIssue {
  /** `too_long`: refused (a typed error from the core); `nothing_to_search`: no letter or digit. */
  kind: 'too_long' | 'nothing_to_search';
  message: string;
}

/** The words of a search: runs of text between white space (control characters count as space). */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/[\s\p{Cc}]+/u)
    .filter(Boolean);
}

/** Whether a word holds anything the index keeps: a letter or a digit of any script. */
export function isSearchable(word: string): boolean {
  return /[\p{L}\p{N}]/u.test(word);
}

/** Null for a search the index can answer (or blank text: the whole list). */
export function checkSearchText(text: string): SearchTextIssue | null {
  const words = searchWords(text);
  if (text.length > SEARCH_MAX_CHARS || words.length > SEARCH_MAX_WORDS) {
    return {
      kind: 'too_long',
      message:
        `A search can have up to ${SEARCH_MAX_WORDS} words and ${SEARCH_MAX_CHARS} characters ` +
        `(this one has ${words.length} words, ${text.length} characters). ` +
        'Keep the words that matter most.',
    };
  }
  if (words.length > 0 && !words.some(isSearchable)) {
    return {
      kind: 'nothing_to_search',
      message: 'Type a letter or a digit to search: punctuation alone matches no contact.',
    };
  }
  return null;
}
