/**
 * Which contacts an export writes, as row ids in the order the file lists them (by name, as the
 * contact list shows them): everything (optionally of one account and one label, optionally with
 * the deleted ones), the matches of a search exactly as the list finds them, or the contacts a
 * person selected (the "Deleted contacts" list exports deleted ones this way).
 */
import type { ContactPage } from '../../../shared/domain.js';
import type { ExportFormat } from '../../../shared/api/types.js';
import type { Db } from '../db/connection.js';
import type { ContactSearchOptions } from '../services/contact-search.js';

export interface ContactKey {
  accountId: number;
  resourceName: string;
}

export interface ExportRequest {
  format: ExportFormat;
  accountId?: number;
  /** Deleted contacts too (the command line's --include-deleted); ignored with `contacts`. */
  includeDeleted: boolean;
  /** Only contacts with this label (a contactGroups/… resource name). */
  labelResourceName?: string;
  /** Only the matches of this search text, as the contact list finds them. */
  text?: string;
  /** Exactly these contacts, deleted or not. */
  contacts?: ContactKey[];
}

export type SearchContacts = (text: string, options: ContactSearchOptions) => ContactPage;

const ORDER = 'ORDER BY c.display_name COLLATE NOCASE, c.id';
/** Search pages are asked this big: a few dozen calls at 100,000 matches. */
const SEARCH_PAGE = 5000;

function idsOfKeys(db: Db, keys: ContactKey[]): number[] {
  return db
    .prepare<[string], { id: number }>(
      `SELECT c.id FROM json_each(?) j JOIN contacts c
         ON c.account_id = j.value ->> 0 AND c.resource_name = j.value ->> 1
       ${ORDER}`,
    )
    .all(JSON.stringify(keys.map((k) => [k.accountId, k.resourceName])))
    .map((r) => r.id);
}

export function resolveExportIds(db: Db, search: SearchContacts, request: ExportRequest): number[] {
  if (request.contacts) return idsOfKeys(db, request.contacts);
  const filters: ContactSearchOptions = {
    ...(request.accountId !== undefined ? { accountId: request.accountId } : {}),
    ...(request.labelResourceName !== undefined
      ? { labelResourceName: request.labelResourceName }
      : {}),
  };
  const text = request.text?.trim() ?? '';
  if (text !== '') {
    const keys: ContactKey[] = [];
    for (let offset = 0; ; offset += SEARCH_PAGE) {
      const page = search(text, { ...filters, limit: SEARCH_PAGE, offset });
      keys.push(...page.contacts);
      if (page.contacts.length < SEARCH_PAGE || keys.length >= page.total) break;
    }
    return idsOfKeys(db, keys);
  }
  const account = request.accountId ?? null;
  const label = request.labelResourceName ?? null;
  return db
    .prepare<[number | null, number | null, number, string | null, string | null], { id: number }>(
      `SELECT c.id FROM contacts c
       WHERE (? IS NULL OR c.account_id = ?) AND (? = 1 OR c.deleted_at IS NULL)
         AND (? IS NULL OR EXISTS (SELECT 1 FROM contact_memberships m
                                   WHERE m.contact_id = c.id AND m.group_resource_name = ?))
       ${ORDER}`,
    )
    .all(account, account, request.includeDeleted ? 1 : 0, label, label)
    .map((r) => r.id);
}
