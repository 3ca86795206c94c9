import type { ExportFormat, ExportProgress, ExportResult } from '../../../shared/api/types.js';
import type { ContactsExporter } from '../api/ports.js';
import type { Db } from '../db/connection.js';
import { createLogger } from '../logger.js';
import { ContactSearch } from '../services/contact-search.js';
import { onWorkerOrHere, WorkerRpc } from '../worker-rpc.js';
import { workerEntry, type WorkerFactory } from '../workers.js';
import { exportToFile, writeContacts, type ExportSource } from './export-file.js';
import type { ExportRequest, SearchContacts } from './export-scope.js';

export type { ExportRequest } from './export-scope.js';

const log = createLogger('export');

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  vcard: 'vcf',
  csv: 'csv',
  cisco_xml: 'xml',
  vcard4: 'vcf',
};

/** Asks where to write (a save dialog in the app); null when the person cancels. */
export type ChooseExportFile = (suggestedName: string) => Promise<string | null>;

export interface ExporterOptions {
  /**
   * The contact list's search, so "the current search" exports exactly what the list shows
   * in-thread; the worker runs the same ContactSearch over its own connection.
   */
  search?: SearchContacts;
  /** A link the person can download the written file from (preview mode); none by default. */
  downloadUrl?: (file: string) => string | undefined;
  /**
   * Starts the export worker (tests pass one that fails); null exports on the calling thread
   * (the command line, which has no window to keep answering).
   */
  createWorker?: WorkerFactory | null;
}

/** What export-worker.ts is asked: the whole export, over its own connection to the file. */
export interface ExportJob {
  databaseFile: string;
  request: ExportRequest;
  file: string;
}
export type ExportJobEvent = ExportProgress;

/** Rows per chunk in-thread: between chunks the main thread answers other calls. */
const IN_THREAD_CHUNK = 250;

/**
 * Writes the mirror to a file. On a worker thread with its own read-only connection when the
 * database is a file (reading 100k ids alone held the main thread ~250 ms, each chunk more);
 * in-thread, a chunk at a time, when it is in memory or no thread can be had.
 */
export class FileContactsExporter implements ContactsExporter {
  private readonly source: ExportSource;
  private readonly worker: WorkerRpc<ExportJob, number, ExportJobEvent> | null;

  constructor(
    private readonly db: Db,
    private readonly chooseFile: ChooseExportFile,
    private readonly options: ExporterOptions = {},
  ) {
    const contactSearch = new ContactSearch(db);
    this.source = {
      db,
      search: options.search ?? ((text, o) => contactSearch.search(text, o)),
      chunk: IN_THREAD_CHUNK,
    };
    // An in-memory database has no file another connection could open.
    this.worker =
      db.memory || options.createWorker === null
        ? null
        : new WorkerRpc({
            entry: workerEntry(import.meta.url, 'export-worker'),
            log,
            fallback: 'the export runs on the main thread',
            ...(options.createWorker ? { createWorker: options.createWorker } : {}),
          });
  }

  async export(
    request: ExportRequest,
    onProgress?: (progress: ExportProgress) => void,
  ): Promise<ExportResult> {
    const file = await this.chooseFile(`contacts.${EXPORT_EXTENSIONS[request.format]}`);
    if (file === null) return { file: null, count: 0 };
    const count = await this.run(request, file, onProgress);
    const downloadUrl = this.options.downloadUrl?.(file);
    return { file, count, ...(downloadUrl !== undefined ? { downloadUrl } : {}) };
  }

  /** Writes the contacts the request names to `fd` on this thread (stdout); returns how many. */
  writeTo(
    fd: number,
    request: ExportRequest,
    onProgress?: (progress: ExportProgress) => void,
  ): Promise<number> {
    return writeContacts(this.source, fd, request, onProgress);
  }

  /** Stops the worker thread, if one is up. */
  async close(): Promise<void> {
    await this.worker?.close();
  }

  private run(
    request: ExportRequest,
    file: string,
    onProgress?: (progress: ExportProgress) => void,
  ): Promise<number> {
    // A worker that never started or died wrote nothing that stays: the export runs here instead.
    return onWorkerOrHere(
      this.worker,
      { databaseFile: this.db.name, request, file },
      () => exportToFile(this.source, request, file, onProgress),
      onProgress,
    );
  }
}
