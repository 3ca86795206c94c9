/**
 * One export from the database to a file, the same on either thread (export-worker.ts runs it
 * off the main thread; FileContactsExporter runs it in-thread when no worker can be had). The
 * file appears whole or not at all (written beside it, then renamed), so a full disk never
 * leaves half an address book.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ExportProgress } from '../../../shared/api/types.js';
import type { Db } from '../db/connection.js';
import { AppError, toAppError } from '../errors.js';
import { PRIVATE_FILE_MODE } from '../private-files.js';
import { CONTACT_COLUMNS, toExportContact, type ContactRow } from './contact-rows.js';
import { resolveExportIds, type ExportRequest, type SearchContacts } from './export-scope.js';
import { FORMAT_WRITERS } from './formats.js';
import { partialFileFor, removeStalePartials } from './partial-files.js';

/** One chunk of rows by id, in the order resolveExportIds listed them. */
const SELECT_CHUNK = `SELECT ${CONTACT_COLUMNS}
  FROM json_each(?) j JOIN contacts c ON c.id = j.value
  ORDER BY j.key`;

export interface ExportSource {
  db: Db;
  search: SearchContacts;
  /** Rows read and written at a time; the thread answers other work between chunks. */
  chunk: number;
}

export type OnExportProgress = (progress: ExportProgress) => void;

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

/** Writes the contacts the request names to `file` (through a partial file); returns how many. */
export async function exportToFile(
  source: ExportSource,
  request: ExportRequest,
  file: string,
  onProgress?: OnExportProgress,
): Promise<number> {
  const temp = partialFileFor(file, process.pid);
  removeStalePartials(path.dirname(file));
  const fd = openForExport(temp, file);
  try {
    const count = await writeContacts(source, fd, request, onProgress);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temp, file);
    return count;
  } catch (error) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(temp, { force: true });
    throw toAppError(error, { file });
  }
}

/** Writes the contacts the request names to `fd`; returns how many. */
export async function writeContacts(
  { db, search, chunk }: ExportSource,
  fd: number,
  request: ExportRequest,
  onProgress?: OnExportProgress,
): Promise<number> {
  const ids = resolveExportIds(db, search, request);
  const writer = FORMAT_WRITERS[request.format];
  const select = db.prepare<[string], ContactRow>(SELECT_CHUNK);
  const total = ids.length;
  let written = 0;
  fs.writeSync(fd, writer.header);
  for (let done = 0; done < total; done += chunk) {
    onProgress?.({ format: request.format, done, total });
    // A sync between chunks may have removed a row for good: count what was written.
    const rows = select.all(JSON.stringify(ids.slice(done, done + chunk)));
    fs.writeSync(fd, rows.map((row) => writer.render(toExportContact(row))).join(''));
    written += rows.length;
    await nextTurn();
  }
  fs.writeSync(fd, writer.footer);
  onProgress?.({ format: request.format, done: total, total });
  return written;
}
