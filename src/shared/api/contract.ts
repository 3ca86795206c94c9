/**
 * The API between main and the renderer (DESIGN §1): one contract, one handler table in
 * src/main/core/api, two transports (Electron IPC and the preview WebSocket).
 */
import type { Account, ContactPage, Statistics, SyncRun } from '../domain.js';
import {
  API_EVENTS,
  API_METHODS,
  listenerName,
  type ApiEventName,
  type ApiMethod,
  type ListenerName,
} from './methods.js';
import type { ApiRequest } from './schemas.js';
import type { SharingStatus } from './sharing.js';
import type { AgendaItem, CalendarAccountStatus, CalendarSummary } from '../calendar.js';
import type { ContactLetter } from './contact-list.js';
import type {
  ApiEventPayloads,
  ApiResult,
  AppStatus,
  AutoSyncPause,
  CancelSyncResult,
  ClearHistoryResult,
  ContactDetail,
  DeletedContactPage,
  DisconnectResult,
  ExportResult,
  Label,
  RunChanges,
  Settings,
  SignInClientInfo,
  SyncHealth,
  SyncNowResult,
  Timeline,
} from './types.js';

export * from './methods.js';
export type * from './types.js';
export { API_ERROR_CODES, EXPORT_FORMATS, OVERALL_STATES, PAUSE_CHOICES } from './types.js';
export { CONTACT_SORTS } from './contact-list.js';
export type { ContactLetter, ContactSort } from './contact-list.js';
export type { ApiRequest, ParsedRequest, SettingsPatch } from './schemas.js';
export type { AgendaItem, CalendarAccountStatus, CalendarSummary } from '../calendar.js';
export type { SharingPatch, SharingStatus, ServiceClient } from './sharing.js';

/** What each call answers when it succeeds. */
export interface ApiResponses {
  getStatus: AppStatus;
  syncNow: SyncNowResult;
  cancelSync: CancelSyncResult;
  listHistory: SyncRun[];
  clearHistory: ClearHistoryResult;
  getRunChanges: RunChanges;
  getStatistics: Statistics;
  getTimeline: Timeline;
  getSyncHealth: SyncHealth;
  searchContacts: ContactPage;
  getContact: ContactDetail;
  listLabels: Label[];
  listAccounts: Account[];
  connectAccount: Account;
  cancelConnect: { cancelled: boolean };
  disconnectAccount: DisconnectResult;
  getSettings: Settings;
  updateSettings: Settings;
  pauseAutoSync: AutoSyncPause;
  resumeAutoSync: AutoSyncPause;
  exportContacts: ExportResult;
  listCalendars: CalendarSummary[];
  setCalendarSelected: CalendarSummary;
  getAgenda: AgendaItem[];
  getCalendarStatus: CalendarAccountStatus[];
  getSignInClient: SignInClientInfo;
  setSignInClient: SignInClientInfo;
  clearSignInClient: SignInClientInfo;
  listDeletedContacts: DeletedContactPage;
  getSharing: SharingStatus;
  updateSharing: SharingStatus;
  regenerateSharingPassword: SharingStatus;
  contactLetters: ContactLetter[];
}

/** Compile-time check: the responses name exactly the calls of API_METHODS. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const responsesMatchMethods: Same<keyof ApiResponses, ApiMethod> = true;
void responsesMatchMethods;

/** Calls whose every field is optional may be made with no argument at all. */
type RequestArgs<M extends ApiMethod> =
  Record<string, never> extends ApiRequest<M>
    ? [request?: ApiRequest<M>]
    : [request: ApiRequest<M>];

export type ApiCall<M extends ApiMethod> = (
  ...args: RequestArgs<M>
) => Promise<ApiResult<ApiResponses[M]>>;

export type Unsubscribe = () => void;

/** One pushed event, as the handler table fans it out to every connected client. */
export type ApiEvent = {
  [E in ApiEventName]: { name: E; payload: ApiEventPayloads[E] };
}[ApiEventName];

/** `window.api`: a verb per call, and `on…(callback) → unsubscribe` per event. */
export type ContactsApi = { readonly [M in ApiMethod]: ApiCall<M> } & {
  readonly [E in ApiEventName as ListenerName<E>]: (
    callback: (payload: ApiEventPayloads[E]) => void,
  ) => Unsubscribe;
};

/** What a transport supplies; `createApiClient` turns it into the typed `window.api`. */
export interface ApiTransport {
  invoke(method: ApiMethod, request: unknown): Promise<ApiResult<unknown>>;
  listen(event: ApiEventName, callback: (payload: unknown) => void): Unsubscribe;
}

/**
 * Builds `window.api` over a transport. The casts are where the contract meets the wire: main
 * validated the request and produced the response for exactly this method.
 */
export function createApiClient(transport: ApiTransport): ContactsApi {
  const api: Record<string, unknown> = {};
  for (const method of API_METHODS) {
    api[method] = (request?: unknown) => transport.invoke(method, request ?? {});
  }
  for (const event of API_EVENTS) {
    api[listenerName(event)] = (callback: unknown) => {
      if (typeof callback !== 'function')
        throw new TypeError(`${listenerName(event)} needs a function`);
      return transport.listen(event, (payload) => (callback as (p: unknown) => void)(payload));
    };
  }
  return Object.freeze(api) as ContactsApi;
}
