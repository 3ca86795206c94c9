/**
 * The slices of Electron's objects the shell uses, as interfaces. The composition root passes the
 * real objects (tsc checks they fit); tests pass typed fakes (DESIGN §2).
 */
import type { Rectangle } from 'electron';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface FrameLike {
  readonly url: string;
  /** null for a window's top frame. */
  readonly parent: unknown;
}

export interface IpcInvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface WebContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  getNormalBounds(): Rectangle;
  loadURL(url: string): Promise<void>;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export interface MenuLike {
  readonly items: unknown[];
}

/** `Image` is Electron's NativeImage in the app, anything in tests. */
export interface TrayLike<Image> {
  setImage(image: Image): void;
  setToolTip(text: string): void;
  setContextMenu(menu: MenuLike | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/** `new Notification({title, body})` as a function, so tests need no class. */
export type ShowNotification = (
  content: { title: string; body: string },
  onClick: () => void,
) => void;
