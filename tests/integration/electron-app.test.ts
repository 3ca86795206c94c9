/**
 * The composition root (src/main/index.ts) as built, run under the stand-in Electron against the
 * fake Google server: what only Electron runs is executed here (issue 18, item 5).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, methodChannel } from '../../src/shared/api/contract.js';
import { FileTokenVault } from '../../src/main/core/auth/token-vault.js';
import { AccountsRepo } from '../../src/main/core/db/accounts-repo.js';
import { openDatabase } from '../../src/main/core/db/connection.js';
import { CONTENT_SECURITY_POLICY } from '../../src/main/core/api/renderer-assets.js';
import { FakeGoogle } from '../fake-google/server.js';
import { FAKE_CREDENTIALS } from './harness.js';
import { buildAppAndStandin, dataDirOf, StandinApp, tempConfigHome } from './electron-app.js';

const EMAIL = 'me@example.com';
let standinDir: string;
let fake: FakeGoogle;
let googleUrl: string;
const apps: StandinApp[] = [];
const homes: string[] = [];

beforeAll(async () => {
  standinDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-standin-'));
  await buildAppAndStandin(standinDir);
  fake = new FakeGoogle({ contacts: 25, email: EMAIL });
  googleUrl = await fake.start();
}, 120_000);

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.kill()));
  fake.clearFaults();
});

afterAll(async () => {
  await fake.stop();
  for (const dir of [standinDir, ...homes]) fs.rmSync(dir, { recursive: true, force: true });
});

/** A data folder with one account signed in to the fake (tokens in the development vault). */
function seededHome(): string {
  const home = tempConfigHome();
  homes.push(home);
  const dataDir = dataDirOf(home);
  fs.mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, 'contacts.db'));
  new AccountsRepo(db).upsert(EMAIL, 'Me', new Date().toISOString());
  db.close();
  new FileTokenVault(path.join(dataDir, 'tokens.json')).set(EMAIL, {
    refreshToken: fake.refreshToken,
  });
  return home;
}

function launch(
  configHome: string,
  options: { args?: string[]; env?: Record<string, string> } = {},
) {
  const app = StandinApp.launch({
    standinDir,
    configHome,
    ...(options.args ? { args: options.args } : {}),
    env: {
      CONTACTS_SYNC_GOOGLE_URL: googleUrl,
      // The sign-in client still comes from the environment (issue 18 item 8 adds settings).
      GOOGLE_CLIENT_ID: FAKE_CREDENTIALS.clientId,
      GOOGLE_CLIENT_SECRET: FAKE_CREDENTIALS.clientSecret,
      ...options.env,
    },
  });
  apps.push(app);
  return app;
}

const started = (app: StandinApp) =>
  app.waitFor((s) => s.tray !== null && s.windows.length === 1, 'the window and tray');

describe('the desktop app on the stand-in Electron', () => {
  it('takes the single-instance lock; a second launch hands over and quits', async () => {
    const home = seededHome();
    const first = launch(home);
    const state = await started(first);
    expect(state.singleInstanceLock).toBe(true);

    const second = launch(home);
    expect(await second.exited).toBe(0);
    const after = await first.waitFor((s) => s.secondInstances === 1, 'the second instance');
    expect(after.windows).toHaveLength(1);
    expect(after.windows[0]?.visible).toBe(true);
  });

  it('opens one secure window whose page is served with the CSP', async () => {
    const app = launch(seededHome());
    const state = await app.waitFor(
      (s) => s.windows[0]?.timeline.includes('show') === true,
      'the window to show',
    );
    const window = state.windows[0]!;
    expect(window.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(window.webPreferences['preload']).toMatch(/preload\.cjs$/);
    expect(window.pages).toEqual([
      { url: 'app://renderer/index.html', status: 200, csp: CONTENT_SECURITY_POLICY },
    ]);
    // No blank window: nothing is shown before the page is ready.
    expect(window.timeline.indexOf('ready-to-show')).toBeLessThan(window.timeline.indexOf('show'));
    expect(state.privilegedSchemes).toEqual(['app']);
    expect(state.permissionHandlersSet).toBe(true);
  });

  it('answers every API method over IPC; getStatus and syncNow go through to the fake', async () => {
    const app = launch(seededHome());
    const state = await started(app);
    expect([...state.ipcChannels].sort()).toEqual(API_METHODS.map(methodChannel).sort());

    const status = await app.request<{ ok: boolean; value: { accounts: unknown[] } }>({
      cmd: 'invoke',
      channel: methodChannel('getStatus'),
      payload: {},
    });
    expect(status.ok).toBe(true);
    expect(status.value.accounts).toHaveLength(1);
  });
});
