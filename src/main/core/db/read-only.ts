import { openDatabase, type Db } from './connection.js';

/**
 * Page cache of a worker's read-only connection: its jobs read each page once (an export, a
 * count over every contact), so the main connection's 64 MB would only add to the process's
 * memory while the worker lives; the file's pages stay in the OS cache either way.
 */
const READ_ONLY_CACHE_KIB = 8192;

let open: { file: string; db: Db } | null = null;

/**
 * A worker thread's own read-only connection to the database file, opened once and kept while the
 * thread lives (a thread serves one database; another file replaces it).
 */
export function readOnlyConnection(file: string): Db {
  if (open?.file !== file) {
    open?.db.close();
    const db = openDatabase(file, { readonly: true });
    db.pragma(`cache_size = -${READ_ONLY_CACHE_KIB}`);
    open = { file, db };
  }
  return open.db;
}
