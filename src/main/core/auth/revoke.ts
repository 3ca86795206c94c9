/** Revoking a grant at Google: on disconnect, and for a sign-in the app refuses to keep. */
import { createLogger } from '../logger.js';

const log = createLogger('auth');
export const REVOKE_TIMEOUT_MS = 10_000;

/** Best effort: true when Google confirmed; never throws (the caller goes on either way). */
export async function revokeGrant(
  revokeUrl: string,
  token: string,
  timeoutMs = REVOKE_TIMEOUT_MS,
): Promise<boolean> {
  try {
    // The token goes in the form body, not the URL, so it never lands in a server or proxy log.
    const response = await fetch(revokeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) log.warn('Google did not revoke the grant', { status: response.status });
    return response.ok;
  } catch (caught) {
    log.warn('could not reach Google to revoke the grant', {
      error: caught instanceof Error ? caught.name : typeof caught,
    });
    return false;
  }
}
