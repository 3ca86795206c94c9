import type { Db } from './db.js';
import { CONTACTS_FTS_SQL, fillSearchIndex } from './search-terms.js';

/**
 * The full-text index rebuilt for what people type (issue 12): positions kept, so an email
 * address, a hyphenated or dotted name or a phone number typed with punctuation is one phrase
 * query (the `detail=none` index refused them: "phrase queries are not supported"); a
 * digits-only phones column with every ending of 4 digits or more; joined forms of punctuated
 * words. Existing entries are written again from the contacts in the same transaction, except for
 * accounts whose first import is still pending (BulkImport writes theirs when it completes).
 * Figures (size, build time) in docs/PERFORMANCE.md.
 */
export function contactSearchTermsSchema(db: Db): void {
  db.exec(`DROP TABLE contacts_fts; ${CONTACTS_FTS_SQL}`);
  fillSearchIndex(db, null);
}
