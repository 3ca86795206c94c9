/**
 * The core as the desktop app and preview wire it (createCoreServices): sign-in, settings, pause
 * and health through the API, against the fake Google server with a real database and settings
 * file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../src/shared/domain.js';
import type { ApiEvent, ApiMethod, AppStatus, Settings } from '../../src/shared/api/contract.js';
import { createCoreServices, type CoreServices } from '../../src/main/core/api/services.js';
import type { BrowserOpener } from '../../src/main/core/auth/sign-in.js';
import { FileTokenVault } from '../../src/main/core/auth/token-vault.js';
import { FakeBrowser } from '../fake-google/oauth-browser.js';
import { FakeGoogle } from '../fake-google/server.js';

let fake: FakeGoogle;
let dir: string;
let core: CoreServices;
let events: ApiEvent[];
let settingsChanges: Settings[];

async function start(opener: BrowserOpener, signInTimeoutMs?: number): Promise<void> {
  const url = await fake.start();
  core = createCoreServices({
    ...(signInTimeoutMs !== undefined ? { signInTimeoutMs } : {}),
    databasePath: path.join(dir, 'contacts.db'),
    vault: new FileTokenVault(path.join(dir, 'tokens.json')),
    opener,
    env: {
      CONTACTS_SYNC_GOOGLE_URL: url,
      GOOGLE_CLIENT_ID: fake.clientId,
      GOOGLE_CLIENT_SECRET: fake.clientSecret,
    },
    onSettingsChange: (settings) => settingsChanges.push(settings),
  });
  core.start();
  events = [];
  core.api.subscribe((event) => events.push(event));
}

beforeEach(() => {
  fake = new FakeGoogle({ contacts: 120 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-services-'));
  settingsChanges = [];
});

afterEach(async () => {
  await core?.close();
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function value(method: ApiMethod, payload: unknown = {}): Promise<unknown> {
  const result = await core.api.call(method, payload);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const nextRun = () =>
  new Promise<SyncRun>((resolve) => {
    const off = core.api.subscribe((event) => {
      if (event.name === 'runFinished') {
        off();
        resolve(event.payload);
      }
    });
  });

describe('core services behind the API', () => {
  it('connects an account through the browser, tells every client, and syncs it', async () => {
    await start(new FakeBrowser().open);
    const synced = nextRun();
    expect(await value('connectAccount')).toMatchObject({
      email: 'me@example.com',
      status: 'connected',
    });
    expect((await synced).trigger).toBe('after_connect');
    const accountsChanged = events.find((e) => e.name === 'accountsChanged');
    expect(accountsChanged?.payload).toMatchObject([{ email: 'me@example.com' }]);
    expect(await value('getStatistics')).toMatchObject({ contacts: { active: 120 } });

    const health = (await value('getSyncHealth')) as { accounts: Array<{ account: string }> };
    expect(health.accounts.map((a) => a.account)).toEqual(['me@example.com']);

    const [account] = (await value('listAccounts')) as Array<{ id: number }>;
    expect(await value('disconnectAccount', { accountId: account?.id })).toEqual({
      accountId: account?.id,
      dataDeleted: false,
    });
    expect(await value('getStatus')).toMatchObject({ state: 'no_accounts' });
  });

  it('exports the contacts through the API into the exports folder', async () => {
    await start(new FakeBrowser().open);
    const synced = nextRun();
    await value('connectAccount');
    await synced;
    const result = (await value('exportContacts', { format: 'vcard' })) as {
      file: string;
      count: number;
    };
    expect(result.count).toBe(120);
    expect(path.dirname(result.file)).toBe(path.join(dir, 'exports'));
    expect(fs.readFileSync(result.file, 'utf8').match(/^BEGIN:VCARD\r$/gm)).toHaveLength(120);
  });

  it('cancels a sign-in waiting in the browser', async () => {
    let opened: () => void = () => undefined;
    const browserOpened = new Promise<void>((resolve) => (opened = resolve));
    await start(() => opened());
    const connecting = core.api.call('connectAccount', {});
    await browserOpened;
    expect(await value('cancelConnect')).toEqual({ cancelled: true });
    expect(await connecting).toMatchObject({ ok: false, error: { code: 'SIGN_IN_CANCELLED' } });
    expect(await value('cancelConnect')).toEqual({ cancelled: false });
    expect(await value('listAccounts')).toEqual([]);
  });

  it('shows every window the sign-in waiting for the browser, its link and deadline', async () => {
    let opened: (url: string) => void = () => undefined;
    const browserOpened = new Promise<string>((resolve) => (opened = resolve));
    await start((url) => opened(url));
    const connecting = core.api.call('connectAccount', { loginHint: 'me@example.com' });
    const url = await browserOpened;
    const waiting = (await value('getStatus')) as AppStatus;
    expect(waiting.signIn).toMatchObject({ url, loginHint: 'me@example.com' });
    const left = Date.parse(waiting.signIn?.expiresAt ?? '') - Date.now();
    expect(left).toBeGreaterThan(4 * 60_000);
    expect(left).toBeLessThanOrEqual(5 * 60_000);
    const told = events.filter((e) => e.name === 'statusChanged').map((e) => e.payload);
    expect(told.some((s) => s.signIn?.url === url)).toBe(true);

    await value('cancelConnect');
    await connecting;
    expect(((await value('getStatus')) as AppStatus).signIn).toBeNull();
    expect((events.at(-1)?.payload as AppStatus).signIn).toBeNull();
  });

  it('ends a sign-in nobody finished with a message that says what to do', async () => {
    await start(() => undefined, 200);
    const result = await core.api.call('connectAccount', {});
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_TIMEOUT', message: expect.stringMatching(/Start the sign-in again/) },
    });
    expect(((await value('getStatus')) as AppStatus).signIn).toBeNull();
  });

  it('keeps settings, desktop preferences included, across a restart', async () => {
    await start(() => undefined);
    // The schedule, threshold and data folder fields: api-settings.test.ts.
    expect(await value('getSettings')).toMatchObject({
      launchAtLogin: false,
      startHidden: false,
      autoSync: true,
      dailySyncTime: '02:00',
      notifyOnFailure: true,
      notifyOnSignInNeeded: true,
    });
    const updated = await value('updateSettings', { launchAtLogin: true, dailySyncTime: '06:30' });
    expect(updated).toMatchObject({
      launchAtLogin: true,
      dailySyncTime: '06:30',
      startHidden: false,
    });
    expect(settingsChanges).toEqual([updated]);
    await core.close();
    await fake.stop();
    fake = new FakeGoogle();
    await start(() => undefined);
    expect(await value('getSettings')).toEqual(updated);
  });

  it('pauses and resumes auto-sync', async () => {
    await start(() => undefined);
    core.settings.pause('1h');
    const paused = (await value('getSyncHealth')) as { autoSyncPausedUntil: string };
    const inAnHour = Date.parse(paused.autoSyncPausedUntil) - Date.now();
    expect(inAnHour).toBeGreaterThan(59 * 60_000);
    expect(inAnHour).toBeLessThanOrEqual(60 * 60_000);
    core.settings.resume();
    expect(await value('getStatus')).toMatchObject({ autoSyncPausedUntil: null });
  });
});
