/**
 * Contacts deleted in Google and kept locally, newest deletion first, with the sync run that
 * recorded the deletion. The run comes from the change journal (`contact_changes`, which every
 * soft delete writes with its run id), so no new column is needed; a contact deleted before the
 * journal existed, or whose run was cleared from the history, shows no run.
 */
import type { DeletedContactPage } from '../../../shared/api/contract.js';
import type { Db } from '../db/connection.js';

interface Row {
  account_id: number;
  resource_name: string;
  display_name: string | null;
  deleted_at: string;
  run_id: number | null;
  emails: string;
  phones: string;
  total: number;
}

/** A page of deleted contacts, newest deletion first (index contacts_deleted). */
export const DELETED_CONTACTS_SQL = `
  SELECT c.account_id, c.resource_name, c.display_name, c.deleted_at,
    (SELECT max(j.run_id) FROM contact_changes j
       WHERE j.contact_id = c.id AND j.change = 'deleted') AS run_id,
    (SELECT json_group_array(value) FROM (SELECT value FROM contact_emails
       WHERE contact_id = c.id ORDER BY position)) AS emails,
    (SELECT json_group_array(raw) FROM (SELECT raw FROM contact_phones
       WHERE contact_id = c.id ORDER BY position)) AS phones,
    count(*) OVER () AS total
  FROM contacts c
  WHERE c.deleted_at IS NOT NULL AND (? IS NULL OR c.account_id = ?)
  ORDER BY c.deleted_at DESC, c.display_name COLLATE NOCASE, c.id
  LIMIT ? OFFSET ?`;

export function listDeletedContacts(
  db: Db,
  options: { accountId?: number; limit?: number; offset?: number },
): DeletedContactPage {
  const account = options.accountId ?? null;
  const offset = options.offset ?? 0;
  const rows = db
    .prepare<[number | null, number | null, number, number], Row>(DELETED_CONTACTS_SQL)
    .all(account, account, options.limit ?? 200, offset);
  const total =
    rows[0]?.total ??
    db
      .prepare<[number | null, number | null], { n: number }>(
        'SELECT count(*) AS n FROM contacts WHERE deleted_at IS NOT NULL AND (? IS NULL OR account_id = ?)',
      )
      .get(account, account)!.n;
  return {
    contacts: rows.map((r) => ({
      accountId: r.account_id,
      resourceName: r.resource_name,
      displayName: r.display_name,
      emails: JSON.parse(r.emails) as string[],
      phones: JSON.parse(r.phones) as string[],
      deletedAt: r.deleted_at,
      runId: r.run_id,
    })),
    total,
    offset,
  };
}
