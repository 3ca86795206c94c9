/**
 * Typed fakes of the Electron objects the shell uses: each implements the shell's port, so a
 * change to a port breaks these at compile time rather than letting tests drift.
 */
import type { Rectangle } from 'electron';
import type { ApiEvent, ApiResult } from '../../src/shared/api/contract.js';
import type { ApiEndpoint } from '../../src/main/core/api/ports.js';
import type {
  BrowserWindowLike,
  IpcInvokeEventLike,
  IpcMainLike,
  IpcRendererLike,
  MenuLike,
  PreventableEvent,
  TrayLike,
  WebContentsLike,
} from '../../src/main/shell/ports.js';

type Listener = (...args: never[]) => unknown;

/** Event-emitter bookkeeping shared by the fakes. */
class Listeners {
  private readonly map = new Map<string, Listener[]>();
  add(event: string, listener: Listener): void {
    this.map.set(event, [...(this.map.get(event) ?? []), listener]);
  }
  remove(event: string, listener: Listener): void {
    this.map.set(
      event,
      (this.map.get(event) ?? []).filter((l) => l !== listener),
    );
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.map.get(event) ?? [])
      (listener as (...a: unknown[]) => void)(...args);
  }
  count(event: string): number {
    return this.map.get(event)?.length ?? 0;
  }
}

export class FakeEvent implements PreventableEvent {
  prevented = false;
  preventDefault(): void {
    this.prevented = true;
  }
}

type InvokeListener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    // Electron refuses a second handler for a channel.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: IpcInvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  readonly listeners = new Listeners();
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: channel });
  }
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): this {
    this.listeners.add(channel, listener);
    return this;
  }
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): this {
    this.listeners.remove(channel, listener);
    return this;
  }
}

export class FakeWebContents implements WebContentsLike {
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly listeners = new Listeners();
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  constructor(readonly id: number) {}
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): this;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): this;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): this;
  on(event: string, listener: Listener): this {
    this.listeners.add(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
}

/** An IPC event from `contents`' top frame showing `url`. */
export function ipcEvent(
  contents: { id: number },
  url = 'app://renderer/index.html',
  parent: unknown = null,
): IpcInvokeEventLike {
  return { sender: { id: contents.id }, senderFrame: { url, parent } };
}

export class FakeBrowserWindow implements BrowserWindowLike {
  readonly listeners = new Listeners();
  visible = false;
  minimized = false;
  maximized = false;
  destroyed = false;
  focused = 0;
  loaded: string[] = [];
  bounds: Rectangle = { x: 10, y: 20, width: 900, height: 700 };
  constructor(readonly webContents: FakeWebContents) {}
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused++;
  }
  restore(): void {
    this.minimized = false;
  }
  /** Electron: maximize() also shows a hidden window. */
  maximize(): void {
    this.maximized = true;
    this.visible = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): Rectangle {
    return this.bounds;
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  on(event: 'close', listener: (event: PreventableEvent) => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  once(event: 'ready-to-show', listener: () => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  /** Closing as Electron does: listeners first, then (unless prevented) destroyed. */
  close(): FakeEvent {
    const event = new FakeEvent();
    this.listeners.emit('close', event);
    if (!event.prevented) this.destroyed = true;
    return event;
  }
}

export class FakeImage {
  constructor(readonly name: string) {}
}

export class FakeMenu implements MenuLike {
  constructor(readonly items: unknown[]) {}
}

export class FakeTray implements TrayLike<FakeImage> {
  readonly listeners = new Listeners();
  image: FakeImage | undefined;
  tooltip = '';
  menu: MenuLike | null = null;
  destroyed = false;
  setImage(image: FakeImage): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: MenuLike | null): void {
    this.menu = menu;
  }
  on(event: 'click', listener: () => void): this {
    this.listeners.add(event, listener);
    return this;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** An API endpoint that records calls and lets the test push events. */
export class FakeEndpoint implements ApiEndpoint {
  readonly calls: Array<{ method: unknown; payload: unknown }> = [];
  private readonly subscribers = new Set<(event: ApiEvent) => void>();
  call(method: unknown, payload: unknown): Promise<ApiResult<unknown>> {
    this.calls.push({ method, payload });
    return Promise.resolve({ ok: true, value: { echo: method } });
  }
  subscribe(listener: (event: ApiEvent) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }
  get subscriberCount(): number {
    return this.subscribers.size;
  }
  emit(event: ApiEvent): void {
    for (const listener of this.subscribers) listener(event);
  }
}
