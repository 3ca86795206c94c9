import { openDatabase, type Db } from './connection.js';

let open: { file: string; db: Db } | null = null;

/**
 * A worker thread's own read-only connection to the database file, opened once and kept while the
 * thread lives (a thread serves one database; another file replaces it).
 */
export function readOnlyConnection(file: string): Db {
  if (open?.file !== file) {
    open?.db.close();
    open = { file, db: openDatabase(file, { readonly: true }) };
  }
  return open.db;
}
