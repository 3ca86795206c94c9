/**
 * Issue 18 item 4, the sign-in's security findings, over real HTTP with the real
 * google-auth-library: Google's (or a proxy's) answer never reaches an error message, and a grant
 * that does not say what it allows is refused and revoked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AccountsRepo } from '../../src/main/core/db/accounts-repo.js';
import { AppError } from '../../src/main/core/errors.js';
import { FakeBrowser } from '../fake-google/oauth-browser.js';
import { FAKE_CREDENTIALS, Harness } from './harness.js';

const MARKER = 'SECRET-BODY-7f3a';
/** What a captive portal or a broken proxy answers in place of Google's JSON. */
const HTML_BODY = `<html><body>${MARKER} access_token=leaked</body></html>`;

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Asks the fake token endpoint whether a refresh token still works. */
async function refreshWorks(refreshToken: string): Promise<boolean> {
  const response = await fetch(`${h.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: FAKE_CREDENTIALS.clientId,
      client_secret: FAKE_CREDENTIALS.clientSecret,
    }),
  });
  return response.ok;
}

describe('no response body inside an error message', () => {
  it('a token refresh answered with HTML fails the run as MALFORMED_RESPONSE, quoting nothing', async () => {
    h = await Harness.start({ contacts: 5 });
    h.fake.injectFault({ path: 'token', kind: 'malformed', body: HTML_BODY, count: 10 });
    const run = await h.sync();
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('MALFORMED_RESPONSE');
    expect(run.error?.message).not.toContain(MARKER);
    const stored = h.db.prepare('SELECT * FROM sync_runs').all();
    expect(JSON.stringify(stored)).not.toContain(MARKER);
  });

  it('a code exchange answered with HTML fails the sign-in without quoting it', async () => {
    h = await Harness.start({ email: null });
    h.fake.injectFault({ path: 'token', kind: 'malformed', body: HTML_BODY });
    const browser = new FakeBrowser();
    const error = await failure(h.connections(browser.open).connect());
    expect(error.code).toBe('SIGN_IN_FAILED');
    expect(error.message).toMatch(/could not be read/);
    expect(error.message + (browser.visits[0]?.body ?? '')).not.toContain(MARKER);
  });
});

describe('a token response without scope', () => {
  it('is refused, connects nothing and revokes the grant', async () => {
    h = await Harness.start({ email: null });
    const refreshToken = h.fake.issueRefreshToken();
    expect(await refreshWorks(refreshToken)).toBe(true);
    // A well-formed answer that does not say what was granted.
    h.fake.injectFault({
      path: 'token',
      kind: 'malformed',
      body: JSON.stringify({
        access_token: 'ya29.no-scope',
        refresh_token: refreshToken,
        expires_in: 3599,
        token_type: 'Bearer',
      }),
    });
    const browser = new FakeBrowser();
    const error = await failure(h.connections(browser.open).connect());
    expect(error.code).toBe('SIGN_IN_DENIED');
    expect(error.message).toMatch(/did not say which access was granted/);
    expect(new AccountsRepo(h.db).list()).toEqual([]);
    expect(h.vault.list()).toEqual([]);
    expect(await refreshWorks(refreshToken)).toBe(false);
  });
});
