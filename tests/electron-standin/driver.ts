/**
 * Lets the test process drive the app: each message (driver-protocol.ts) acts as Electron or the
 * person would — a renderer's IPC call, a tray menu click, a notification click after a garbage
 * collection, closing the window, a navigation — and is answered with its outcome.
 */
import type { IpcMainInvokeEvent, MenuItemConstructorOptions } from 'electron';
import { app } from './app.js';
import type {
  Command,
  FetchAnswer,
  MenuItemSnapshot,
  Reply,
  Request,
  Snapshot,
} from './driver-protocol.js';
import { ipcMain, type Tray } from './modules.js';
import { record } from './record.js';
import { allWindows, StandinWebContents, type StandinWindow } from './windows.js';

const APP_PAGE = 'app://renderer/index.html';
let other: StandinWebContents | null = null;

function mainWindow(): StandinWindow {
  const window = allWindows()[0];
  if (!window) throw new Error('no window');
  return window;
}

function currentTray(): Tray | null {
  return (record.trays.at(-1)?.ref.deref() as Tray | undefined) ?? null;
}

function menuSnapshot(items: MenuItemConstructorOptions[]): MenuItemSnapshot[] {
  return items
    .filter((item) => item.type !== 'separator')
    .map((item) => ({
      id: item.id ?? null,
      label: item.label ?? null,
      enabled: item.enabled !== false,
      submenu: Array.isArray(item.submenu) ? menuSnapshot(item.submenu) : null,
    }));
}

function findItem(
  items: MenuItemConstructorOptions[],
  id: string,
): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const found = Array.isArray(item.submenu) ? findItem(item.submenu, id) : undefined;
    if (found) return found;
  }
  return undefined;
}

function snapshot(): Snapshot {
  const tray = currentTray();
  return {
    ready: record.ready,
    singleInstanceLock: record.singleInstanceLock,
    secondInstances: record.secondInstances,
    privilegedSchemes: record.privilegedSchemes,
    protocolHandlers: [...record.protocolHandlers.keys()],
    permissionHandlersSet: record.permissionCheckHandlerSet && record.permissionRequestHandlerSet,
    ipcChannels: [...ipcMain.handlers.keys()],
    ipcListeners: ipcMain.eventNames().map(String),
    windows: allWindows().map((window) => ({
      webContentsId: window.webContents.id,
      visible: window.isVisible(),
      maximized: window.isMaximized(),
      destroyed: window.isDestroyed(),
      timeline: window.timeline,
      webPreferences: { ...window.options.webPreferences },
      pages: window.pages,
      sent: window.webContents.sent.map((message) => message.channel),
    })),
    tray: tray && {
      toolTip: tray.toolTip,
      image: tray.image.dataUrl,
      destroyed: tray.destroyed,
      menu: menuSnapshot(tray.menu?.items ?? []),
    },
    traysCollected: record.trays.filter((entry) => entry.collected).length,
    notifications: record.notifications.map(({ title, body, shown, collected }) => ({
      title,
      body,
      shown,
      collected,
    })),
    openedExternal: record.openedExternal,
    errorBoxes: record.errorBoxes,
    webContentsCreated: record.webContentsCreated,
  };
}

/** Time passes between a notification appearing and the click: let the collector run. */
async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start the app with --expose-gc');
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  await new Promise((resolve) => setImmediate(resolve));
}

function contents(target: 'window' | 'other'): StandinWebContents {
  if (target === 'window') return mainWindow().webContents;
  other ??= new StandinWebContents();
  return other;
}

function preventable() {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

async function run(command: Command): Promise<unknown> {
  switch (command.cmd) {
    case 'snapshot':
      return snapshot();
    case 'invoke': {
      const handler = ipcMain.handlers.get(command.channel);
      if (!handler) throw new Error(`No handler registered for '${command.channel}'`);
      const sender = mainWindow().webContents;
      const event = { sender, senderFrame: { url: command.frameUrl ?? APP_PAGE, parent: null } };
      return handler(event as unknown as IpcMainInvokeEvent, command.payload);
    }
    case 'clickMenu': {
      const item = findItem(record.lastMenu ?? [], command.item);
      if (!item?.click) throw new Error(`no menu item ${command.item} with a click`);
      (item.click as () => void)();
      return null;
    }
    case 'clickTray':
      return currentTray()?.emit('click') ?? false;
    case 'clickNotification': {
      await collectGarbage();
      const notification = record.notifications[command.index]?.ref.deref();
      // A collected notification's click reaches nobody, as in Electron.
      return notification ? notification.emit('click') : false;
    }
    case 'closeWindow':
      return mainWindow().tryClose();
    case 'navigate': {
      const event = preventable();
      contents(command.target).emit('will-navigate', event, command.url);
      return event.prevented;
    }
    case 'windowOpen':
      return contents(command.target).windowOpenHandler?.({ url: command.url }).action ?? 'allow';
    case 'attachWebview': {
      const event = preventable();
      contents(command.target).emit('will-attach-webview', event, {}, {});
      return event.prevented;
    }
    case 'quit':
      app.quit();
      return null;
    case 'fetch': {
      const handler = record.protocolHandlers.get(new URL(command.url).protocol.slice(0, -1));
      if (!handler) throw new Error(`No protocol handler for ${command.url}`);
      const response = await handler(new globalThis.Request(command.url));
      const answer: FetchAnswer = {
        status: response.status,
        contentType: response.headers.get('content-type'),
        bytes: (await response.arrayBuffer()).byteLength,
      };
      return answer;
    }
  }
}

export function startDriver(): void {
  if (!process.send) return;
  process.on('message', (message: Request) => {
    run(message)
      .then(
        (value): Reply => ({ id: message.id, ok: true, value }),
        (error: unknown): Reply => ({ id: message.id, ok: false, error: String(error) }),
      )
      .then((reply) => process.send?.(reply));
  });
}
