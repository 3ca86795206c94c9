import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, toAppError } from '../errors.js';
import { restoreDeferredIndexes } from './bulk-import.js';
import type { Db } from './db.js';
import { migrate } from './migrations.js';

export type { Db };

/**
 * Opens (creating if needed) the database file, sets the pragmas every connection needs and
 * brings the schema up to date. Called only by composition roots.
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  let db: Db;
  try {
    if (file !== ':memory:' && !options.readonly)
      fs.mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
  } catch (error) {
    const cause = toAppError(error);
    if (cause.code !== 'INTERNAL') throw cause;
    throw new AppError('DB_OPEN_FAILED', `Cannot open the database at ${file}: ${cause.message}`, {
      cause: error,
    });
  }
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 64 MB of page cache: a 100k-contact mirror's indexes stay in memory during a full sync.
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a power cut may lose the last transaction but never corrupts the file.
      db.pragma('synchronous = NORMAL');
      // An import killed midway put indexes off: the UI's queries need them back, and a later
      // migration may expect them.
      restoreDeferredIndexes(db);
      migrate(db);
    }
    return db;
  } catch (error) {
    db.close();
    throw toAppError(error);
  }
}
