/**
 * The sign-in flow end to end over real HTTP: the real google-auth-library, the fake Google's
 * authorize and token endpoints, the app's loopback server, a "browser" that follows redirects.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CALENDAR_SCOPE, CONTACTS_SCOPE } from '../../src/main/core/auth/sign-in.js';
import { AccountsRepo } from '../../src/main/core/db/accounts-repo.js';
import { AppError } from '../../src/main/core/errors.js';
import { FakeBrowser } from '../fake-google/oauth-browser.js';
import { Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('expected the sign-in to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Nothing was created: no account, no tokens, no code exchanged. */
function expectNothingConnected(): void {
  expect(new AccountsRepo(h.db).list()).toEqual([]);
  expect(h.vault.list()).toEqual([]);
  expect(h.fake.authorization.exchanges).toBe(0);
}

describe('connect', () => {
  it('signs in through the browser, stores the tokens, adds the account and syncs it at once', async () => {
    h = await Harness.start({ contacts: 30, email: null });
    const browser = new FakeBrowser();
    const result = await h.connections(browser.open).connect();

    expect(result.account).toMatchObject({ email: 'me@example.com', status: 'connected' });
    expect(result.account.displayName).toBe('Me');
    expect(result.reconnected).toBe(false);
    expect(browser.visits).toHaveLength(1);
    expect(browser.visits[0]?.body).toContain('Signed in — you can close this tab');

    const sent = h.fake.authorization.lastRequest as URLSearchParams;
    expect(Object.fromEntries(sent)).toMatchObject({
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
      code_challenge_method: 'S256',
      response_type: 'code',
      client_id: 'fake-client-id',
    });
    expect(sent.get('scope')?.split(' ')).toEqual([CONTACTS_SCOPE, 'openid', 'email', 'profile']);
    expect(sent.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2callback$/);
    expect(sent.get('state')?.length).toBeGreaterThanOrEqual(43);

    const stored = h.vault.get('me@example.com');
    expect(stored?.refreshToken).toMatch(/^1\/\/fake-/);
    expect(stored?.refreshToken).not.toBe(h.fake.refreshToken);

    if (result.sync.status !== 'started') throw new Error('expected the first sync to start');
    const run = await result.sync.done;
    expect(run).toMatchObject({ trigger: 'after_connect', kind: 'full', status: 'success' });
    expect(h.localState(result.account.id)).toEqual(h.serverState());
  });

  it('reconnecting updates the account instead of adding one, and the next run is incremental', async () => {
    h = await Harness.start({ contacts: 20, email: null });
    const connections = h.connections(new FakeBrowser().open);
    const first = await connections.connect();
    if (first.sync.status === 'started') await first.sync.done;

    const again = await connections.connect({ loginHint: 'me@example.com' });
    expect(again.reconnected).toBe(true);
    expect(again.account.id).toBe(first.account.id);
    expect(new AccountsRepo(h.db).list()).toHaveLength(1);
    const sent = h.fake.authorization.lastRequest as URLSearchParams;
    expect(sent.get('login_hint')).toBe('me@example.com');
    expect(sent.has('prompt')).toBe(false);
    if (again.sync.status !== 'started') throw new Error('expected a sync after reconnecting');
    expect(await again.sync.done).toMatchObject({ kind: 'incremental', status: 'success' });
  });

  it('asks for the calendar scope only once calendar sync is enabled', async () => {
    h = await Harness.start({ email: null });
    let calendar = false;
    const connections = h.connections(new FakeBrowser().open, {
      calendarEnabled: () => calendar,
    });
    const scope = () => h.fake.authorization.lastRequest?.get('scope')?.split(' ');
    await connections.connect();
    expect(scope()).not.toContain(CALENDAR_SCOPE);
    calendar = true;
    await connections.connect({ loginHint: 'me@example.com' });
    expect(scope()).toEqual([CONTACTS_SCOPE, CALENDAR_SCOPE, 'openid', 'email', 'profile']);
  });
});

describe('a sign-in that goes wrong creates nothing', () => {
  it('a callback with a foreign state is answered 400 and the sign-in still takes the right one', async () => {
    h = await Harness.start({ email: null });
    const browser = new FakeBrowser();
    const opener = async (authorizationUrl: string) => {
      const callback = new URL(await browser.authorize(authorizationUrl));
      const forged = new URL(callback);
      forged.searchParams.set('state', 'forged-state');
      await browser.visit(forged.href);
      expect(h.fake.authorization.exchanges).toBe(0);
      await browser.visit(callback.href);
    };
    const result = await h.connections(opener).connect();
    expect(browser.visits.map((v) => v.status)).toEqual([400, 200]);
    expect(browser.visits[0]?.body).toMatch(/state mismatch/);
    expect(result.account.email).toBe('me@example.com');
  });

  it('access denied by the person', async () => {
    h = await Harness.start({ email: null });
    await fetch(`${h.url}/__control/deny-next-authorization`, { method: 'POST' });
    const browser = new FakeBrowser();
    const error = await failure(h.connections(browser.open).connect());
    expect(error.code).toBe('SIGN_IN_DENIED');
    expect(browser.visits[0]?.body).toContain('Access was not granted');
    expectNothingConnected();
  });

  it('a wrong PKCE verifier (the challenge was swapped on the way)', async () => {
    h = await Harness.start({ email: null });
    const browser = new FakeBrowser((url) =>
      url.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'),
    );
    const error = await failure(h.connections(browser.open).connect());
    expect(error.code).toBe('SIGN_IN_FAILED');
    expect(error.message).toMatch(/\(invalid_grant\)/);
    expect(browser.visits[0]?.status).toBe(502);
    expectNothingConnected();
  });

  it('no answer from the browser in time', async () => {
    h = await Harness.start({ email: null });
    const error = await failure(h.connections(() => undefined, { signInTimeoutMs: 200 }).connect());
    expect(error.code).toBe('SIGN_IN_TIMEOUT');
    expectNothingConnected();
  });

  it('cancelled while waiting for the browser', async () => {
    h = await Harness.start({ email: null });
    const controller = new AbortController();
    const error = await failure(
      h.connections(() => controller.abort()).connect({ signal: controller.signal }),
    );
    expect(error.code).toBe('SIGN_IN_CANCELLED');
    expectNothingConnected();
  });

  it('a second callback (replayed code) is refused and connects nothing more', async () => {
    h = await Harness.start({ email: null });
    const browser = new FakeBrowser();
    let callbackUrl = '';
    const opener = async (url: string) => {
      callbackUrl = await browser.authorize(url);
      await Promise.all([browser.visit(callbackUrl), browser.visit(callbackUrl)]);
    };
    const result = await h.connections(opener).connect();
    expect(result.account.email).toBe('me@example.com');
    // One visit signed in; the other was refused (409 while busy, or the server already closed).
    const answers = browser.visits.map((v) => v.status).sort();
    expect(answers[0]).toBe(200);
    expect(answers.length + browser.failures.length).toBe(2);
    if (answers.length === 2) expect(answers[1]).toBe(409);
    expect(await browser.visit(callbackUrl)).toBeNull();
    expect(h.fake.authorization.exchanges).toBe(1);
    expect(new AccountsRepo(h.db).list()).toHaveLength(1);
  });
});

describe('fake Google authorize endpoint', () => {
  it('rejects a non-loopback redirect_uri and a missing S256 challenge', async () => {
    h = await Harness.start({ email: null });
    const authorize = (params: Record<string, string>) =>
      fetch(
        `${h.url}/o/oauth2/v2/auth?${new URLSearchParams({
          client_id: 'fake-client-id',
          response_type: 'code',
          scope: CONTACTS_SCOPE,
          state: 's',
          redirect_uri: 'http://127.0.0.1:1234/cb',
          code_challenge: 'abc',
          code_challenge_method: 'S256',
          ...params,
        })}`,
        { redirect: 'manual' },
      );
    expect((await authorize({})).status).toBe(302);
    expect((await authorize({ redirect_uri: 'https://evil.example/cb' })).status).toBe(400);
    expect((await authorize({ code_challenge_method: 'plain' })).status).toBe(400);
    expect((await authorize({ code_challenge: '' })).status).toBe(400);
  });
});
