import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from './logger.js';
import { defaultDataDir, resolveTokenFile } from './paths.js';
import { resolveSettingsFile } from './settings/conf-store.js';

const log = createLogger('files');

/** The address book is the person's alone: nobody else on the computer may list or read it. */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const modeOf = (stats: fs.Stats) => stats.mode & 0o777;
const octal = (mode: number) => '0' + mode.toString(8);

function statOrNull(target: string): fs.Stats | null {
  try {
    return fs.statSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Tightens `target` to `mode` when others may read it; one notice line says what changed. */
function tighten(target: string, stats: fs.Stats, mode: number): void {
  if ((modeOf(stats) & 0o077) === 0) return;
  try {
    fs.chmodSync(target, mode);
    log.warn(`made ${target} private (was ${octal(modeOf(stats))}, now ${octal(mode)})`);
  } catch (error) {
    // Not ours to change (another owner): say so rather than stop the person's work.
    log.warn(`${target} can be read by other users of this computer; make it private`, {
      code: (error as NodeJS.ErrnoException).code,
    });
  }
}

/**
 * Creates `folder` (and its parents) 0700 whatever the umask; an existing folder is tightened
 * only when `tightenExisting`, since a folder the person chose may be shared on purpose.
 */
export function ensurePrivateFolder(folder: string, options: { tightenExisting: boolean }): void {
  const before = statOrNull(folder);
  if (!before) {
    fs.mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    fs.chmodSync(folder, PRIVATE_FOLDER_MODE); // mkdir's mode is masked by the umask
    return;
  }
  if (options.tightenExisting && before.isDirectory()) tighten(folder, before, PRIVATE_FOLDER_MODE);
}

/** Tightens each existing file to 0600; missing ones are left to whoever creates them. */
export function tightenPrivateFiles(files: readonly string[]): void {
  for (const file of files) {
    const stats = statOrNull(file);
    if (stats?.isFile()) tighten(file, stats, PRIVATE_FILE_MODE);
  }
}

/** Creates `file` empty and 0600 when missing, so whatever opens it next never makes it 0644. */
export function createPrivateFile(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(
      file,
      fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY,
      PRIVATE_FILE_MODE,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  try {
    fs.fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    fs.closeSync(fd);
  }
}

/** The database's own files: SQLite gives `-wal` and `-shm` the database file's mode. */
export function databaseFiles(databasePath: string): string[] {
  return [databasePath, `${databasePath}-wal`, `${databasePath}-shm`, `${databasePath}-journal`];
}

const isSameFolder = (a: string, b: string) => path.resolve(a) === path.resolve(b);

/**
 * Makes the database's folder and what the app keeps in it private before the database opens:
 * the folder 0700 (an existing default data folder tightened with a notice), the database
 * created 0600, and its journal, settings and token files tightened if an older version or
 * another tool left them readable by others.
 */
export function secureDataFolder(databasePath: string): void {
  const folder = path.dirname(databasePath);
  ensurePrivateFolder(folder, { tightenExisting: isSameFolder(folder, defaultDataDir()) });
  createPrivateFile(databasePath);
  tightenPrivateFiles([
    ...databaseFiles(databasePath),
    resolveSettingsFile(databasePath, {}),
    resolveTokenFile(databasePath, {}),
  ]);
}
