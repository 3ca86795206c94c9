/**
 * The rest of the stand-in's Electron API, each as small as the app needs. Notifications and
 * trays are held weakly, as Electron holds them: the app must keep its own reference.
 */
import { EventEmitter } from 'node:events';
import type {
  CustomScheme,
  Dialog,
  IpcMain,
  IpcMainInvokeEvent,
  MenuItemConstructorOptions,
  NotificationConstructorOptions,
  Protocol,
  SafeStorage,
  Screen,
  Shell,
} from 'electron';
import { holdWeakly, record, requireReady } from './record.js';

type Invoke = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown> | unknown;

class StandinIpcMain extends EventEmitter implements Pick<IpcMain, 'handle' | 'removeHandler'> {
  readonly handlers = new Map<string, Invoke>();

  handle(channel: string, listener: Invoke): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new StandinIpcMain();

export class Menu {
  private constructor(readonly items: MenuItemConstructorOptions[]) {}

  static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu {
    return new Menu(template);
  }
}

export class StandinImage {
  constructor(readonly dataUrl: string) {}
}
export const nativeImage = {
  createFromDataURL: (dataUrl: string) => new StandinImage(dataUrl),
};

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }

  private readonly index: number;

  constructor(options: NotificationConstructorOptions = {}) {
    super();
    this.index = record.notifications.length;
    const entry = {
      title: options.title ?? '',
      body: options.body ?? '',
      shown: false,
      collected: false,
      ref: holdWeakly(this, () => (entry.collected = true)),
    };
    record.notifications.push(entry);
  }

  show(): void {
    const entry = record.notifications[this.index];
    if (entry) entry.shown = true;
  }

  close(): void {
    this.emit('close');
  }
}

export class Tray extends EventEmitter {
  image: StandinImage;
  toolTip = '';
  menu: Menu | null = null;
  destroyed = false;

  constructor(image: StandinImage) {
    super();
    requireReady('Tray');
    this.image = image;
    const entry = { collected: false, ref: holdWeakly(this, () => (entry.collected = true)) };
    record.trays.push(entry);
  }

  setImage(image: StandinImage): void {
    this.image = image;
  }

  setToolTip(text: string): void {
    this.toolTip = text;
  }

  setContextMenu(menu: Menu | null): void {
    this.menu = menu;
    record.lastMenu = menu?.items ?? null;
  }

  destroy(): void {
    this.destroyed = true;
  }
}

export const protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'> = {
  registerSchemesAsPrivileged(schemes: CustomScheme[]) {
    // Electron: "This method can only be used before the ready event of the app module".
    if (record.ready) throw new Error('registerSchemesAsPrivileged must be called before ready');
    record.privilegedSchemes.push(...schemes.map((scheme) => scheme.scheme));
  },
  handle(scheme, handler) {
    requireReady('protocol.handle');
    if (record.protocolHandlers.has(scheme)) throw new Error(`${scheme} is already handled`);
    record.protocolHandlers.set(scheme, handler as (request: Request) => Promise<Response>);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: () => {
      record.permissionRequestHandlerSet = true;
    },
    setPermissionCheckHandler: () => {
      record.permissionCheckHandlerSet = true;
    },
  },
};

export const shell: Pick<Shell, 'openExternal'> = {
  openExternal: (url: string) => {
    record.openedExternal.push(url);
    return Promise.resolve();
  },
};

export const dialog: Pick<Dialog, 'showErrorBox'> & {
  showSaveDialog(): Promise<{ canceled: boolean; filePath?: string }>;
} = {
  showErrorBox: (title: string, content: string) => record.errorBoxes.push({ title, content }),
  showSaveDialog: () => Promise.resolve({ canceled: true }),
};

export const screen: Pick<Screen, 'getAllDisplays'> = {
  getAllDisplays: () => {
    requireReady('screen');
    const bounds = { x: 0, y: 0, width: 1920, height: 1080 };
    return [{ workArea: bounds, bounds } as ReturnType<Screen['getAllDisplays']>[number]];
  },
};

export const powerMonitor = new EventEmitter();

/** Encryption is available unless STANDIN_NO_ENCRYPTION=1 (a Linux desktop without a keyring). */
export const safeStorage: Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
> = {
  isEncryptionAvailable: () => process.env['STANDIN_NO_ENCRYPTION'] !== '1',
  getSelectedStorageBackend: () =>
    process.env['STANDIN_NO_ENCRYPTION'] === '1' ? 'basic_text' : 'gnome_libsecret',
  encryptString: (text: string) => Buffer.from(`standin:${text}`),
  decryptString: (data: Buffer) => data.toString().replace(/^standin:/, ''),
};
