/** The contact list's orders and A–Z sections (issue 12). */

/** Orders of the contact list: Google's display name ("Ada Lovelace"), or family name first. */
export const CONTACT_SORTS = ['first', 'last'] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];

/**
 * One section of the sorted contact list: its letter ('#' before A: digits, signs and no name;
 * '…' after Z: other scripts), the row it starts at, and how many rows it holds.
 */
export interface ContactLetter {
  letter: string;
  offset: number;
  count: number;
}
