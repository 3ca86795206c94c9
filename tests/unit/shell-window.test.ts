import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APP_URL,
  hardenWebContents,
  isAllowedExternalUrl,
  isAppUrl,
} from '../../src/main/shell/navigation.js';
import { MainWindow, windowOptions } from '../../src/main/shell/window.js';
import {
  DEFAULT_WINDOW_STATE,
  fitWindowState,
  WindowStateStore,
  type WindowState,
} from '../../src/main/shell/window-state.js';
import { FakeBrowserWindow, FakeEvent, FakeWebContents } from './shell-fakes.js';

const SCREEN = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window options', () => {
  it('locks the renderer down', () => {
    const options = windowOptions(DEFAULT_WINDOW_STATE, '/app/preload.cjs', { devTools: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(options.show).toBe(false);
  });

  it('uses the remembered size and position', () => {
    const options = windowOptions({ x: 5, y: 6, width: 800, height: 600, maximized: false }, 'p', {
      devTools: true,
    });
    expect(options).toMatchObject({ x: 5, y: 6, width: 800, height: 600 });
  });
});

describe('window state', () => {
  it('keeps a saved state that fits the screen', () => {
    expect(
      fitWindowState({ x: 100, y: 50, width: 900, height: 700, maximized: true }, SCREEN),
    ).toEqual({ x: 100, y: 50, width: 900, height: 700, maximized: true });
  });

  it('drops a position on a display that is gone, and clamps the size', () => {
    expect(fitWindowState({ x: 3000, y: 50, width: 5000, height: 100 }, SCREEN)).toEqual({
      width: 1920,
      height: 480,
      maximized: false,
    });
  });

  it('falls back to the default for anything unreadable', () => {
    for (const saved of [undefined, null, 'x', { width: 'wide' }, { width: -1, height: 5 }]) {
      expect(fitWindowState(saved, SCREEN)).toEqual(DEFAULT_WINDOW_STATE);
    }
  });

  let dir: string | undefined;
  afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('survives a restart through its file, and a damaged file', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-window-'));
    const file = path.join(dir, 'sub', 'window-state.json');
    const store = new WindowStateStore(file);
    expect(store.load(SCREEN)).toEqual(DEFAULT_WINDOW_STATE);
    const state: WindowState = { x: 40, y: 30, width: 1000, height: 800, maximized: false };
    store.save(state);
    expect(new WindowStateStore(file).load(SCREEN)).toEqual(state);
    fs.writeFileSync(file, '{not json');
    expect(new WindowStateStore(file).load(SCREEN)).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('navigation', () => {
  it('knows our own pages', () => {
    expect(isAppUrl(APP_URL)).toBe(true);
    expect(isAppUrl('app://renderer/assets/x.js')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('opens only Google account and contacts pages, mailto: and tel: outside', () => {
    for (const url of [
      'https://support.google.com/accounts',
      'https://accounts.google.com/signin',
      'https://myaccount.google.com/permissions',
      'https://contacts.google.com/person/c123',
      'https://console.cloud.google.com/apis/credentials',
      'mailto:ada@example.com',
      'tel:+441234567890',
      'mailto:jos%C3%A9@example.com',
      'tel:+1 (415) 555-0142',
      'tel:020.7946.0000',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
    for (const url of [
      'https://example.com/',
      'https://accounts.google.com.evil.example/',
      'https://evil.example/?next=https://accounts.google.com',
      'http://contacts.google.com/',
      'https://user:pass@accounts.google.com/',
      'mailto:',
      // One address, nothing else: no headers, attachments or hidden second recipients.
      'mailto:ada@example.com?attach=/etc/passwd',
      'mailto:ada@example.com?bcc=spy@example.net',
      'mailto:ada@example.com,spy@example.net',
      'mailto:ada@example.com%3Fbcc=spy@example.net',
      'mailto:ada@example.com#x',
      'mailto:%E0%A4%A@example.com',
      'mailto:not-an-address',
      // A number, never a service code (*21# forwards calls) or parameters.
      'tel:*21*0123#',
      'tel:%2A21%2A0123',
      'tel:+1;phone-context=evil',
      'tel:+1?call=1',
      'tel:',
      'tel:()',
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pass@example.com',
      'https://',
      'garbage',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('denies navigation, redirects, webviews and new windows', () => {
    const contents = new FakeWebContents(1);
    const opened: string[] = [];
    hardenWebContents(contents, (url) => {
      opened.push(url);
    });
    const events = ['will-navigate', 'will-redirect', 'will-attach-webview'].map((name) => {
      const event = new FakeEvent();
      contents.listeners.emit(name, event, 'https://example.com/page');
      return event;
    });
    expect(events.every((e) => e.prevented)).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://contacts.google.com/new' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'mailto:ada@example.com' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/new' })).toEqual({
      action: 'deny',
    });
    const page = new FakeEvent();
    contents.listeners.emit('will-navigate', page, 'https://myaccount.google.com/permissions');
    // Allow-listed links go to the system browser; other hosts and the redirect do not.
    expect(opened).toEqual([
      'https://contacts.google.com/new',
      'mailto:ada@example.com',
      'https://myaccount.google.com/permissions',
    ]);
  });
});

describe('main window', () => {
  function setup(quitting = false) {
    const saved: WindowState[] = [];
    const created: FakeBrowserWindow[] = [];
    const options: BrowserWindowConstructorOptions[] = [];
    const main = new MainWindow({
      createWindow: (o) => {
        options.push(o);
        const window = new FakeBrowserWindow(new FakeWebContents(created.length + 1));
        created.push(window);
        return window;
      },
      stateStore: {
        load: () => ({ ...DEFAULT_WINDOW_STATE, maximized: true }),
        save: (s) => saved.push(s),
      },
      workAreas: () => SCREEN,
      preloadPath: '/preload.cjs',
      devTools: false,
      isQuitting: () => quitting,
    });
    return { main, saved, created, options };
  }

  it('loads the app and shows it, maximized as saved, when ready unless starting hidden', () => {
    const { main, created } = setup();
    const window = main.create({ show: false }) as FakeBrowserWindow;
    expect(window.loaded).toEqual([APP_URL]);
    window.listeners.emit('ready-to-show');
    // maximize() would show it: a start in the tray keeps the saved maximized state for later.
    expect(window).toMatchObject({ visible: false, maximized: false });
    main.show();
    expect(window).toMatchObject({ visible: true, maximized: true });
    const shown = setup().main.create({ show: true }) as FakeBrowserWindow;
    expect(shown.visible).toBe(false);
    shown.listeners.emit('ready-to-show');
    expect(shown).toMatchObject({ visible: true, maximized: true });
    expect(created).toHaveLength(1);
  });

  it('never shows a blank window: a show before the page is ready waits for it', () => {
    const { main } = setup();
    const window = main.create({ show: false }) as FakeBrowserWindow;
    main.show();
    expect(window.visible).toBe(false);
    window.listeners.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('stays closed when closed before its page was ready', () => {
    const { main } = setup();
    const window = main.create({ show: true }) as FakeBrowserWindow;
    window.close();
    window.listeners.emit('ready-to-show');
    expect(window.visible).toBe(false);
  });

  it('hides to the tray on close and remembers its bounds', () => {
    const { main, saved } = setup();
    const window = main.create({ show: true }) as FakeBrowserWindow;
    window.listeners.emit('ready-to-show');
    const event = window.close();
    expect(event.prevented).toBe(true);
    expect(window.visible).toBe(false);
    expect(window.destroyed).toBe(false);
    expect(saved).toEqual([{ ...window.bounds, maximized: true }]);
  });

  it('really closes once quitting', () => {
    const { main } = setup(true);
    const window = main.create({ show: true }) as FakeBrowserWindow;
    expect(window.close().prevented).toBe(false);
    expect(main.webContents()).toEqual([]);
  });

  it('brings the window back: restored, shown, focused; recreated when gone', () => {
    const { main, created } = setup();
    const window = main.create({ show: false }) as FakeBrowserWindow;
    window.listeners.emit('ready-to-show');
    window.minimized = true;
    main.show();
    expect(window).toMatchObject({ minimized: false, visible: true, focused: 1 });
    window.destroyed = true;
    main.show();
    created[1]?.listeners.emit('ready-to-show');
    expect(created).toHaveLength(2);
    expect(created[1]?.visible).toBe(true);
    expect(main.webContents()).toEqual([created[1]?.webContents]);
  });
});
