/**
 * Issue 18 item 8 through the handler table of the core as the apps wire it: an app started with
 * no OAuth environment variables cannot connect until the person imports their Desktop-app client
 * file; then connect, sync (token refresh) and disconnect (revoke) all use it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiResult, SignInClientInfo } from '../../src/shared/api/contract.js';
import type { Account } from '../../src/shared/domain.js';
import { createCoreServices, type CoreServices } from '../../src/main/core/api/services.js';
import { FileTokenVault } from '../../src/main/core/auth/token-vault.js';
import { FakeBrowser } from '../fake-google/oauth-browser.js';
import { FakeGoogle } from '../fake-google/server.js';

let fake: FakeGoogle;
let dir: string;
let core: CoreServices | null = null;
let url: string;

const clientFile = () =>
  JSON.stringify({
    installed: {
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
      auth_uri: `${url}/o/oauth2/auth`,
      token_uri: `${url}/token`,
      redirect_uris: ['http://localhost'],
    },
  });

function start(more: { defaultClientFile?: string; env?: NodeJS.ProcessEnv } = {}): void {
  core = createCoreServices({
    databasePath: path.join(dir, 'contacts.db'),
    vault: new FileTokenVault(path.join(dir, 'tokens.json')),
    opener: new FakeBrowser().open,
    // No GOOGLE_CLIENT_ID/SECRET: as when the app is started from a desktop launcher.
    env: { CONTACTS_SYNC_GOOGLE_URL: url, ...more.env },
    ...(more.defaultClientFile ? { defaultClientFile: more.defaultClientFile } : {}),
  });
  core.start();
}

function call(method: ApiMethod, payload: unknown = {}): Promise<ApiResult<unknown>> {
  return core!.api.call(method, payload);
}

async function value<T>(method: ApiMethod, payload: unknown = {}): Promise<T> {
  const result = await call(method, payload);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

beforeEach(async () => {
  fake = new FakeGoogle({ contacts: 40 });
  url = await fake.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-client-api-'));
});

afterEach(async () => {
  await core?.close();
  core = null;
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the Google sign-in client through the API', () => {
  it('without a client, connect says what to do; after importing the file it connects and syncs', async () => {
    start();
    expect(await value<SignInClientInfo>('getSignInClient')).toEqual({
      clientId: null,
      source: 'none',
    });
    const refused = await call('connectAccount');
    expect(refused).toMatchObject({ ok: false, error: { code: 'NO_CREDENTIALS' } });
    expect(JSON.stringify(refused)).toMatch(/Google sign-in client/);

    const info = await value<SignInClientInfo>('setSignInClient', { json: clientFile() });
    expect(info).toEqual({ clientId: fake.clientId, source: 'user' });
    expect(JSON.stringify(info)).not.toContain(fake.clientSecret);

    const account = await value<Account>('connectAccount');
    expect(account.email).toBe('me@example.com');
    // The sync after connect refreshes its token with the imported client.
    await core!.orchestrator.whenIdle(account.id);
    const [run] = await value<Array<{ status: string }>>('listHistory');
    expect(run?.status).toBe('success');
    expect(fake.stats().requests.token).toBeGreaterThanOrEqual(2);

    // Another client, while the app runs: the next sync's token refresh already uses it (here
    // one Google does not know), and the account's own sign-in is not blamed.
    await value('setSignInClient', { clientId: 'deleted-client', clientSecret: 'old-secret' });
    await value('syncNow');
    await core!.orchestrator.whenIdle(account.id);
    const [failed] =
      await value<Array<{ status: string; error?: { code: string } }>>('listHistory');
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'INVALID_CLIENT' } });
    expect((await value<Account[]>('listAccounts'))[0]?.status).toBe('connected');
  });

  it('survives a restart: the ID from settings, the secret from the vault', async () => {
    start();
    await value('setSignInClient', { clientId: fake.clientId, clientSecret: fake.clientSecret });
    await core!.close();
    start();
    expect(await value<SignInClientInfo>('getSignInClient')).toEqual({
      clientId: fake.clientId,
      source: 'user',
    });
    const settingsText = fs.readFileSync(path.join(dir, 'settings.json'), 'utf8');
    expect(settingsText).toContain(fake.clientId);
    expect(settingsText).not.toContain(fake.clientSecret);
  });

  it('refuses a Web client and bad requests with stable codes, changing nothing', async () => {
    start();
    const web = JSON.stringify({ web: { client_id: 'x', client_secret: 'y' } });
    expect(await call('setSignInClient', { json: web })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CLIENT', message: expect.stringMatching(/Web application/) },
    });
    for (const payload of [
      {},
      { json: '{}', clientId: 'a', clientSecret: 'b' },
      { clientId: 'only-an-id' },
      { json: 42 },
      { clientId: 'a', clientSecret: 'b', extra: true },
    ]) {
      expect(await call('setSignInClient', payload), JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      });
    }
    expect(await value<SignInClientInfo>('getSignInClient')).toEqual({
      clientId: null,
      source: 'none',
    });
  });

  it('clear falls back to the packaged default client; the environment overrides both', async () => {
    const packaged = path.join(dir, 'oauth-client.json');
    // What a packager bakes in is a real Google download: Google's addresses, a Google ID.
    const google = JSON.parse(clientFile()) as { installed: Record<string, unknown> };
    Object.assign(google.installed, {
      client_id: 'packaged.apps.googleusercontent.com',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: 'https://oauth2.googleapis.com/token',
    });
    fs.writeFileSync(packaged, JSON.stringify(google));
    start({ defaultClientFile: packaged });
    expect((await value<SignInClientInfo>('getSignInClient')).source).toBe('default');
    await value('setSignInClient', { json: clientFile() });
    expect(await value<SignInClientInfo>('clearSignInClient')).toEqual({
      clientId: 'packaged.apps.googleusercontent.com',
      source: 'default',
    });
    await core!.close();
    start({ env: { GOOGLE_CLIENT_ID: 'env-id', GOOGLE_CLIENT_SECRET: 'env-secret' } });
    expect(await value<SignInClientInfo>('getSignInClient')).toEqual({
      clientId: 'env-id',
      source: 'env',
    });
  });
});
