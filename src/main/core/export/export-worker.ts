/**
 * Worker thread of FileContactsExporter: runs whole exports (scope, rows, formatting, the file)
 * over its own read-only connection, so the main thread only relays progress.
 */
import { readOnlyConnection } from '../db/read-only.js';
import { ContactSearch } from '../services/contact-search.js';
import { runInBackground } from '../thread-priority.js';
import { serveRequests } from '../worker-rpc.js';
import { exportToFile } from './export-file.js';
import type { ExportJob, ExportJobEvent } from './exporter.js';

/** Progress at most this often: the bar moves smoothly without a message per chunk. */
const PROGRESS_EVERY_MS = 100;
/** Nothing else waits on this thread, so chunks are bigger than the in-thread path's. */
const CHUNK = 1000;

runInBackground();
serveRequests<ExportJob, number, ExportJobEvent>(({ databaseFile, request, file }, emit) => {
  const db = readOnlyConnection(databaseFile);
  const search = new ContactSearch(db);
  let last = -Infinity;
  return exportToFile(
    { db, search: (text, options) => search.search(text, options), chunk: CHUNK },
    request,
    file,
    (progress) => {
      const now = performance.now();
      const ends = progress.done === 0 || progress.done === progress.total;
      if (!ends && now - last < PROGRESS_EVERY_MS) return;
      last = now;
      emit(progress);
    },
  );
});
