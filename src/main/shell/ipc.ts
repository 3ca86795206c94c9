/**
 * The Electron transport of the API (DESIGN §1): one `ipcMain.handle` per contract call, each
 * answering only our own window's top frame, and every event sent to every open window.
 */
import {
  API_METHODS,
  eventChannel,
  methodChannel,
  type ApiResult,
} from '../../shared/api/contract.js';
import type { ApiEndpoint } from '../core/api/ports.js';
import { createLogger } from '../core/logger.js';
import { isAppUrl } from './navigation.js';
import type { IpcInvokeEventLike, IpcMainLike, WebContentsLike } from './ports.js';

const log = createLogger('ipc');

const untrusted: ApiResult<never> = {
  ok: false,
  error: { code: 'UNTRUSTED_SENDER', message: 'This request did not come from the app window.' },
};

/**
 * A request is ours when it comes from one of our windows' web contents, from its top frame,
 * showing our own app:// page — not a subframe, not a page it was navigated to.
 */
export function isTrustedSender(
  event: IpcInvokeEventLike,
  isOurWebContents: (id: number) => boolean,
): boolean {
  const frame = event.senderFrame;
  return (
    isOurWebContents(event.sender.id) &&
    frame !== null &&
    (frame.parent === null || frame.parent === undefined) &&
    isAppUrl(frame.url)
  );
}

export interface IpcBridgeOptions {
  ipcMain: IpcMainLike;
  endpoint: ApiEndpoint;
  /** The web contents of our windows, current at the time of each call or event. */
  windows: () => Iterable<WebContentsLike>;
}

/** Registers the API on ipcMain and forwards events; `dispose` undoes both. */
export class IpcBridge {
  private readonly unsubscribe: () => void;

  constructor(private readonly options: IpcBridgeOptions) {
    const { ipcMain, endpoint } = options;
    for (const method of API_METHODS) {
      ipcMain.handle(methodChannel(method), async (event, payload) => {
        if (!isTrustedSender(event, (id) => this.isOurs(id))) {
          log.warn('refused an IPC request from outside the app window', { method });
          return untrusted;
        }
        return endpoint.call(method, payload);
      });
    }
    this.unsubscribe = endpoint.subscribe((event) => {
      for (const contents of options.windows()) {
        if (!contents.isDestroyed()) contents.send(eventChannel(event.name), event.payload);
      }
    });
  }

  private isOurs(id: number): boolean {
    for (const contents of this.options.windows()) if (contents.id === id) return true;
    return false;
  }

  dispose(): void {
    this.unsubscribe();
    for (const method of API_METHODS) this.options.ipcMain.removeHandler(methodChannel(method));
  }
}
