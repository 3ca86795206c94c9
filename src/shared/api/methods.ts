/**
 * The names of the API's calls and events, and the channels they travel on. Kept apart from the
 * schemas so the preload script (bundled on its own, DESIGN §1) ships without zod.
 */

export const API_METHODS = [
  'getStatus',
  'syncNow',
  'cancelSync',
  'listHistory',
  'clearHistory',
  'getRunChanges',
  'getStatistics',
  'getTimeline',
  'getSyncHealth',
  'searchContacts',
  'getContact',
  'listLabels',
  'listAccounts',
  'connectAccount',
  'cancelConnect',
  'disconnectAccount',
  'getSettings',
  'updateSettings',
  'pauseAutoSync',
  'resumeAutoSync',
  'exportContacts',
  'listCalendars',
  'setCalendarSelected',
  'getAgenda',
  'getCalendarStatus',
  'getSignInClient',
  'setSignInClient',
  'clearSignInClient',
  'listDeletedContacts',
  'getSharing',
  'updateSharing',
  'regenerateSharingPassword',
  'contactLetters',
] as const;
export type ApiMethod = (typeof API_METHODS)[number];

/** Pushed by main to every connected client. */
export const API_EVENTS = [
  'syncProgress',
  'runFinished',
  'statusChanged',
  'accountsChanged',
  'exportProgress',
  'photosUpdated',
] as const;
export type ApiEventName = (typeof API_EVENTS)[number];

/** `includes` over the list rather than `in`, so `__proto__` or `toString` are never methods. */
export function isApiMethod(value: unknown): value is ApiMethod {
  return typeof value === 'string' && (API_METHODS as readonly string[]).includes(value);
}

export function isApiEventName(value: unknown): value is ApiEventName {
  return typeof value === 'string' && (API_EVENTS as readonly string[]).includes(value);
}

/** Electron IPC channel of a call (`ipcMain.handle`) and of an event (`webContents.send`). */
export const methodChannel = (method: ApiMethod): string => `api:call:${method}`;
export const eventChannel = (event: ApiEventName): string => `api:event:${event}`;

/** `syncProgress` → `onSyncProgress`: the subscribe function's name on `window.api`. */
export type ListenerName<E extends ApiEventName> = `on${Capitalize<E>}`;
export function listenerName<E extends ApiEventName>(event: E): ListenerName<E> {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as ListenerName<E>;
}
