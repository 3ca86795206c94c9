/**
 * The composition root (src/main/index.ts) as built, run under the stand-in Electron against the
 * fake Google server: what only Electron runs is executed here (issue 18, item 5).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  API_METHODS,
  methodChannel,
  type AppStatus,
  type Settings,
} from '../../src/shared/api/contract.js';
import type { MenuItemSnapshot, Snapshot } from '../electron-standin/driver-protocol.js';
import { openDatabase } from '../../src/main/core/db/connection.js';
import { CONTENT_SECURITY_POLICY } from '../../src/main/core/api/renderer-assets.js';
import { ConfSettingsStore } from '../../src/main/core/settings/conf-store.js';
import { SettingsService } from '../../src/main/core/settings/settings-service.js';
import { FakeBrowser } from '../fake-google/oauth-browser.js';
import type { FakeGoogle } from '../fake-google/server.js';
import {
  dataDirOf,
  ElectronAppFixture,
  exitedOrStarted,
  FIXTURE_EMAIL,
  invoke,
  sentCount,
  started,
  type LaunchExtras,
} from './electron-app.js';

let fixture: ElectronAppFixture;
let fake: FakeGoogle;
let googleUrl: string;
const EMAIL = FIXTURE_EMAIL;

beforeAll(async () => {
  fixture = await ElectronAppFixture.start();
  ({ fake, googleUrl } = fixture);
}, 120_000);
afterEach(() => fixture.cleanUp());
afterAll(() => fixture.stop());

const seededHome = (profile?: string) => fixture.seededHome(profile);
const launch = (home: string, options?: LaunchExtras) => fixture.launch(home, options);

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
    expect(state.protocolHandlers).toEqual(['app']);
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

  it('signs in through the system browser: the sign-in page passes the link allow-list', async () => {
    const app = launch(fixture.emptyHome());
    await started(app);
    const connecting = invoke<{ email: string }>(app, 'connectAccount');
    const state = await app.waitFor((s) => s.openedExternal.length === 1, 'the sign-in page');
    expect(state.openedExternal[0]?.startsWith(googleUrl)).toBe(true);
    await new FakeBrowser().open(state.openedExternal[0]!);
    await connecting;
    const status = await invoke<AppStatus>(app, 'getStatus');
    expect(status.accounts.map((summary) => summary.account.email)).toEqual([EMAIL]);
  });

  it('syncs through IPC against the fake; Quit in the tray closes the database and exits', async () => {
    const home = seededHome();
    const app = launch(home);
    await started(app);
    const started_ = await invoke<{ runs: Array<{ status: string }> }>(app, 'syncNow');
    expect(started_.runs.map((run) => run.status)).toEqual(['started']);
    await app.waitFor((s) => sentCount(s, 'runFinished') >= 1, 'the run to finish');
    const status = await invoke<AppStatus>(app, 'getStatus');
    expect(status.accounts[0]?.lastRun?.status).toBe('success');

    await app.request({ cmd: 'clickMenu', item: 'quit' });
    expect(await app.exited).toBe(0);
    // Only a closed database leaves no write-ahead log behind.
    const database = path.join(dataDirOf(home), 'contacts.db');
    expect(fs.existsSync(`${database}-wal`)).toBe(false);
    const db = openDatabase(database);
    const count = db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number };
    db.close();
    expect(count.n).toBe(fake.listContacts().length);
  });

  it('keeps settings with electron-store in the settings.json the CLI reads', async () => {
    const home = seededHome();
    const file = path.join(dataDirOf(home), 'settings.json');
    new SettingsService(new ConfSettingsStore(file)).update((draft) => {
      draft.schedule.at = '05:30';
    });
    const app = launch(home);
    const state = await started(app);
    expect(state.ipcListeners).toContain('electron-store-get-data');
    expect((await invoke<Settings>(app, 'getSettings')).dailySyncTime).toBe('05:30');
    await invoke(app, 'updateSettings', { dailySyncTime: '06:45', notifyOnFailure: false });
    await app.request({ cmd: 'clickMenu', item: 'quit' });
    expect(await app.exited).toBe(0);
    const cli = new SettingsService(new ConfSettingsStore(file)).get();
    expect(cli.schedule.at).toBe('06:45');
    expect(cli['desktop']).toMatchObject({ notifyOnFailure: false });
  });

  it('offers the tray menu and acts on it: pause, resume, open', async () => {
    const app = launch(seededHome());
    const state = await started(app);
    const ids = (items: MenuItemSnapshot[]): string[] =>
      items.flatMap((item) => [item.id ?? '', ...ids(item.submenu ?? [])]);
    expect(ids(state.tray!.menu)).toEqual([
      'status',
      'sync-now',
      'pause',
      'pause-1h',
      'pause-tomorrow',
      'resume',
      'open',
      'quit',
    ]);
    const resume = (s: Snapshot) => s.tray?.menu.find((i) => i.id === 'pause')?.submenu?.at(-1);
    expect(resume(state)?.enabled).toBe(false);

    await app.request({ cmd: 'clickMenu', item: 'pause-1h' });
    await app.waitFor((s) => resume(s)?.enabled === true, 'Resume to be offered');
    expect((await invoke<AppStatus>(app, 'getStatus')).autoSyncPausedUntil).not.toBeNull();
    await app.request({ cmd: 'clickMenu', item: 'resume' });
    await app.waitFor((s) => resume(s)?.enabled === false, 'the pause to end');

    await app.request({ cmd: 'clickMenu', item: 'sync-now' });
    await app.waitFor((s) => sentCount(s, 'runFinished') >= 1, 'the tray-started run');

    expect(await app.request({ cmd: 'closeWindow' })).toBe(false);
    expect((await app.snapshot()).windows[0]?.visible).toBe(false);
    await app.request({ cmd: 'clickMenu', item: 'open' });
    expect((await app.snapshot()).windows[0]?.visible).toBe(true);
  });

  it('notifies a failed run; the click opens the window even after a garbage collection', async () => {
    const app = launch(seededHome());
    await app.waitFor((s) => s.windows[0]?.visible === true, 'the window to show');
    await app.request({ cmd: 'closeWindow' });
    fake.injectFault({ path: 'connections', kind: 'status', status: 400, count: 5 });
    await invoke(app, 'syncNow');
    const state = await app.waitFor((s) => s.notifications.length === 1, 'a notification');
    expect(state.notifications[0]).toMatchObject({ title: 'Contacts sync failed', shown: true });
    expect(state.windows[0]?.visible).toBe(false);

    expect(await app.request({ cmd: 'clickNotification', index: 0 })).toBe(true);
    const after = await app.snapshot();
    expect(after.windows[0]?.visible).toBe(true);
    // Electron holds the tray weakly too: the app's reference keeps it through a collection.
    expect(after.traysCollected).toBe(0);
  });

  it('stays hidden when started hidden, even with a maximized window saved', async () => {
    // The window state lives beside the database, wherever that is.
    const home = seededHome('profile');
    fs.writeFileSync(
      path.join(home, 'profile', 'window-state.json'),
      JSON.stringify({ width: 900, height: 700, maximized: true }),
    );
    const app = launch(home, {
      args: ['--hidden'],
      env: { CONTACTS_SYNC_DB: path.join(home, 'profile', 'contacts.db') },
    });
    const state = await app.waitFor(
      (s) => s.windows[0]?.timeline.includes('ready-to-show') === true,
      'the page to load',
    );
    expect(state.windows[0]?.visible).toBe(false);

    await app.request({ cmd: 'clickTray' });
    const shown = await app.snapshot();
    expect(shown.windows[0]).toMatchObject({ visible: true, maximized: true });
  });

  it('refuses navigation, new windows and webviews in every web contents', async () => {
    const app = launch(seededHome());
    await started(app);
    for (const target of ['window', 'other'] as const) {
      expect(await app.request({ cmd: 'navigate', target, url: 'https://evil.example/' })).toBe(
        true,
      );
      expect(await app.request({ cmd: 'windowOpen', target, url: 'https://evil.example/' })).toBe(
        'deny',
      );
      expect(await app.request({ cmd: 'attachWebview', target })).toBe(true);
    }
    await app.request({
      cmd: 'windowOpen',
      target: 'other',
      url: 'https://contacts.google.com/person/c1',
    });
    const state = await app.snapshot();
    expect(state.openedExternal).toEqual(['https://contacts.google.com/person/c1']);
  });

  it('ignores the development environment when packaged, unless the developer flag is set', async () => {
    const env = {
      STANDIN_PACKAGED: '1',
      STANDIN_NO_ENCRYPTION: '1',
      CONTACTS_SYNC_ALLOW_UNENCRYPTED_TOKENS: '1',
    };
    const packaged = launch(seededHome(), { env });
    expect(await exitedOrStarted(packaged)).toBe(1);
    const developer = launch(seededHome(), { env: { ...env, CONTACTS_SYNC_DEVELOPER: '1' } });
    expect(await exitedOrStarted(developer)).toBe('started');
  });
});
