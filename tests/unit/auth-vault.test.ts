import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuthClient } from '../../src/main/core/auth/google-auth.js';
import {
  FileTokenVault,
  mergeTokens,
  moveTokens,
  type StoredTokens,
} from '../../src/main/core/auth/token-vault.js';
import { AppError } from '../../src/main/core/errors.js';
import { endpointsForBaseUrl } from '../../src/main/core/google/endpoints.js';
import {
  SafeStorageTokenVault,
  type SafeStorageApi,
} from '../../src/main/shell/safe-storage-vault.js';

type Backend = ReturnType<SafeStorageApi['getSelectedStorageBackend']>;

/** Electron's safeStorage, reversibly "encrypted" (XOR + base64) so tests can read it back. */
class FakeSafeStorage implements SafeStorageApi {
  constructor(
    private readonly available = true,
    private readonly backend: Backend = 'gnome_libsecret',
  ) {}
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): Backend {
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    const bytes = Buffer.from(Buffer.from(plainText, 'utf8').map((b) => b ^ 0x5a));
    return Buffer.from(`v11${bytes.toString('base64')}`);
  }
  decryptString(encrypted: Buffer): string {
    const text = encrypted.toString();
    if (!text.startsWith('v11')) throw new Error('Error while decrypting the ciphertext provided');
    return Buffer.from(Buffer.from(text.slice(3), 'base64').map((b) => b ^ 0x5a)).toString('utf8');
  }
}

const TOKENS: StoredTokens = {
  refreshToken: '1//refresh-SECRET-abc',
  accessToken: 'ya29.access-SECRET-def',
  expiryDate: 1_900_000_000_000,
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-vault-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every file under the folder, as bytes. */
const filesIn = (folder: string): Buffer[] =>
  fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(folder, name))
    .filter((file) => fs.statSync(file).isFile())
    .map((file) => fs.readFileSync(file));

function expectNoSecretOnDisk(folder: string): void {
  for (const bytes of filesIn(folder)) {
    for (const secret of [TOKENS.refreshToken, TOKENS.accessToken as string]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(Buffer.from(secret).toString('base64')))).toBe(false);
    }
  }
}

describe('FileTokenVault (CLI, preview)', () => {
  it('keeps tokens in a 0600 file, says it is unencrypted, and leaves no file once emptied', () => {
    const file = path.join(dir, 'sub', 'tokens.json');
    const vault = new FileTokenVault(file);
    vault.set('Me@Example.com', TOKENS);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(vault.get('me@example.com')).toEqual(TOKENS);
    expect(vault.list()).toEqual(['me@example.com']);
    expect(vault.describe()).toMatch(/unencrypted.*0600/);
    vault.delete('me@example.com');
    expect(fs.existsSync(file)).toBe(false);
    expect(vault.get('me@example.com')).toBeNull();
  });

  it('reports a damaged file clearly', () => {
    const file = path.join(dir, 'tokens.json');
    fs.writeFileSync(file, '{not json');
    expect(() => new FileTokenVault(file).get('me@example.com')).toThrow(/damaged/);
  });
});

describe('mergeTokens', () => {
  it('keeps the refresh token when a refresh brings none, and takes the new access token', () => {
    expect(
      mergeTokens(TOKENS, { access_token: 'new', expiry_date: 5, refresh_token: null }),
    ).toEqual({ refreshToken: TOKENS.refreshToken, accessToken: 'new', expiryDate: 5 });
    expect(mergeTokens(TOKENS, { refresh_token: 'rotated' })?.refreshToken).toBe('rotated');
    expect(mergeTokens(null, { access_token: 'only-access' })).toBeNull();
  });

  it('is what the auth client writes back to the vault on a refresh', () => {
    const vault = new FileTokenVault(path.join(dir, 'tokens.json'));
    vault.set('me@example.com', TOKENS);
    const client = createAuthClient(
      { clientId: 'id', clientSecret: 'secret' },
      endpointsForBaseUrl('http://127.0.0.1:9'),
      vault,
      'me@example.com',
    );
    client.emit('tokens', { access_token: 'refreshed', expiry_date: 42 });
    expect(vault.get('me@example.com')).toEqual({
      refreshToken: TOKENS.refreshToken,
      accessToken: 'refreshed',
      expiryDate: 42,
    });
    // After a disconnect emptied the vault, a late refresh does not bring the tokens back.
    vault.delete('me@example.com');
    client.emit('tokens', { access_token: 'late', refresh_token: 'late-refresh' });
    expect(vault.get('me@example.com')).toBeNull();
  });
});

describe('SafeStorageTokenVault (desktop app)', () => {
  it('round-trips tokens and never writes a token in plain text', () => {
    const vault = new SafeStorageTokenVault(new FakeSafeStorage(), path.join(dir, 'tokens.enc'), {
      platform: 'linux',
    });
    vault.set('me@example.com', TOKENS);
    vault.set('other@example.com', { ...TOKENS, accessToken: 'ya29.other' });
    expect(vault.get('me@example.com')).toEqual(TOKENS);
    expect(vault.encrypted).toBe(true);
    expect(vault.describe()).toMatch(/encrypted by your system's keychain/);
    expect(fs.statSync(path.join(dir, 'tokens.enc')).mode & 0o777).toBe(0o600);
    expectNoSecretOnDisk(dir);
    expect(filesIn(dir).join('')).not.toContain('me@example.com');
  });

  it('refuses without encryption, saying what to do', () => {
    const make = (storage: SafeStorageApi, platform: NodeJS.Platform) => () =>
      new SafeStorageTokenVault(storage, path.join(dir, 'tokens.enc'), { platform });
    expect(make(new FakeSafeStorage(false), 'darwin')).toThrow(AppError);
    expect(make(new FakeSafeStorage(false), 'darwin')).toThrow(
      /CONTACTS_SYNC_ALLOW_UNENCRYPTED_TOKENS=1/,
    );
    expect(make(new FakeSafeStorage(true, 'basic_text'), 'linux')).toThrow(
      /basic_text.*GNOME Keyring or KWallet.*CONTACTS_SYNC_ALLOW_UNENCRYPTED_TOKENS=1/s,
    );
    // basic_text is a Linux backend; elsewhere the OS keychain is used.
    expect(make(new FakeSafeStorage(true, 'basic_text'), 'win32')).not.toThrow();
  });

  it('stores unencrypted only when opted in, and says so', () => {
    const vault = new SafeStorageTokenVault(
      new FakeSafeStorage(true, 'basic_text'),
      path.join(dir, 'tokens.enc'),
      { platform: 'linux', allowUnencrypted: true },
    );
    vault.set('me@example.com', TOKENS);
    expect(vault.encrypted).toBe(false);
    expect(vault.describe()).toMatch(/UNENCRYPTED/);
    expect(fs.readFileSync(path.join(dir, 'tokens.enc'), 'utf8')).toContain(TOKENS.refreshToken);
  });

  it('refuses to read a vault written with another key', () => {
    const file = path.join(dir, 'tokens.enc');
    fs.writeFileSync(file, 'not encrypted by us');
    const vault = new SafeStorageTokenVault(new FakeSafeStorage(), file, { platform: 'linux' });
    expect(() => vault.get('me@example.com')).toThrow(/connect your accounts again/);
  });

  it('takes over the tokens "accounts add" left in the plain file, leaving no plain copy', () => {
    const plainDir = path.join(dir, 'cli');
    const plain = new FileTokenVault(path.join(plainDir, 'tokens.json'));
    plain.set('me@example.com', TOKENS);
    const encrypted = new SafeStorageTokenVault(new FakeSafeStorage(), path.join(dir, 'vault'), {
      platform: 'linux',
    });
    expect(moveTokens(plain, encrypted)).toEqual(['me@example.com']);
    expect(encrypted.get('me@example.com')).toEqual(TOKENS);
    expect(fs.existsSync(path.join(plainDir, 'tokens.json'))).toBe(false);
    expectNoSecretOnDisk(dir);
    expect(moveTokens(plain, encrypted)).toEqual([]);
  });
});
