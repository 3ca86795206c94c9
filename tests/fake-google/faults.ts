/**
 * Fault injection: error statuses, delays, connection resets, truncated and malformed bodies, and
 * the two ways a request can hang: never answered ('hang'), or headers and part of the body and
 * then nothing ('stall') — what a laptop waking from sleep or a changed Wi-Fi leaves behind.
 */
import { errorInfo, googleError, json, JSON_TYPE, statusName } from './http.js';
import type { Reply } from './http.js';

export type Endpoint =
  | 'connections'
  | 'contactGroups'
  | 'calendarList'
  | 'events'
  | 'token'
  | 'revoke'
  | 'photo'
  | 'other';
/** 'any' is every API and OAuth endpoint; photos (another Google host) only by name. */
export type FaultPath =
  'connections' | 'contactGroups' | 'calendarList' | 'events' | 'token' | 'photo' | 'any';
export type FaultKind = 'status' | 'delay' | 'reset' | 'truncate' | 'malformed' | 'hang' | 'stall';

/**
 * How a quota 403 is worded. Google's per-user and per-project rate limits carry the reasons
 * `userRateLimitExceeded` / `rateLimitExceeded` (domain usageLimits); newer APIs may answer only
 * with `status: RESOURCE_EXHAUSTED` and no reason at all.
 */
export type QuotaReason = 'rateLimitExceeded' | 'userRateLimitExceeded' | 'RESOURCE_EXHAUSTED';

export interface FaultSpec {
  /** Which endpoint the fault applies to (default 'any': every non-control request). */
  path?: FaultPath;
  /** How many matching requests fail (default 1). */
  count?: number;
  kind: FaultKind;
  /** For 'status' (default 503). */
  status?: number;
  /** Adds a `Retry-After` header (for 'status'). */
  retryAfterSeconds?: number;
  /** A `Retry-After` header as given, e.g. an HTTP date (Google may send either form). */
  retryAfter?: string;
  /** For 'delay' (default 1000). */
  delayMs?: number;
  /** Let this many matching requests through before the fault starts. */
  afterRequests?: number;
  /** Replaces the default error body ('status') or the broken text ('malformed'). */
  body?: unknown;
  /** For a 'status' 403: which quota answer (default rateLimitExceeded). */
  quotaReason?: QuotaReason;
}

interface Pending {
  spec: FaultSpec;
  path: FaultPath;
  remaining: number;
  skip: number;
}

const KINDS: readonly FaultKind[] = [
  'status',
  'delay',
  'reset',
  'truncate',
  'malformed',
  'hang',
  'stall',
];
const PATHS: readonly FaultPath[] = [
  'connections',
  'contactGroups',
  'calendarList',
  'events',
  'token',
  'photo',
  'any',
];

export class Faults {
  private pending: Pending[] = [];

  inject(spec: FaultSpec): void {
    if (!KINDS.includes(spec.kind)) throw new Error(`Unknown fault kind ${String(spec.kind)}`);
    const path = spec.path ?? 'any';
    if (!PATHS.includes(path)) throw new Error(`Unknown fault path ${String(path)}`);
    const count = spec.count ?? 1;
    const skip = spec.afterRequests ?? 0;
    if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
    if (!Number.isInteger(skip) || skip < 0) throw new Error('afterRequests must be >= 0');
    const status = spec.status ?? 503;
    if (spec.kind === 'status' && (!Number.isInteger(status) || status < 400 || status > 599)) {
      throw new Error('status must be an HTTP error status (400-599)');
    }
    this.pending.push({ spec, path, remaining: count, skip });
  }

  clear(): void {
    this.pending = [];
  }

  get size(): number {
    return this.pending.length;
  }

  /** Consumes and returns the fault for this request, if any. */
  take(endpoint: Endpoint): FaultSpec | undefined {
    let chosen: Pending | undefined;
    for (const p of this.pending) {
      if (p.path !== endpoint && (p.path !== 'any' || endpoint === 'photo')) continue;
      if (p.skip > 0) p.skip--;
      else chosen ??= p;
    }
    if (!chosen) return undefined;
    chosen.remaining--;
    if (chosen.remaining === 0) this.pending = this.pending.filter((p) => p !== chosen);
    return chosen.spec;
  }
}

/** The error reply of a 'status' fault, shaped as the endpoint would really answer. */
export function statusReply(spec: FaultSpec, endpoint: Endpoint): Reply {
  const code = spec.status ?? 503;
  const retryAfter = spec.retryAfter ?? spec.retryAfterSeconds;
  const headers: Record<string, string> =
    retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
  if (spec.body !== undefined) return json(code, spec.body, headers);
  if (endpoint === 'token' || endpoint === 'revoke') {
    const error =
      code >= 500 ? 'internal_failure' : code === 429 ? 'rate_limit_exceeded' : 'invalid_request';
    return json(code, { error, error_description: `Injected fault (${code})` }, headers);
  }
  const calendar = endpoint === 'calendarList' || endpoint === 'events';
  // The Calendar API still answers quota errors in its v3 shape: usageLimits reasons, no details.
  if (calendar && (code === 429 || code === 403) && spec.quotaReason !== 'RESOURCE_EXHAUSTED') {
    const reason = spec.quotaReason ?? 'rateLimitExceeded';
    const message =
      reason === 'rateLimitExceeded' ? 'Rate Limit Exceeded' : 'User Rate Limit Exceeded';
    return googleError(code, message, {
      headers,
      errors: [{ domain: 'usageLimits', reason, message }],
    });
  }
  const service = { service: 'people.googleapis.com', consumer: 'projects/123456789012' };
  if (code === 429) {
    return googleError(
      429,
      "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per " +
        "user' of service 'people.googleapis.com' for consumer 'project_number:123456789012'.",
      {
        headers,
        details: [
          errorInfo('RATE_LIMIT_EXCEEDED', 'googleapis.com', {
            ...service,
            quota_metric: 'people.googleapis.com/read_requests',
            quota_limit: 'ReadRequestsPerMinutePerUser',
          }),
        ],
      },
    );
  }
  if (code === 403) return quotaReply(spec.quotaReason ?? 'rateLimitExceeded', headers, service);
  const messages: Record<number, string> = {
    500: 'Internal error encountered.',
    502: 'Bad Gateway',
    503: 'The service is currently unavailable.',
    504: 'The request timed out. Please try again.',
  };
  return googleError(code, messages[code] ?? `Injected fault (${code})`, {
    status: statusName(code),
    headers,
  });
}

export function malformedReply(spec: FaultSpec): Reply {
  const body =
    typeof spec.body === 'string'
      ? spec.body
      : '{"connections": [{"resourceName": "people/c1", "etag": "%EgU<html><body>oops';
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body };
}

function quotaReply(
  reason: QuotaReason,
  headers: Record<string, string>,
  service: Record<string, string>,
): Reply {
  if (reason === 'RESOURCE_EXHAUSTED') {
    return googleError(403, "Quota exceeded for quota metric 'Read requests'.", {
      status: 'RESOURCE_EXHAUSTED',
      headers,
    });
  }
  const message =
    reason === 'rateLimitExceeded' ? 'Rate Limit Exceeded' : 'User Rate Limit Exceeded';
  return googleError(403, message, {
    headers,
    errors: [{ message, domain: 'usageLimits', reason }],
    details: [errorInfo(reason, 'googleapis.com', service)],
  });
}
