/** Messages between a test and the app running on the stand-in Electron (child process IPC). */
import type { PageLoad } from './windows.js';

export interface MenuItemSnapshot {
  id: string | null;
  label: string | null;
  enabled: boolean;
  submenu: MenuItemSnapshot[] | null;
}

export interface WindowSnapshot {
  webContentsId: number;
  visible: boolean;
  maximized: boolean;
  destroyed: boolean;
  timeline: string[];
  webPreferences: Record<string, unknown>;
  pages: PageLoad[];
  /** Channels of everything sent to the window's web contents, in order. */
  sent: string[];
}

export interface Snapshot {
  ready: boolean;
  singleInstanceLock: boolean | null;
  secondInstances: number;
  privilegedSchemes: string[];
  protocolHandlers: string[];
  permissionHandlersSet: boolean;
  ipcChannels: string[];
  /** Channels with `ipcMain.on` listeners (electron-store answers its renderer side on one). */
  ipcListeners: string[];
  windows: WindowSnapshot[];
  tray: { toolTip: string; image: string; destroyed: boolean; menu: MenuItemSnapshot[] } | null;
  traysCollected: number;
  notifications: Array<{ title: string; body: string; shown: boolean; collected: boolean }>;
  openedExternal: string[];
  errorBoxes: Array<{ title: string; content: string }>;
  webContentsCreated: number;
}

/** Which web contents a navigation command targets: the window's, or one created for the test. */
export type ContentsTarget = 'window' | 'other';

export type Command =
  | { cmd: 'snapshot' }
  | { cmd: 'invoke'; channel: string; payload: unknown; frameUrl?: string }
  | { cmd: 'clickMenu'; item: string }
  | { cmd: 'clickTray' }
  | { cmd: 'clickNotification'; index: number }
  | { cmd: 'closeWindow' }
  | { cmd: 'navigate'; target: ContentsTarget; url: string }
  | { cmd: 'windowOpen'; target: ContentsTarget; url: string }
  | { cmd: 'attachWebview'; target: ContentsTarget }
  | { cmd: 'quit' }
  /** A request to a registered protocol handler, as the window's page would make it. */
  | { cmd: 'fetch'; url: string };

export interface FetchAnswer {
  status: number;
  contentType: string | null;
  bytes: number;
}

export type Request = Command & { id: number };
export type Reply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
