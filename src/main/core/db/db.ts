/**
 * The database handle every repository takes. Its own module, so that modules `connection.ts`
 * uses (bulk-import.ts) can name it without importing connection.ts back.
 */
export type { Database as Db } from 'better-sqlite3';
