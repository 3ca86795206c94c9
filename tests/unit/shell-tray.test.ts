import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  TrayController,
  trayIconState,
  trayMenuTemplate,
  TRAY_ICON_STATES,
  type TrayActions,
  type TrayIconState,
} from '../../src/main/shell/tray.js';
import { TRAY_ICONS } from '../../src/main/shell/tray-icons.js';
import { withProgress } from '../../src/shared/api/status-text.js';
import { NOW, progress, status, summary } from './api-fixtures.js';
import { FakeImage, FakeMenu, FakeTray } from './shell-fakes.js';

function recordingActions() {
  const calls: string[] = [];
  const actions: TrayActions = {
    syncNow: () => calls.push('syncNow'),
    pause: (choice) => calls.push(`pause:${choice}`),
    resume: () => calls.push('resume'),
    open: () => calls.push('open'),
    quit: () => calls.push('quit'),
  };
  return { calls, actions };
}

/** Finds an item by id anywhere in the template. */
function item(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  for (const entry of template) {
    if (entry.id === id) return entry;
    const inner = Array.isArray(entry.submenu) ? entry.submenu : [];
    const found = inner.find((e) => e.id === id);
    if (found) return found;
  }
  throw new Error(`no menu item ${id}`);
}

const click = (entry: MenuItemConstructorOptions) => (entry.click as (() => void) | undefined)?.();

describe('tray icon', () => {
  it('has an icon for each state, and maps every app state onto one', () => {
    expect(trayIconState('syncing')).toBe('syncing');
    expect(trayIconState('sign_in_needed')).toBe('error');
    expect(trayIconState('error')).toBe('error');
    expect(trayIconState('paused')).toBe('paused');
    expect(trayIconState('idle')).toBe('idle');
    expect(trayIconState('no_accounts')).toBe('idle');
    for (const state of TRAY_ICON_STATES) {
      expect(TRAY_ICONS[state]).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    }
  });
});

describe('tray menu', () => {
  it('starts with the status line, disabled', () => {
    const { actions } = recordingActions();
    const lines = [
      status(),
      status({ state: 'syncing', progress: [progress()] }),
      status({ state: 'sign_in_needed' }),
    ].map((s) => item(trayMenuTemplate(s, NOW, actions, { canPause: true }), 'status'));
    expect(lines.map((l) => l.label)).toEqual([
      'Last synced 5 min ago',
      'Syncing… 42%',
      'Sign-in needed',
    ]);
    expect(lines.every((l) => l.enabled === false)).toBe(true);
  });

  it('runs the actions of its items', () => {
    const { calls, actions } = recordingActions();
    const template = trayMenuTemplate(
      status({ autoSyncPausedUntil: 'indefinitely' }),
      NOW,
      actions,
      {
        canPause: true,
      },
    );
    for (const id of ['sync-now', 'pause-1h', 'pause-tomorrow', 'resume', 'open', 'quit']) {
      click(item(template, id));
    }
    expect(calls).toEqual(['syncNow', 'pause:1h', 'pause:tomorrow', 'resume', 'open', 'quit']);
  });

  it('offers Sync Now only when a sync can start, Resume only when paused', () => {
    const { actions } = recordingActions();
    const menu = (s = status(), canPause = true) => trayMenuTemplate(s, NOW, actions, { canPause });
    expect(item(menu(), 'sync-now').enabled).toBe(true);
    expect(item(menu(status({ state: 'syncing' })), 'sync-now').enabled).toBe(false);
    expect(item(menu(status({ state: 'no_accounts', accounts: [] })), 'sync-now').enabled).toBe(
      false,
    );
    expect(item(menu(), 'resume').enabled).toBe(false);
    expect(item(menu(status({ autoSyncPausedUntil: NOW.toISOString() })), 'resume').enabled).toBe(
      true,
    );
    expect(item(menu(status(), false), 'pause').enabled).toBe(false);
  });

  it('lists each account whose deletions wait for confirmation; the item opens the window', () => {
    const { calls, actions } = recordingActions();
    const pendingDeletions = { count: 1_600, since: NOW.toISOString() };
    const waiting = status({ accounts: [summary({ pendingDeletions })] });
    const template = trayMenuTemplate(waiting, NOW, actions, { canPause: true });
    const entry = item(template, 'pending-deletions-1');
    expect(entry.label).toBe('ada@example.com: 1,600 deleted contacts wait for your confirmation…');
    click(entry);
    expect(calls).toEqual(['open']);
    const none = trayMenuTemplate(status(), NOW, actions, { canPause: true });
    expect(none.some((e) => e.id?.startsWith('pending-deletions'))).toBe(false);
  });
});

describe('tray controller', () => {
  function setup() {
    const tray = new FakeTray();
    const icons = Object.fromEntries(TRAY_ICON_STATES.map((s) => [s, new FakeImage(s)])) as Record<
      TrayIconState,
      FakeImage
    >;
    const { calls, actions } = recordingActions();
    const controller = new TrayController(
      {
        tray,
        icons,
        actions,
        canPause: false,
        now: () => NOW,
        buildMenu: (template) => new FakeMenu(template),
      },
      status(),
    );
    const menu = () => tray.menu?.items as MenuItemConstructorOptions[];
    return { tray, calls, controller, menu };
  }

  it('shows the status from the start, and opens the window on click', () => {
    const { tray, calls, menu } = setup();
    expect(tray.image?.name).toBe('idle');
    expect(tray.tooltip).toBe('Contacts Sync Agent: Last synced 5 min ago');
    expect(item(menu(), 'status').label).toBe('Last synced 5 min ago');
    tray.listeners.emit('click');
    expect(calls).toEqual(['open']);
  });

  it('follows status and progress events', () => {
    const { tray, controller, menu } = setup();
    controller.onEvent({ name: 'statusChanged', payload: status({ state: 'syncing' }) });
    expect(tray.image?.name).toBe('syncing');
    expect(item(menu(), 'status').label).toBe('Syncing…');
    controller.onEvent({ name: 'syncProgress', payload: progress({ fetched: 900 }) });
    expect(item(menu(), 'status').label).toBe('Syncing… 90%');
    controller.onEvent({ name: 'statusChanged', payload: status({ state: 'error' }) });
    expect(tray.image?.name).toBe('error');
    controller.destroy();
    expect(tray.destroyed).toBe(true);
  });

  it('ignores progress that arrives after the run finished', () => {
    const idle = status();
    expect(withProgress(idle, progress())).toBe(idle);
    const syncing = status({ state: 'syncing', progress: [progress({ fetched: 1 })] });
    expect(withProgress(syncing, progress({ fetched: 2 })).progress).toEqual([
      progress({ fetched: 2 }),
    ]);
  });
});
