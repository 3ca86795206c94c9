/**
 * The stand-in BrowserWindow and its webContents. Behaves as Electron documents where the app
 * depends on it: windows start hidden with `show: false`; `maximize()` shows a hidden window;
 * 'ready-to-show' follows the page load, which goes through the registered app:// protocol
 * handler (so its response, CSP included, is recorded); every new webContents is announced
 * through app 'web-contents-created'.
 */
import { EventEmitter } from 'node:events';
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Rectangle,
  WebContents,
} from 'electron';
import { record, requireReady } from './record.js';

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export interface PageLoad {
  url: string;
  status: number;
  csp: string | null;
}

let nextId = 1;
/** Electron keeps every window alive until it is destroyed. */
const windows: StandinWindow[] = [];
let onWebContentsCreated: (contents: StandinWebContents) => void = () => undefined;

export function allWindows(): StandinWindow[] {
  return windows.filter((window) => !window.isDestroyed());
}

export function announceWebContents(listener: (contents: StandinWebContents) => void): void {
  onWebContentsCreated = listener;
}

export class StandinWebContents
  extends EventEmitter
  implements Pick<WebContents, 'id' | 'send' | 'isDestroyed'>
{
  readonly id = nextId++;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  destroyed = false;

  constructor() {
    super();
    onWebContentsCreated(this);
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
}

type WindowSlice = Pick<
  BrowserWindow,
  | 'show'
  | 'hide'
  | 'focus'
  | 'restore'
  | 'maximize'
  | 'isMinimized'
  | 'isMaximized'
  | 'isDestroyed'
  | 'isVisible'
  | 'getNormalBounds'
  | 'close'
  | 'destroy'
>;

export class StandinWindow extends EventEmitter implements WindowSlice {
  static getAllWindows(): StandinWindow[] {
    return allWindows();
  }

  readonly webContents = new StandinWebContents();
  /** What happened to the window, in order: 'show', 'maximize', 'ready-to-show', 'hide'… */
  readonly timeline: string[] = [];
  pages: PageLoad[] = [];
  private visible: boolean;
  private maximized = false;
  private destroyed = false;
  private readonly bounds: Rectangle;

  constructor(readonly options: BrowserWindowConstructorOptions = {}) {
    super();
    requireReady('BrowserWindow');
    this.visible = options.show !== false;
    this.bounds = {
      x: options.x ?? 100,
      y: options.y ?? 100,
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
    windows.push(this);
  }

  show(): void {
    this.timeline.push('show');
    this.visible = true;
  }

  hide(): void {
    this.timeline.push('hide');
    this.visible = false;
  }

  focus(): void {}

  restore(): void {}

  /** Electron: "This will also show (but not focus) the window if it isn't being displayed". */
  maximize(): void {
    this.timeline.push('maximize');
    this.maximized = true;
    this.visible = true;
  }

  isMinimized(): boolean {
    return false;
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  isVisible(): boolean {
    return this.visible;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getNormalBounds(): Rectangle {
    return { ...this.bounds };
  }

  /** Loads through the registered protocol handler, then 'ready-to-show' as Chromium paints. */
  async loadURL(url: string): Promise<void> {
    const scheme = new URL(url).protocol.replace(/:$/, '');
    const handler = record.protocolHandlers.get(scheme);
    if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME (${url})`);
    const response = await handler(new Request(url));
    this.pages.push({
      url,
      status: response.status,
      csp: response.headers.get('Content-Security-Policy'),
    });
    if (this.destroyed) return;
    this.timeline.push('ready-to-show');
    this.emit('ready-to-show');
  }

  close(): void {
    this.tryClose();
  }

  /** Emits 'close' (preventable); false when a listener kept the window. */
  tryClose(): boolean {
    if (this.destroyed) return true;
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return false;
    this.destroy();
    return true;
  }

  destroy(): void {
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}
