import Database from 'better-sqlite3';
import { AppError, toAppError } from '../errors.js';
import { secureDataFolder } from '../private-files.js';
import { restoreDeferredIndexes } from './bulk-import.js';
import type { Db } from './db.js';
import { migrate } from './migrations.js';

export type { Db };

export interface OpenOptions {
  readonly?: boolean;
  /**
   * SQLite's page cache for this connection, KiB (default 64 MB). Each connection fills its own,
   * and what it filled stays resident: pick by role (CONNECTION_ROLES).
   */
  cacheKiB?: number;
  /**
   * Where sorts and temporary indexes go that outgrow the cache (default `memory`). `file`: into
   * temporary files the OS caches, so an index build at the end of an import does not grow the
   * process by its size.
   */
  tempStore?: 'memory' | 'file';
}

/**
 * Pragmas by what a connection does, measured at 100,000 contacts (docs/PERFORMANCE.md "Memory of
 * the core's process"): glibc keeps what a connection's cache and sorts grew to after they are
 * freed, so every page cached during a sync stays in the process's RSS for good.
 */
/** How large the write-ahead log file stays once it has been copied back (SQLite default: no limit). */
export const WAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

export const CONNECTION_ROLES = {
  /** Writes a sync's pages, sweep and end-of-import index build. */
  writer: { cacheKiB: 8_192, tempStore: 'file' },
  /** Serves the UI's reads, which are index-backed and bounded. */
  reader: { cacheKiB: 8_192, tempStore: 'memory' },
} as const satisfies Record<string, OpenOptions>;

/**
 * Opens (creating if needed) the database file, sets the pragmas every connection needs and
 * brings the schema up to date. Called only by composition roots.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db;
  try {
    if (file !== ':memory:' && !options.readonly) secureDataFolder(file);
    db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
  } catch (error) {
    throw openFailure(error, file);
  }
  try {
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Negative: a size in KiB rather than in pages.
    db.pragma(`cache_size = -${Math.round(options.cacheKiB ?? 65_536)}`);
    db.pragma(`temp_store = ${options.tempStore === 'file' ? 'FILE' : 'MEMORY'}`);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a power cut may lose the last transaction but never corrupts the file.
      db.pragma('synchronous = NORMAL');
      // A first import's last transaction (indexes and search entries, spilled from a small cache)
      // can leave a log larger than the database; once checkpointed, it is cut back to this.
      db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
      // An import killed midway put indexes off: the UI's queries need them back, and a later
      // migration may expect them.
      restoreDeferredIndexes(db);
      migrate(db);
    }
    return db;
  } catch (error) {
    db.close();
    throw openFailure(error, file);
  }
}

/** Codes whose own message already names the database and says what to do. */
const OWN_OUTCOME = new Set([
  'DISK_FULL',
  'DB_CORRUPT',
  'DB_NEWER_VERSION',
  'DB_BUSY',
  'DB_OPEN_FAILED',
]);

/** Why the database cannot be opened, always with its path (measured before: "unable to open
 * database file" without one). */
function openFailure(error: unknown, file: string): AppError {
  const cause = toAppError(error, { file });
  if (OWN_OUTCOME.has(cause.code)) return cause;
  const detail =
    cause.code === 'INTERNAL'
      ? `${cause.message.replace(/^Unexpected error: /, '')}. Check that its folder exists and that you may write to it, or choose another location.`
      : cause.message.startsWith(file)
        ? `it${cause.message.slice(file.length)}`
        : cause.message;
  return new AppError('DB_OPEN_FAILED', `Cannot open the database at ${file}: ${detail}`, {
    cause: error,
  });
}
