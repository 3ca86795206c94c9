import fs from 'node:fs';
import path from 'node:path';

/**
 * Typed errors with a stable `code` (for programs and the UI) and a message a person can act on.
 * Everything the core throws on purpose is an AppError; anything else is a bug, reported as INTERNAL.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'ACCOUNT_NOT_FOUND',
  'ACCOUNT_EXISTS',
  'NO_ACCOUNTS',
  'NO_CREDENTIALS',
  'INVALID_CLIENT',
  'DB_NEWER_VERSION',
  'DB_OPEN_FAILED',
  'DB_CORRUPT',
  'DISK_FULL',
  'DISK_IO',
  'DB_BUSY',
  'NOT_WRITABLE',
  'PATH_INVALID',
  'TOO_MANY_FILES',
  'SYSTEM_LIMIT',
  'AUTH_REVOKED',
  'UNAUTHORIZED',
  'SIGN_IN_DENIED',
  'SIGN_IN_FAILED',
  'SIGN_IN_TIMEOUT',
  'SIGN_IN_CANCELLED',
  'VAULT_UNAVAILABLE',
  'NETWORK',
  'TIMEOUT',
  'RATE_LIMITED',
  'SERVER_ERROR',
  'BAD_REQUEST',
  'FORBIDDEN',
  'SCOPE_MISSING',
  'MALFORMED_RESPONSE',
  'EXPIRED_SYNC_TOKEN',
  'REJECTED_SYNC_TOKEN',
  'MASS_DELETION_GUARD',
  'CANCELLED',
  'INTERRUPTED',
  'INTERNAL',
  'EXPORT_RUNNING',
  'API_DISABLED',
  'CALENDARS_SKIPPED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** What a caller knows about the error beyond the error itself. */
export interface ErrorContext {
  /** The file being read or written, named in the message when the error does not carry one. */
  file?: string;
  /** Free bytes on the disk holding `dir` (null when unknown); replaceable in tests. */
  freeBytes?: (dir: string) => number | null;
}

/** Below this, an I/O error from SQLite is taken for a full disk (measured: 0 bytes free gives
 * SQLITE_IOERR_SHMSIZE at open, not SQLITE_FULL). */
const NEARLY_FULL_BYTES = 1 << 20;

function diskFreeBytes(dir: string): number | null {
  try {
    const stats = fs.statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/**
 * Turns anything thrown into an AppError without losing the original as `cause`. Conditions of the
 * disk, the file system and the system (SQLite and Node error codes) each get their own code and
 * a message that names the path, where there is one, and says what to do.
 */
export function toAppError(error: unknown, context: ErrorContext = {}): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' ? systemError(code, error, context) : null;
  if (known) return new AppError(known[0], known[1], { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', `Unexpected error: ${message}`, { cause: error });
}

function systemError(
  code: string,
  error: unknown,
  context: ErrorContext,
): [ErrorCode, string] | null {
  // The caller's file is the one the person knows (not a temporary file beside it).
  const own = (error as { path?: unknown }).path;
  const file = context.file ?? (typeof own === 'string' ? own : undefined);
  const at = typeof file === 'string' && file !== '' ? ` (${file})` : '';
  const target = typeof file === 'string' && file !== '' ? file : 'The file';
  const diskFull: [ErrorCode, string] = [
    'DISK_FULL',
    `The disk is full${at}. Free some space on it and try again; what was already saved is kept.`,
  ];
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return diskFull;
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    const free =
      typeof file === 'string' && file !== ''
        ? (context.freeBytes ?? diskFreeBytes)(path.dirname(file))
        : null;
    if (free !== null && free < NEARLY_FULL_BYTES) return diskFull;
    return [
      'DISK_IO',
      `The disk could not read or write the data${at}. Check that the disk is connected and ` +
        'has free space, then try again.',
    ];
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return [
      'DB_CORRUPT',
      `The local database is damaged${at}. Move it aside and sync again to rebuild it.`,
    ];
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return [
      'DB_OPEN_FAILED',
      `Cannot open the database${at === '' ? '' : ` at ${target}`}: its folder is missing or ` +
        'you may not write to it (or to the database). ' +
        'Make the folder writable for your user, or choose another location.',
    ];
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return [
      'DB_BUSY',
      `The database${at} is busy with another Contacts Sync Agent process (the app, the daemon or a ` +
        'scheduled sync) or another program. Try again in a minute.',
    ];
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS'
  ) {
    const why = code === 'EROFS' ? 'the disk is read-only' : 'you may not write there';
    return [
      'NOT_WRITABLE',
      `${target} cannot be written: ${why}. Make it writable for your user, or choose another ` +
        'location, and try again.',
    ];
  }
  if (code === 'ENOTDIR') {
    return [
      'PATH_INVALID',
      `${target} cannot be used: part of that path is a file, not a folder. Choose another location.`,
    ];
  }
  if (code === 'EMFILE' || code === 'ENFILE') {
    return [
      'TOO_MANY_FILES',
      'Too many files are open on this computer. Close other programs (or raise the limit, ' +
        '`ulimit -n`) and try again.',
    ];
  }
  if (code === 'EAGAIN') {
    return [
      'SYSTEM_LIMIT',
      'The system refused a new thread or process: a limit was reached. Close other programs ' +
        '(or raise the limit) and try again.',
    ];
  }
  return null;
}
