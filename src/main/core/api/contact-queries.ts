/** Read queries the API needs beyond ReportsService: one contact in full, and the labels. */
import type { ContactDetail, Label } from '../../../shared/api/contract.js';
import type { Db } from '../db/connection.js';
import { AppError } from '../errors.js';

interface ContactRow {
  id: number;
  account_id: number;
  resource_name: string;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  nickname: string | null;
  organization: string | null;
  title: string | null;
  birthday: string | null;
  notes: string | null;
  has_photo: number;
  photo_url: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  synced_at: string;
}

interface AddressRow {
  formatted: string | null;
  street: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  country_code: string | null;
  type: string | null;
}

export class ContactQueries {
  constructor(private readonly db: Db) {}

  /** A contact with its emails, phones, addresses and labels; deleted ones too (for restore). */
  getContact(accountId: number, resourceName: string): ContactDetail {
    const row = this.db
      .prepare<[number, string], ContactRow>(
        `SELECT id, account_id, resource_name, display_name, given_name, family_name, nickname,
                organization, title, birthday, notes, photo_url, deleted_at, created_at, updated_at,
                synced_at, EXISTS (SELECT 1 FROM contact_photos p
                  WHERE p.contact_id = contacts.id AND p.state = 'cached') AS has_photo
         FROM contacts WHERE account_id = ? AND resource_name = ?`,
      )
      .get(accountId, resourceName);
    if (!row) throw new AppError('NOT_FOUND', 'This contact is not in the local copy.');
    const children = <T>(sql: string) => this.db.prepare<[number], T>(sql).all(row.id);
    const addresses = children<AddressRow>(
      `SELECT formatted, street, city, region, postal_code, country, country_code, type
       FROM contact_addresses WHERE contact_id = ? ORDER BY position`,
    );
    return {
      accountId: row.account_id,
      resourceName: row.resource_name,
      displayName: row.display_name,
      givenName: row.given_name,
      familyName: row.family_name,
      nickname: row.nickname,
      organization: row.organization,
      title: row.title,
      birthday: row.birthday,
      notes: row.notes,
      photoUrl: row.photo_url,
      hasPhoto: row.has_photo === 1,
      emails: children<{ value: string; type: string | null }>(
        'SELECT value, type FROM contact_emails WHERE contact_id = ? ORDER BY position',
      ),
      phones: children<{ raw: string; e164: string | null; type: string | null }>(
        'SELECT raw, e164, type FROM contact_phones WHERE contact_id = ? ORDER BY position',
      ),
      addresses: addresses.map(({ postal_code, country_code, ...rest }) => ({
        ...rest,
        postalCode: postal_code,
        countryCode: country_code,
      })),
      labels: this.db
        .prepare<[number, number], { resourceName: string; name: string }>(
          `SELECT g.resource_name AS resourceName, COALESCE(g.formatted_name, g.name) AS name
           FROM contact_memberships m
           JOIN contact_groups g ON g.resource_name = m.group_resource_name AND g.account_id = ?
           WHERE m.contact_id = ? AND g.deleted_at IS NULL ORDER BY g.name COLLATE NOCASE`,
        )
        .all(row.account_id, row.id),
      deletedAt: row.deleted_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      syncedAt: row.synced_at,
    };
  }

  /**
   * Labels with how many active local contacts carry each: schema v6 keeps those counts, since
   * counting them took 300–750 ms at 100,000 contacts.
   */
  listLabels(accountId?: number): Label[] {
    const scope = accountId ?? null;
    return this.db
      .prepare<[number | null, number | null], Label>(
        `SELECT g.account_id AS accountId, g.resource_name AS resourceName, COALESCE(g.formatted_name, g.name) AS name,
                g.group_type AS groupType, COALESCE(n.members, 0) AS memberCount
         FROM contact_groups g
         LEFT JOIN contact_label_counts n
           ON n.account_id = g.account_id AND n.group_resource_name = g.resource_name
         WHERE (? IS NULL OR g.account_id = ?) AND g.deleted_at IS NULL
         ORDER BY g.account_id, g.name COLLATE NOCASE`,
      )
      .all(scope, scope);
  }
}
