import type { Db } from './db.js';
import type { ContactRecord } from '../google/person.js';
import { emailTerms, nameTerms, phoneTerms } from './search-terms.js';

/**
 * The rows hanging off a contact (emails, phones, addresses, label memberships, the full-text
 * entry), written for a whole page at once: each table gets one statement per page through
 * `json_each`, instead of one statement per value. On this kind of machine a statement costs
 * ~10 µs, so this is most of the difference between a slow and a fast full sync.
 */
export class ContactChildren {
  private readonly deletes;
  private readonly insertEmails;
  private readonly insertPhones;
  private readonly insertAddresses;
  private readonly insertMemberships;
  private readonly insertFts;
  private readonly deleteFts;

  constructor(db: Db) {
    const tables = ['contact_emails', 'contact_phones', 'contact_addresses', 'contact_memberships'];
    this.deletes = tables.map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE contact_id IN (SELECT value FROM json_each(?))`),
    );
    const insertFromJson = (table: string, columns: string[]) =>
      db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')})
         SELECT ${columns.map((_, i) => `j.value ->> ${i}`).join(', ')} FROM json_each(?) AS j`,
      );
    this.insertEmails = insertFromJson('contact_emails', [
      'contact_id',
      'position',
      'value',
      'type',
    ]);
    this.insertPhones = insertFromJson('contact_phones', [
      'contact_id',
      'position',
      'raw',
      'e164',
      'type',
    ]);
    this.insertAddresses = insertFromJson('contact_addresses', [
      'contact_id',
      'position',
      'formatted',
      'street',
      'city',
      'region',
      'postal_code',
      'country',
      'country_code',
      'type',
    ]);
    this.insertMemberships = insertFromJson('contact_memberships', [
      'contact_id',
      'group_resource_name',
    ]);
    this.insertFts = insertFromJson('contacts_fts', [
      'rowid',
      'names',
      'organization',
      'emails',
      'phones',
    ]);
    // Contentless FTS5 deletes by rowid one at a time; only edits and deletions come here.
    this.deleteFts = db.prepare('DELETE FROM contacts_fts WHERE rowid = ?');
  }

  /**
   * Removes the children of contacts about to be rewritten. `search: false` during a first
   * import, whose contacts have no full-text entries yet (BulkImport builds them at the end).
   */
  clear(contactIds: number[], search: boolean): void {
    if (contactIds.length === 0) return;
    const ids = JSON.stringify(contactIds);
    for (const statement of this.deletes) statement.run(ids);
    if (search) for (const id of contactIds) this.deleteFts.run(id);
  }

  /** Takes a contact out of search (soft delete); its child rows stay for a later restore. */
  unindex(contactId: number, search: boolean): void {
    if (search) this.deleteFts.run(contactId);
  }

  write(contacts: { id: number; record: ContactRecord }[], search: boolean): void {
    if (contacts.length === 0) return;
    const emails: unknown[] = [];
    const phones: unknown[] = [];
    const addresses: unknown[] = [];
    const memberships: unknown[] = [];
    const fts: unknown[] = [];
    for (const { id, record } of contacts) {
      record.emails.forEach((e, i) => emails.push([id, i, e.value, e.type]));
      record.phones.forEach((p, i) => phones.push([id, i, p.raw, p.e164, p.type]));
      record.addresses.forEach((a, i) =>
        addresses.push([
          id,
          i,
          a.formatted,
          a.street,
          a.city,
          a.region,
          a.postalCode,
          a.country,
          a.countryCode,
          a.type,
        ]),
      );
      for (const group of record.memberships) memberships.push([id, group]);
      if (search) fts.push([id, ...searchText(record)]);
    }
    if (emails.length) this.insertEmails.run(JSON.stringify(emails));
    if (phones.length) this.insertPhones.run(JSON.stringify(phones));
    if (addresses.length) this.insertAddresses.run(JSON.stringify(addresses));
    if (memberships.length) this.insertMemberships.run(JSON.stringify(memberships));
    if (fts.length) this.insertFts.run(JSON.stringify(fts));
  }
}

/** The four full-text columns: names, organization, emails, phones (see search-terms.ts). */
function searchText(record: ContactRecord): [string, string, string, string] {
  return [
    nameTerms(record.displayName, record.givenName, record.familyName, record.nickname),
    [record.organization, record.title].filter(Boolean).join(' '),
    emailTerms(record.emails.map((e) => e.value).join(' ')),
    record.phones.map((p) => phoneTerms(p.raw, p.e164)).join(' '),
  ];
}
