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
  'DB_NEWER_VERSION',
  'DB_OPEN_FAILED',
  'DB_CORRUPT',
  'DB_BUSY',
  'DISK_FULL',
  'AUTH_REVOKED',
  'UNAUTHORIZED',
  'SIGN_IN_DENIED',
  'SIGN_IN_FAILED',
  'SIGN_IN_TIMEOUT',
  'SIGN_IN_CANCELLED',
  'VAULT_UNAVAILABLE',
  'NETWORK',
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

/** Turns anything thrown into an AppError without losing the original as `cause`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new AppError('DISK_FULL', 'The disk is full. Free some space and sync again.', {
      cause: error,
    });
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new AppError(
      'DB_CORRUPT',
      'The local database is damaged. Move it aside and sync again to rebuild it.',
      { cause: error },
    );
  }
  if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) {
    // Another process (the app, the daemon, a scheduled sync) held the database past busy_timeout.
    return new AppError(
      'DB_BUSY',
      'The contacts database is busy with another Contacts Sync Agent process (the app, the ' +
        'daemon or a scheduled sync). Try again in a minute.',
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', `Unexpected error: ${message}`, { cause: error });
}
