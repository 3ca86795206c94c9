import { createHash } from 'node:crypto';

/** The parameters of a listing request other than its page and sync tokens. */
export type ListingParams = Record<string, string | number | boolean>;

/**
 * Google accepts a sync or page token only with the parameters of the request that issued it
 * (anything else is a 400 INVALID_ARGUMENT). Stored with each token, this says whether the
 * current parameters still fit it, so a changed field list starts a full listing without an
 * error first. Order-insensitive; not secret (it hashes no token).
 */
export function requestFingerprint(params: ListingParams): string {
  const entries = Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(entries)).digest('base64url').slice(0, 16);
}
