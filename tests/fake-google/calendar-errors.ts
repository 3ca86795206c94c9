/** Calendar API v3 errors: the older `{error: {errors: [...], code, message}}` shape, no `status`. */
import { json } from './http.js';
import type { Reply } from './http.js';

export function calendarError(
  code: number,
  reason: string,
  message: string,
  extra: Record<string, string> = {},
  domain = 'global',
): Reply {
  return json(code, { error: { errors: [{ domain, reason, message, ...extra }], code, message } });
}

const GONE = 'Sync token is no longer valid, a full sync is required.';

/** The real 410 for an expired (or otherwise unusable) sync token. */
export const fullSyncRequired = (): Reply =>
  calendarError(
    410,
    'fullSyncRequired',
    GONE,
    { locationType: 'parameter', location: 'syncToken' },
    'calendar',
  );

export const calendarNotFound = (): Reply => calendarError(404, 'notFound', 'Not Found');

export const invalidParameter = (message: string, location: string): Reply =>
  calendarError(400, 'invalid', message, { locationType: 'parameter', location });

/** A grant without calendar.readonly, as Google answers it (with the ErrorInfo detail). */
export function insufficientScope(method: string): Reply {
  const message = 'Request had insufficient authentication scopes.';
  return json(
    403,
    {
      error: {
        code: 403,
        message,
        errors: [
          {
            message: 'Insufficient Permission',
            domain: 'global',
            reason: 'insufficientPermissions',
          },
        ],
        status: 'PERMISSION_DENIED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
            domain: 'googleapis.com',
            metadata: { service: 'calendar-json.googleapis.com', method },
          },
        ],
      },
    },
    {
      'www-authenticate':
        'Bearer realm="https://accounts.google.com/", error="insufficient_scope", ' +
        'scope="https://www.googleapis.com/auth/calendar.readonly"',
    },
  );
}

/** A calendar the user may no longer read (Calendar API errors guide: 403 forbidden). */
export const calendarForbidden = (): Reply => calendarError(403, 'forbidden', 'Forbidden');

/**
 * The Calendar API switched off in the OAuth client's Cloud project, as Google answers it: the
 * older `accessNotConfigured` reason and the ErrorInfo `SERVICE_DISABLED` detail.
 */
export function calendarApiDisabled(method: string): Reply {
  const message =
    'Google Calendar API has not been used in project 123456789 before or it is disabled. Enable ' +
    'it by visiting https://console.developers.google.com/apis/api/calendar-json.googleapis.com/' +
    'overview?project=123456789 then retry.';
  return json(403, {
    error: {
      code: 403,
      message,
      errors: [{ message, domain: 'usageLimits', reason: 'accessNotConfigured' }],
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'SERVICE_DISABLED',
          domain: 'googleapis.com',
          metadata: {
            service: 'calendar-json.googleapis.com',
            consumer: 'projects/123456789',
            method,
          },
        },
      ],
    },
  });
}
