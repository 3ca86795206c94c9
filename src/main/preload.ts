/**
 * Preload of the app window (sandboxed, context-isolated): exposes the typed `window.api` and
 * nothing else. Bundled to CommonJS on its own by `npm run build`, as sandboxed preloads must be.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createIpcApi } from './shell/preload-api.js';

contextBridge.exposeInMainWorld('api', createIpcApi(ipcRenderer));
