/** The renderer's one way to the app: `window.api` from the preload, or the preview transport. */
import { createApiClient, type ContactsApi } from '../shared/api/contract.js';
import { createPreviewTransport } from './preview-transport.js';

declare global {
  interface Window {
    /** Exposed by src/main/preload.ts in Electron; absent in a normal browser (preview mode). */
    readonly api?: ContactsApi;
  }
}

export function resolveApi(): ContactsApi {
  return window.api ?? createApiClient(createPreviewTransport(window.location));
}
