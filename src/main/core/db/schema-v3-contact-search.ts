/**
 * Schema version 3: the contact list over every account (ContactSearch), at 100,000 contacts.
 *
 * - `contacts_name`: with no search text the list shows all active contacts by name
 *   (`ORDER BY display_name COLLATE NOCASE, id` and a page's LIMIT/OFFSET). v1's
 *   `contacts_account_name` serves that order within one account only; without this index every
 *   page sorted all contacts in a temporary B-tree (330 ms instead of 6 ms).
 * - `contacts_active_by_id`: full-text matches (rowids) are sorted by name, so each needs its
 *   contact's name and account. Read from the table, every lookup loads a wide row (raw JSON,
 *   notes); this narrow covering index holds just those columns: a one-letter search matching a
 *   third of 100,000 contacts takes 70 ms instead of 170 ms.
 */
export const CONTACT_SEARCH_SCHEMA = `
CREATE INDEX contacts_name ON contacts (display_name COLLATE NOCASE)
  WHERE deleted_at IS NULL;
CREATE INDEX contacts_active_by_id ON contacts (id, display_name COLLATE NOCASE, account_id)
  WHERE deleted_at IS NULL;
`;
