import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseClientFile } from '../../src/main/core/auth/client-file.js';
import {
  readDefaultClient,
  SignInClientService,
  settingsClientIdStore,
  type SignInClientDeps,
} from '../../src/main/core/auth/sign-in-client.js';
import { FileTokenVault, moveTokens } from '../../src/main/core/auth/token-vault.js';
import { AppError } from '../../src/main/core/errors.js';
import {
  MemorySettingsStore,
  SettingsService,
} from '../../src/main/core/settings/settings-service.js';

const ID = '123456789012-abcdefghijklmnop.apps.googleusercontent.com';
const SECRET = 'GOCSPX-not-really-secret';
/** The shape Google Cloud Console downloads for a "Desktop app" client. */
const desktopFile = (installed: Record<string, unknown> = {}) =>
  JSON.stringify({
    installed: {
      client_id: ID,
      project_id: 'contacts-sync-123',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: 'https://oauth2.googleapis.com/token',
      auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
      client_secret: SECRET,
      redirect_uris: ['http://localhost'],
      ...installed,
    },
  });

let dir: string;
let vault: FileTokenVault;
let settings: SettingsService;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-client-'));
  vault = new FileTokenVault(path.join(dir, 'tokens.json'));
  settings = new SettingsService(new MemorySettingsStore());
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function service(more: Partial<SignInClientDeps> = {}) {
  return new SignInClientService({
    ids: settingsClientIdStore(settings),
    vault,
    env: {},
    ...more,
  });
}

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (caught) {
    expect(caught).toBeInstanceOf(AppError);
    return caught as AppError;
  }
  throw new Error('expected a refusal');
}

describe('the client file Google Cloud Console downloads', () => {
  it('reads the installed section of a Desktop-app client', () => {
    expect(parseClientFile(desktopFile(), { development: false })).toEqual({
      clientId: ID,
      clientSecret: SECRET,
    });
  });

  it.each([
    [
      'a Web application client',
      JSON.stringify({ web: { client_id: ID, client_secret: SECRET } }),
      /Web application/,
    ],
    ['not JSON', `{"installed": {"client_secret": "${SECRET}"`, /not JSON/],
    ['no installed section', JSON.stringify({ type: 'service_account' }), /no "installed" section/],
    ['no secret', desktopFile({ client_secret: undefined }), /secret is missing/],
    [
      'an ID that is not Google’s',
      desktopFile({ client_id: 'my-client' }),
      /apps\.googleusercontent\.com/,
    ],
    [
      'a token address elsewhere',
      desktopFile({ token_uri: 'https://evil.example/token' }),
      /not Google's/,
    ],
    [
      'no loopback redirect',
      desktopFile({ redirect_uris: ['https://example.com/cb'] }),
      /loopback/,
    ],
    ['a huge file', ' '.repeat(70 * 1024), /too big/],
  ])('refuses %s with a calm, specific message that never repeats the secret', (_n, text, why) => {
    const error = refusal(() => parseClientFile(text, { development: false }));
    expect(error.code).toBe('INVALID_CLIENT');
    expect(error.message).toMatch(why);
    expect(error.message).not.toContain(SECRET);
  });

  it('accepts any client ID against a development server', () => {
    const text = desktopFile({
      client_id: 'fake-client-id',
      token_uri: 'http://127.0.0.1:9/token',
    });
    expect(parseClientFile(text, { development: true }).clientId).toBe('fake-client-id');
  });
});

describe('SignInClientService', () => {
  it('keeps the ID in settings and the secret in the token vault, never the other way round', () => {
    const info = service().set({ json: desktopFile() });
    expect(info).toEqual({ clientId: ID, source: 'user' });
    expect(settings.get().signInClient.clientId).toBe(ID);
    expect(JSON.stringify(settings.get())).not.toContain(SECRET);
    expect(vault.getClientSecret(ID)).toBe(SECRET);
    expect(fs.statSync(path.join(dir, 'tokens.json')).mode & 0o777).toBe(0o600);
    expect(service().current()).toEqual({ clientId: ID, clientSecret: SECRET });
  });

  it('takes an ID and secret typed in, trimmed and checked', () => {
    expect(service().set({ clientId: ` ${ID} `, clientSecret: ` ${SECRET}\n` })).toEqual({
      clientId: ID,
      source: 'user',
    });
    expect(service().current()?.clientSecret).toBe(SECRET);
    expect(refusal(() => service().set({ clientId: 'nope', clientSecret: 'x' })).code).toBe(
      'INVALID_CLIENT',
    );
  });

  it('precedence: environment (development) > the person’s client > the packaged default > none', () => {
    const packaged = { clientId: `default${ID}`, clientSecret: 'd' };
    const env = { GOOGLE_CLIENT_ID: 'env-id', GOOGLE_CLIENT_SECRET: 'env-secret' };
    expect(service().info()).toEqual({ clientId: null, source: 'none' });
    expect(service({ defaultClient: packaged }).info().source).toBe('default');
    service().set({ json: desktopFile() });
    expect(service({ defaultClient: packaged }).info()).toEqual({ clientId: ID, source: 'user' });
    expect(service({ defaultClient: packaged, env }).info()).toEqual({
      clientId: 'env-id',
      source: 'env',
    });
    // A packaged app does not honour the development variables.
    expect(service({ env, allowEnv: false }).info().source).toBe('user');
    expect(service({ defaultClient: packaged }).clear()).toEqual({
      clientId: packaged.clientId,
      source: 'default',
    });
    expect(vault.getClientSecret(ID)).toBeNull();
    // Nothing left to protect: no token file stays behind.
    expect(fs.existsSync(path.join(dir, 'tokens.json'))).toBe(false);
  });

  it('an ID whose secret is in another vault counts as no client', () => {
    settings.update((draft) => (draft.signInClient.clientId = ID));
    expect(service().info()).toEqual({ clientId: null, source: 'none' });
  });

  it('the CLI’s client secret is copied (not moved) into the app’s vault with the tokens', () => {
    service().set({ json: desktopFile() });
    vault.set('me@example.com', { refreshToken: '1//r' });
    const appVault = new FileTokenVault(path.join(dir, 'tokens.safe.json'));
    appVault.setClientSecret('other-id', 'other-secret');
    expect(moveTokens(vault, appVault)).toEqual(['me@example.com']);
    expect(appVault.getClientSecret(ID)).toBe(SECRET);
    expect(appVault.getClientSecret('other-id')).toBe('other-secret');
    expect(vault.getClientSecret(ID)).toBe(SECRET);
    expect(vault.get('me@example.com')).toBeNull();
  });
});

describe('the packaged default client', () => {
  it('is read from its file; a missing or broken file is none', () => {
    const file = path.join(dir, 'oauth-client.json');
    expect(readDefaultClient(file)).toBeNull();
    fs.writeFileSync(file, '{"web": {}}');
    expect(readDefaultClient(file)).toBeNull();
    fs.writeFileSync(file, desktopFile());
    expect(readDefaultClient(file)).toEqual({ clientId: ID, clientSecret: SECRET });
  });
});
