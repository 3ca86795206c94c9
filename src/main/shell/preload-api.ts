/**
 * `window.api` as the preload builds it over ipcRenderer: the contract's verbs and
 * `on…(callback) → unsubscribe`. The renderer never sees ipcRenderer or the IPC event object.
 */
import {
  createApiClient,
  eventChannel,
  methodChannel,
  type ApiResult,
  type ContactsApi,
} from '../../shared/api/contract.js';
import type { IpcRendererLike } from './ports.js';

export function createIpcApi(ipc: IpcRendererLike): ContactsApi {
  return createApiClient({
    invoke: (method, request) =>
      ipc.invoke(methodChannel(method), request) as Promise<ApiResult<unknown>>,
    listen: (event, callback) => {
      // Drops the IPC event (it carries `sender`, a way back into ipcRenderer).
      const listener = (_event: unknown, payload: unknown) => callback(payload);
      ipc.on(eventChannel(event), listener);
      return () => {
        ipc.removeListener(eventChannel(event), listener);
      };
    },
  });
}
