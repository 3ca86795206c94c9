/**
 * What the stand-in Electron saw, for the driver to report: module state shared by its parts.
 * Objects Electron holds weakly (notifications, trays) are held here through WeakRef only, so a
 * composition root that drops its reference loses them as it would under Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface NotificationRecord {
  title: string;
  body: string;
  shown: boolean;
  ref: WeakRef<{ emit(event: 'click'): boolean }>;
  collected: boolean;
}

export interface ErrorBox {
  title: string;
  content: string;
}

export const record = {
  ready: false,
  /** Whether requestSingleInstanceLock() got the lock (null: never asked). */
  singleInstanceLock: null as boolean | null,
  secondInstances: 0,
  privilegedSchemes: [] as string[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  permissionRequestHandlerSet: false,
  permissionCheckHandlerSet: false,
  notifications: [] as NotificationRecord[],
  trays: [] as Array<{ ref: WeakRef<object>; collected: boolean }>,
  lastMenu: null as MenuItemConstructorOptions[] | null,
  openedExternal: [] as string[],
  errorBoxes: [] as ErrorBox[],
  loginItemSettings: [] as unknown[],
  webContentsCreated: 0,
  exitCode: null as number | null,
};

const collected = new FinalizationRegistry<() => void>((mark) => mark());

/** Keeps `target` weakly and marks its record collected once the garbage collector takes it. */
export function holdWeakly<T extends object>(target: T, onCollected: () => void): WeakRef<T> {
  collected.register(target, onCollected);
  return new WeakRef(target);
}

/** Electron throws for calls that need the app to be ready; so does the stand-in. */
export function requireReady(what: string): void {
  if (!record.ready) throw new Error(`${what} cannot be used before the app is ready`);
}
