/** Contact rows for component tests, and the paging the core's searchContacts does over them. */
import type { ApiRequest } from '../../src/shared/api/contract.js';
import type { ContactPage, ContactSummary } from '../../src/shared/domain.js';

export const contact = (name: string, overrides: Partial<ContactSummary> = {}): ContactSummary => ({
  accountId: 1,
  resourceName: `people/c${name.replace(/[^A-Za-z0-9]/g, '')}`,
  displayName: name,
  emails: [`${name.toLowerCase().replace(/[^a-z0-9]/g, '.')}@example.com`],
  phones: [],
  ...overrides,
});

/**
 * A page of `contacts` as the core answers it: every word of the text a case-insensitive prefix
 * of a word of the name, filtered by account, ordered by name, `limit` rows from `offset`.
 * Labels are not modelled here: a test that filters by label answers the call itself.
 */
export function contactPage(
  contacts: readonly ContactSummary[],
  request: ApiRequest<'searchContacts'> | undefined,
): ContactPage {
  const words = (request?.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const matches = contacts
    .filter((c) => request?.accountId === undefined || c.accountId === request.accountId)
    .filter((c) => {
      const names = (c.displayName ?? '').toLowerCase().split(/\s+/);
      return words.every((w) => names.some((n) => n.startsWith(w)));
    })
    .sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? ''));
  const offset = request?.offset ?? 0;
  return {
    contacts: matches.slice(offset, offset + (request?.limit ?? 50)),
    total: matches.length,
    offset,
  };
}
