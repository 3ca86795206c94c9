import fs from 'node:fs';
import path from 'node:path';
import type { ExportFormat, ExportResult } from '../../../shared/api/types.js';
import type { ContactsExporter } from '../api/ports.js';
import type { Db } from '../db/connection.js';
import { AppError, toAppError } from '../errors.js';
import { PRIVATE_FILE_MODE } from '../private-files.js';
import { partialFileFor, removeStalePartials } from './partial-files.js';
import {
  CISCO_FOOTER,
  CISCO_HEADER,
  csvHeader,
  toCiscoEntries,
  toCsvRow,
  toVCard,
  type ExportContact,
} from './formats.js';

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  vcard: 'vcf',
  csv: 'csv',
  cisco_xml: 'xml',
};

/** Asks where to write (a save dialog in the app); null when the person cancels. */
export type ChooseExportFile = (suggestedName: string) => Promise<string | null>;

interface Row {
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

const child = (table: string, columns: string) =>
  `(SELECT json_group_array(json_array(${columns})) FROM
     (SELECT * FROM ${table} WHERE contact_id = c.id ORDER BY position))`;

const SELECT = `SELECT c.resource_name, c.display_name, c.given_name, c.family_name, c.nickname,
    c.organization, c.title, c.birthday, c.notes,
    ${child('contact_emails', 'value, type')} AS emails,
    ${child('contact_phones', 'raw, e164, type')} AS phones,
    ${child('contact_addresses', 'street, city, region, postal_code, country, type')} AS addresses,
    (SELECT json_group_array(COALESCE(g.formatted_name, g.name)) FROM contact_memberships m
       JOIN contact_groups g ON g.account_id = c.account_id AND g.resource_name = m.group_resource_name
       WHERE m.contact_id = c.id AND g.deleted_at IS NULL AND g.group_type = 'USER_CONTACT_GROUP') AS labels
  FROM contacts c
  WHERE (? IS NULL OR c.account_id = ?) AND (? = 1 OR c.deleted_at IS NULL)
  ORDER BY c.display_name COLLATE NOCASE, c.id`;

function toContact(row: Row): ExportContact {
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
    emails: tuples(row.emails).map(([value, type]) => ({ value: value ?? '', type: type ?? null })),
    phones: tuples(row.phones).map(([raw, e164, type]) => ({
      raw: raw ?? '',
      e164: e164 ?? null,
      type: type ?? null,
    })),
    addresses: tuples(row.addresses).map(([street, city, region, postalCode, country, type]) => ({
      street: street ?? null,
      city: city ?? null,
      region: region ?? null,
      postalCode: postalCode ?? null,
      country: country ?? null,
      type: type ?? null,
    })),
    labels: JSON.parse(row.labels) as string[],
  };
}

/** Opens the temporary file; a folder that is missing or read-only gets a message to act on. */
function openForExport(temp: string, file: string): number {
  try {
    const fd = fs.openSync(temp, 'w', PRIVATE_FILE_MODE);
    fs.fchmodSync(fd, PRIVATE_FILE_MODE); // the address book is private whatever the umask
    return fd;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new AppError(
        'INVALID_ARGUMENT',
        `Cannot write the export to ${file}: the folder does not exist or is not writable. Choose another folder.`,
        { cause: error },
      );
    }
    throw toAppError(error, { file });
  }
}

/**
 * Writes the mirror to a file, streaming rows from SQLite. The file appears whole or not at all
 * (written beside it, then renamed), so a full disk never leaves half an address book behind.
 */
export class FileContactsExporter implements ContactsExporter {
  constructor(
    private readonly db: Db,
    private readonly chooseFile: ChooseExportFile,
  ) {}

  async export(request: {
    format: ExportFormat;
    accountId?: number;
    includeDeleted: boolean;
  }): Promise<ExportResult> {
    const file = await this.chooseFile(`contacts.${EXPORT_EXTENSIONS[request.format]}`);
    if (file === null) return { file: null, count: 0 };
    const temp = partialFileFor(file, process.pid);
    removeStalePartials(path.dirname(file));
    const fd = openForExport(temp, file);
    let count = 0;
    try {
      count = this.write(fd, request);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(temp, file);
    } catch (error) {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
      fs.rmSync(temp, { force: true });
      throw toAppError(error, { file });
    }
    return { file, count };
  }

  /** Writes every contact to `fd`; returns how many. */
  write(
    fd: number,
    request: { format: ExportFormat; accountId?: number; includeDeleted: boolean },
  ): number {
    const scope = request.accountId ?? null;
    const rows = this.db
      .prepare<[number | null, number | null, number], Row>(SELECT)
      .iterate(scope, scope, request.includeDeleted ? 1 : 0);
    const header = { vcard: '', csv: csvHeader(), cisco_xml: CISCO_HEADER }[request.format];
    const render = { vcard: toVCard, csv: toCsvRow, cisco_xml: toCiscoEntries }[request.format];
    let buffer = header;
    let count = 0;
    for (const row of rows) {
      buffer += render(toContact(row));
      count++;
      if (buffer.length > 1 << 20) {
        fs.writeSync(fd, buffer);
        buffer = '';
      }
    }
    buffer += request.format === 'cisco_xml' ? CISCO_FOOTER : '';
    fs.writeSync(fd, buffer);
    return count;
  }
}
