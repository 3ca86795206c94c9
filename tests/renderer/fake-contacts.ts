/** Contact rows for component tests, and the paging the core's searchContacts does over them. */
import type { ApiRequest, ContactLetter } from '../../src/shared/api/contract.js';
import type { ContactPage, ContactSummary } from '../../src/shared/domain.js';

export const contact = (name: string, overrides: Partial<ContactSummary> = {}): ContactSummary => ({
  accountId: 1,
  resourceName: `people/c${name.replace(/[^A-Za-z0-9]/g, '')}`,
  displayName: name,
  emails: [`${name.toLowerCase().replace(/[^a-z0-9]/g, '.')}@example.com`],
  phones: [],
  ...overrides,
});

type Filters = Pick<ApiRequest<'searchContacts'>, 'text' | 'accountId' | 'sort'>;

/** The name a contact is sorted by: in the last-name order its `sortName` (set by the test). */
const sortName = (c: ContactSummary, request: Filters | undefined) =>
  (request?.sort === 'last' ? c.sortName : undefined) ?? c.displayName ?? '';

/**
 * `contacts` as the core lists them: every word of the text a case-insensitive prefix of a word
 * of the name, filtered by account, ordered by the sort name. Labels are not modelled here: a
 * test that filters by label answers the call itself.
 */
function matching(contacts: readonly ContactSummary[], request: Filters | undefined) {
  const words = (request?.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return contacts
    .filter((c) => request?.accountId === undefined || c.accountId === request.accountId)
    .filter((c) => {
      const names = (c.displayName ?? '').toLowerCase().split(/\s+/);
      return words.every((w) => names.some((n) => n.startsWith(w)));
    })
    .map((c) => ({ ...c, sortName: sortName(c, request) }))
    .sort((a, b) => a.sortName.localeCompare(b.sortName));
}

/** A page of `contacts`: `limit` rows from `offset`, and how many match in all. */
export function contactPage(
  contacts: readonly ContactSummary[],
  request: ApiRequest<'searchContacts'> | undefined,
): ContactPage {
  const matches = matching(contacts, request);
  const offset = request?.offset ?? 0;
  return {
    contacts: matches.slice(offset, offset + (request?.limit ?? 50)),
    total: matches.length,
    offset,
  };
}

/** The sections of the same list, as the core's ContactLetters gives them (ASCII names). */
export function contactLetters(
  contacts: readonly ContactSummary[],
  request: ApiRequest<'contactLetters'> | undefined,
): ContactLetter[] {
  const sections: ContactLetter[] = [];
  matching(contacts, request).forEach((c, offset) => {
    const first = c.sortName.charAt(0).toUpperCase();
    const letter = /[A-Z]/.test(first) ? first : first < 'A' ? '#' : '…';
    const last = sections.at(-1);
    if (last?.letter === letter) last.count++;
    else sections.push({ letter, offset, count: 1 });
  });
  return sections;
}
