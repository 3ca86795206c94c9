import fs from 'node:fs';
import path from 'node:path';
import type { ExportFormat, ExportProgress, ExportResult } from '../../../shared/api/types.js';
import type { ContactsExporter } from '../api/ports.js';
import type { Db } from '../db/connection.js';
import { AppError, toAppError } from '../errors.js';
import { PRIVATE_FILE_MODE } from '../private-files.js';
import { ContactSearch } from '../services/contact-search.js';
import { CONTACT_COLUMNS, toExportContact, type ContactRow } from './contact-rows.js';
import { resolveExportIds, type ExportRequest, type SearchContacts } from './export-scope.js';
import { FORMAT_WRITERS } from './formats.js';
import { partialFileFor, removeStalePartials } from './partial-files.js';

export type { ExportRequest } from './export-scope.js';

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  vcard: 'vcf',
  csv: 'csv',
  cisco_xml: 'xml',
  vcard4: 'vcf',
};

/** Asks where to write (a save dialog in the app); null when the person cancels. */
export type ChooseExportFile = (suggestedName: string) => Promise<string | null>;

export interface ExporterOptions {
  /** The contact list's search, so "the current search" exports exactly what the list shows. */
  search?: SearchContacts;
  /** A link the person can download the written file from (preview mode); none by default. */
  downloadUrl?: (file: string) => string | undefined;
}

/** One chunk of rows by id, in the order resolveExportIds listed them. */
const SELECT_CHUNK = `SELECT ${CONTACT_COLUMNS}
  FROM json_each(?) j JOIN contacts c ON c.id = j.value
  ORDER BY j.key`;

/** Rows per chunk: between chunks the main thread answers other calls and reports progress. */
const CHUNK = 250;

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

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes the mirror to a file, reading SQLite a chunk at a time. The file appears whole or not
 * at all (written beside it, then renamed), so a full disk never leaves half an address book.
 */
export class FileContactsExporter implements ContactsExporter {
  private readonly search: SearchContacts;

  constructor(
    private readonly db: Db,
    private readonly chooseFile: ChooseExportFile,
    private readonly options: ExporterOptions = {},
  ) {
    const contactSearch = new ContactSearch(db);
    this.search = options.search ?? ((text, o) => contactSearch.search(text, o));
  }

  async export(
    request: ExportRequest,
    onProgress?: (progress: ExportProgress) => void,
  ): Promise<ExportResult> {
    const file = await this.chooseFile(`contacts.${EXPORT_EXTENSIONS[request.format]}`);
    if (file === null) return { file: null, count: 0 };
    const temp = partialFileFor(file, process.pid);
    removeStalePartials(path.dirname(file));
    const fd = openForExport(temp, file);
    let count = 0;
    try {
      count = await this.writeTo(fd, request, onProgress);
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
    const downloadUrl = this.options.downloadUrl?.(file);
    return { file, count, ...(downloadUrl !== undefined ? { downloadUrl } : {}) };
  }

  /** Writes the contacts the request names to `fd`; returns how many. */
  async writeTo(
    fd: number,
    request: ExportRequest,
    onProgress?: (progress: ExportProgress) => void,
  ): Promise<number> {
    const ids = resolveExportIds(this.db, this.search, request);
    const writer = FORMAT_WRITERS[request.format];
    const select = this.db.prepare<[string], ContactRow>(SELECT_CHUNK);
    const total = ids.length;
    let written = 0;
    fs.writeSync(fd, writer.header);
    for (let done = 0; done < total; done += CHUNK) {
      onProgress?.({ format: request.format, done, total });
      // A sync between chunks may have removed a row for good: count what was written.
      const rows = select.all(JSON.stringify(ids.slice(done, done + CHUNK)));
      fs.writeSync(fd, rows.map((row) => writer.render(toExportContact(row))).join(''));
      written += rows.length;
      await nextTurn();
    }
    fs.writeSync(fd, writer.footer);
    onProgress?.({ format: request.format, done: total, total });
    return written;
  }
}
