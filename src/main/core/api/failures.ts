/** Turning whatever a handler throws into the `{ok:false, error}` the contract promises. */
import type { ApiError, ApiErrorCode } from '../../../shared/api/contract.js';
import { isAppError, toAppError } from '../errors.js';
import { createLogger } from '../logger.js';

const log = createLogger('api');

/** A failure the API itself reports (as opposed to the core's AppErrors). */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function notAvailable(what: string): ApiFailure {
  return new ApiFailure('NOT_AVAILABLE', `${what} is not available in this version of the app.`);
}

export function toApiError(caught: unknown, method: string): ApiError {
  if (caught instanceof ApiFailure) return { code: caught.code, message: caught.message };
  if (isAppError(caught)) return { code: caught.code, message: caught.message };
  // Anything else is a bug: log its code only (never the payload), answer a plain message.
  const appError = toAppError(caught);
  log.error('an API handler failed', { method, code: appError.code });
  return {
    code: appError.code,
    message:
      appError.code === 'INTERNAL'
        ? 'Something went wrong inside the app. Try again; if it keeps happening, restart it.'
        : appError.message,
  };
}
