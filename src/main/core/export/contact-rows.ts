/**
 * Reading contacts as the export formats take them (ExportContact), shared by the exporter and
 * the CardDAV server: the columns to select from `contacts c` (children as JSON arrays, user
 * labels by name) and the mapping of such a row.
 */
import type { ExportContact } from './contact.js';

export interface ContactRow {
  id: number;
  resource_name: string;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  nickname: string | null;
  organization: string | null;
  title: string | null;
  birthday: string | null;
  notes: string | null;
  emails: string;
  phones: string;
  addresses: string;
  labels: string;
}

const children = (table: string, columns: string) =>
  `(SELECT json_group_array(json_array(${columns})) FROM
     (SELECT * FROM ${table} WHERE contact_id = c.id ORDER BY position))`;

/** The select list for a ContactRow, over `contacts c`. */
export const CONTACT_COLUMNS = `c.id, c.resource_name, c.display_name, c.given_name,
    c.family_name, c.nickname, c.organization, c.title, c.birthday, c.notes,
    ${children('contact_emails', 'value, type')} AS emails,
    ${children('contact_phones', 'raw, e164, type')} AS phones,
    ${children('contact_addresses', 'street, city, region, postal_code, country, type')} AS addresses,
    (SELECT json_group_array(COALESCE(g.formatted_name, g.name)) FROM contact_memberships m
       JOIN contact_groups g ON g.account_id = c.account_id AND g.resource_name = m.group_resource_name
       WHERE m.contact_id = c.id AND g.deleted_at IS NULL AND g.group_type = 'USER_CONTACT_GROUP')
      AS labels`;

const orNull = (value: string | null | undefined) => value ?? null;

export function toExportContact(row: ContactRow): ExportContact {
  const tuples = (json: string) => JSON.parse(json) as (string | null)[][];
  return {
    resourceName: row.resource_name,
    displayName: row.display_name,
    givenName: row.given_name,
    familyName: row.family_name,
    nickname: row.nickname,
    organization: row.organization,
    title: row.title,
    birthday: row.birthday,
    notes: row.notes,
    emails: tuples(row.emails).map(([value, type]) => ({ value: value ?? '', type: orNull(type) })),
    phones: tuples(row.phones).map(([raw, e164, type]) => ({
      raw: raw ?? '',
      e164: orNull(e164),
      type: orNull(type),
    })),
    addresses: tuples(row.addresses).map(([street, city, region, postalCode, country, type]) => ({
      street: orNull(street),
      city: orNull(city),
      region: orNull(region),
      postalCode: orNull(postalCode),
      country: orNull(country),
      type: orNull(type),
    })),
    labels: JSON.parse(row.labels) as string[],
  };
}
