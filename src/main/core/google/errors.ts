import { AppError, type ErrorCode } from '../errors.js';
import { RequestTimeoutError } from './timed-fetch.js';

/**
 * A failed Google request, classified once so retry and resync decisions never parse messages.
 */
export class GoogleApiError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly httpStatus: number | null,
    /** Worth retrying the same request after a pause. */
    readonly transient: boolean,
    readonly retryAfterMs: number | null,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

interface GoogleErrorBody {
  error?:
    | string
    | {
        code?: number;
        message?: string;
        status?: string;
        errors?: { reason?: string }[];
        details?: { reason?: string }[];
      };
  error_description?: string;
}

interface ErrorLike {
  status?: number;
  code?: string | number;
  name?: string;
  message?: string;
  response?: { status?: number; data?: unknown; headers?: { get?(name: string): string | null } };
  cause?: unknown;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Reasons Google gives for a token without the scope a request needs. */
const INSUFFICIENT_SCOPE = new Set(['insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT']);

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function reasons(body: GoogleErrorBody): string[] {
  if (typeof body.error !== 'object' || body.error === null) return [];
  return [...(body.error.details ?? []), ...(body.error.errors ?? [])]
    .map((d) => d.reason)
    .filter((r): r is string => typeof r === 'string');
}

function isAbort(error: ErrorLike): boolean {
  return (
    error.name === 'AbortError' || (error.cause as ErrorLike | undefined)?.name === 'AbortError'
  );
}

function timeoutOf(error: unknown): RequestTimeoutError | null {
  let e = error as ErrorLike | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (e instanceof RequestTimeoutError) return e;
    e = e.cause as ErrorLike | undefined;
  }
  return null;
}

/** A request abandoned by timedFetch: transient, so retried like a dropped connection. */
export function timeoutError(timeout: RequestTimeoutError, cause?: unknown): GoogleApiError {
  const seconds = Math.round(timeout.ms / 1000);
  return new GoogleApiError(
    'TIMEOUT',
    timeout.phase === 'connect'
      ? `Google did not answer within ${seconds} s; the next sync will try again.`
      : `Google stopped sending for ${seconds} s; the next sync will try again.`,
    null,
    true,
    null,
    { cause: cause ?? timeout },
  );
}

function networkCode(error: ErrorLike): string | null {
  for (let e: ErrorLike | undefined = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
    if (e.message && /terminated|socket hang up|other side closed|fetch failed/i.test(e.message)) {
      return 'ECONNRESET';
    }
    e = e.cause as ErrorLike | undefined;
  }
  return null;
}

/** Which of Google's APIs answered: errors name it, and what to do about it. */
export type GoogleApiName = 'People' | 'Calendar';

/**
 * A 403 that says the API is switched off in the sign-in client's Google Cloud project: the older
 * reason `accessNotConfigured` (Calendar's errors array) or ErrorInfo `SERVICE_DISABLED`.
 */
const API_DISABLED = new Set(['accessNotConfigured', 'SERVICE_DISABLED']);

export function classifyGoogleError(error: unknown, api: GoogleApiName = 'People'): AppError {
  if (error instanceof AppError) return error;
  const e = (error ?? {}) as ErrorLike;
  const timeout = timeoutOf(error);
  if (timeout) return timeoutError(timeout, error);
  if (isAbort(e)) return new AppError('CANCELLED', 'The sync was cancelled.', { cause: error });
  const status = e.response?.status ?? (typeof e.status === 'number' ? e.status : undefined);
  if (status === undefined) {
    if (networkCode(e)) {
      return new GoogleApiError(
        'NETWORK',
        'Google could not be reached (the connection failed). Check your internet connection; the next sync will retry.',
        null,
        true,
        null,
        { cause: error },
      );
    }
    if (e instanceof SyntaxError || /JSON/i.test(e.message ?? '')) {
      return malformedResponse(error);
    }
    // Not the error's own message: it may quote what Google (or a proxy) answered.
    return new AppError(
      'INTERNAL',
      'Talking to Google failed in a way the app does not recognise. The next sync will try again.',
      { cause: error },
    );
  }
  const body = (typeof e.response?.data === 'object' ? e.response.data : {}) as GoogleErrorBody;
  const retryAfterMs = parseRetryAfter(e.response?.headers?.get?.('retry-after'));
  const why = reasons(body);
  // Google's own one-line reason helps a person; a stray long text would flood History and logs.
  const googleMessage = (
    typeof body.error === 'object' ? body.error.message : body.error_description
  )?.slice(0, 200);
  const make = (code: ErrorCode, message: string, transient: boolean) =>
    new GoogleApiError(code, message, status, transient, retryAfterMs, { cause: error });

  if (body.error === 'invalid_grant') {
    return make(
      'AUTH_REVOKED',
      'Google no longer accepts this sign-in (it was revoked or expired). Reconnect the account.',
      false,
    );
  }
  if (body.error === 'invalid_client' || body.error === 'unauthorized_client') {
    // The app's OAuth client, not the account's grant: reconnecting would not help.
    return make(
      'INVALID_CLIENT',
      "Google does not accept this app's sign-in client (it was deleted, or its secret is wrong). " +
        'Check Settings → Google sign-in client (contacts-sync client show).',
      false,
    );
  }
  if (status === 410 || why.includes('EXPIRED_SYNC_TOKEN') || why.includes('fullSyncRequired')) {
    return make('EXPIRED_SYNC_TOKEN', 'The sync token expired; a full sync is needed.', false);
  }
  const googleStatus = typeof body.error === 'object' ? body.error.status : undefined;
  // A quota 403 may say only `status: RESOURCE_EXHAUSTED`, without a reason.
  if (
    status === 429 ||
    googleStatus === 'RESOURCE_EXHAUSTED' ||
    why.some((r) => /ratelimitexceeded|rate_limit_exceeded/i.test(r))
  ) {
    return make(
      'RATE_LIMITED',
      'Google asked us to slow down (rate limit). The sync will try again later.',
      true,
    );
  }
  if (status >= 500) {
    return make(
      'SERVER_ERROR',
      `Google had a temporary problem (HTTP ${status}). The sync will try again later.`,
      true,
    );
  }
  if (status === 401) {
    return make('UNAUTHORIZED', 'Google did not accept the sign-in. Reconnect the account.', false);
  }
  if (status === 403 && why.some((r) => INSUFFICIENT_SCOPE.has(r))) {
    // The grant lacks this API's scope (e.g. calendar sync turned on before signing in again).
    return make(
      'SCOPE_MISSING',
      'Google did not grant this app access to this data (a permission is missing). Reconnect the account to grant it.',
      false,
    );
  }
  if (status === 403 && why.some((r) => API_DISABLED.has(r))) {
    return make(
      'API_DISABLED',
      `The Google ${api} API is not enabled in the Google Cloud project of this app's sign-in ` +
        `client. Enable the ${api} API there (Google Cloud Console → APIs & Services → Library), ` +
        'wait a few minutes, then sync again.',
      false,
    );
  }
  if (status === 403) {
    return make(
      'FORBIDDEN',
      `The Google ${api} API refused access (HTTP 403${googleMessage ? `: ${googleMessage}` : ''}). ` +
        `Check that the ${api} API is enabled in the Google Cloud project of your sign-in client ` +
        'and that this account may use it, then reconnect the account.',
      false,
    );
  }
  return make(
    'BAD_REQUEST',
    `Google rejected the request (HTTP ${status}${googleMessage ? `: ${googleMessage}` : ''}).`,
    false,
  );
}

/**
 * Google's answer to a sync or page token it no longer accepts for these parameters: 400
 * INVALID_ARGUMENT ("parameters do not match", "page token has expired"), or 404. Meaningful only
 * for a request that carried such a token; an expired sync token is EXPIRED_SYNC_TOKEN instead.
 */
export function isRefusedToken(error: unknown): boolean {
  return (
    error instanceof GoogleApiError &&
    error.code === 'BAD_REQUEST' &&
    (error.httpStatus === 400 || error.httpStatus === 404)
  );
}

export function malformedResponse(cause?: unknown): GoogleApiError {
  return new GoogleApiError(
    'MALFORMED_RESPONSE',
    'Google sent a response that could not be read. Nothing from it was saved; the next sync will try again.',
    null,
    true,
    null,
    { cause },
  );
}
