/**
 * A typed fake of `window.api` for component tests: it implements the contract's type, so a
 * changed call or event breaks these tests at compile time. Each call answers from `answers`,
 * which a test overrides; every call is recorded; events are emitted with `emit`.
 */
import type {
  ApiEventName,
  ApiEventPayloads,
  ApiMethod,
  ApiRequest,
  ApiResponses,
  ApiResult,
  AppStatus,
  CalendarSummary,
  ContactsApi,
  DeletedContact,
  Settings,
  SharingStatus,
  SignInClientInfo,
  Unsubscribe,
} from '../../src/shared/api/contract.js';
import type { AccountStatusSummary, ContactSummary } from '../../src/shared/domain.js';
import { contactLetters, contactPage } from './fake-contacts.js';

type Answer<M extends ApiMethod> = (
  request: ApiRequest<M> | undefined,
) => ApiResult<ApiResponses[M]> | Promise<ApiResult<ApiResponses[M]>>;

const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });

export const account = (overrides: Partial<AccountStatusSummary> = {}): AccountStatusSummary => ({
  account: {
    id: 1,
    email: 'ada@example.com',
    displayName: 'Ada',
    status: 'connected',
    connectedAt: '2026-01-01T00:00:00Z',
  },
  contacts: 3,
  pendingDeletions: null,
  lastFullSyncAt: null,
  lastIncrementalSyncAt: null,
  lastSuccessAt: null,
  lastRun: null,
  running: false,
  ...overrides,
});

export const idleStatus = (overrides: Partial<AppStatus> = {}): AppStatus => ({
  state: 'idle',
  accounts: [account()],
  progress: [],
  lastSuccessAt: null,
  lastError: null,
  autoSyncPausedUntil: null,
  ...overrides,
});

export class FakeApi implements ContactsApi {
  readonly calls: Array<{ method: ApiMethod; request: unknown }> = [];
  /** What searchContacts pages through (see contactPage). */
  contacts: ContactSummary[] = [];
  /** What getSettings answers and updateSettings changes. */
  settings: Settings = {
    launchAtLogin: false,
    startHidden: false,
    autoSync: true,
    dailySyncTime: '02:00',
    notifyOnFailure: true,
    notifyOnSignInNeeded: true,
    syncEveryHours: 24,
    timeZone: null,
    systemTimeZone: 'Europe/Berlin',
    massDeletionPercent: 50,
    dataDirectory: '/home/ada/.config/contacts-sync-agent',
    calendarSync: false,
    calendarEveryHours: 4,
    calendarShowBirthdays: false,
    contactSort: 'first',
    phoneRegion: null,
    photoCacheMb: 200,
  };
  /** What listCalendars answers and setCalendarSelected changes. */
  calendars: CalendarSummary[] = [];
  /** What getSignInClient answers; setSignInClient and clearSignInClient change it. */
  signInClient: SignInClientInfo = { clientId: 'ours.apps.googleusercontent.com', source: 'user' };
  /** What listDeletedContacts pages through. */
  deleted: DeletedContact[] = [];
  /** What getSharing answers; updateSharing serves what it turns on, as the core does. */
  sharing: SharingStatus = {
    carddav: {
      enabled: false,
      port: 5233,
      url: null,
      user: 'contacts',
      password: 'first-password-0123456789abcdef',
      lastClient: null,
      error: null,
    },
    cisco: {
      enabled: false,
      host: '127.0.0.1',
      port: 5234,
      allowList: [],
      outsideLinePrefix: '',
      homeCountry: null,
      internationalPrefix: '00',
      url: null,
      error: null,
    },
  };
  /** What getStatus reports paused; pauseAutoSync and resumeAutoSync change it. */
  autoSyncPausedUntil: string | null = null;
  private readonly listeners = new Map<ApiEventName, Set<(payload: never) => void>>();

  answers: { [M in ApiMethod]: Answer<M> } = {
    getStatus: () => ok(this.pauseStatus()),
    syncNow: () => ok({ runs: [] }),
    cancelSync: () => ok({ cancelled: 1 }),
    listHistory: () => ok([]),
    clearHistory: () => ok({ removed: 0 }),
    getRunChanges: () => ({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no such sync run.' },
    }),
    getStatistics: () =>
      ok({
        contacts: { total: 3, active: 3, deleted: 0 },
        pendingDeletions: 0,
        phoneNumbers: 2,
        emails: 3,
        groups: 1,
        runs: { running: 0, success: 0, failed: 0, skipped: 0, cancelled: 0 },
        runsByResource: {
          contacts: { running: 0, success: 0, failed: 0, skipped: 0, cancelled: 0 },
          calendar: { running: 0, success: 0, failed: 0, skipped: 0, cancelled: 0 },
        },
        calendar: { calendars: 0, events: 0 },
        lastSuccessAt: null,
        lastError: null,
      }),
    getTimeline: () => ok({ timeZone: 'UTC', days: [] }),
    getSyncHealth: () => ok({ accounts: [], autoSyncPausedUntil: null }),
    searchContacts: (r) => ok(contactPage(this.contacts, r)),
    contactLetters: (r) => ok(contactLetters(this.contacts, r)),
    getContact: () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'No such contact.' } }),
    listLabels: () => ok([]),
    listAccounts: () => ok([]),
    connectAccount: () => ({
      ok: false,
      error: { code: 'CANCELLED', message: 'Sign-in was cancelled.' },
    }),
    cancelConnect: () => ok({ cancelled: true }),
    disconnectAccount: (r) => ok({ accountId: r?.accountId ?? 1, dataDeleted: false }),
    getSettings: () => ok({ ...this.settings }),
    // Applies the patch as the core would, so a control shows what it saved.
    updateSettings: (patch) => {
      Object.assign(this.settings, patch);
      return ok({ ...this.settings });
    },
    // Like the core: the pause changes, then every window hears the new status.
    pauseAutoSync: (r) => {
      this.autoSyncPausedUntil =
        r?.until === 'indefinitely' ? 'indefinitely' : '2026-05-04T12:00:00.000Z';
      this.emit('statusChanged', this.pauseStatus());
      return ok({ autoSyncPausedUntil: this.autoSyncPausedUntil });
    },
    resumeAutoSync: () => {
      this.autoSyncPausedUntil = null;
      this.emit('statusChanged', this.pauseStatus());
      return ok({ autoSyncPausedUntil: null });
    },
    exportContacts: () => ok({ file: null, count: 0 }),
    listCalendars: (r) =>
      ok(this.calendars.filter((c) => r?.accountId === undefined || c.accountId === r.accountId)),
    setCalendarSelected: (r) => {
      const found = this.calendars.find(
        (c) => c.accountId === r?.accountId && c.calendarId === r.calendarId,
      );
      if (!found) return { ok: false, error: { code: 'NOT_FOUND', message: 'No such calendar.' } };
      found.selected = r?.selected ?? found.selected;
      return ok({ ...found });
    },
    getAgenda: () => ok([]),
    getCalendarStatus: () => ok([]),
    getSignInClient: () => ok({ ...this.signInClient }),
    // A client file is taken when it has an "installed" section, as the core decides.
    setSignInClient: (r) => {
      const installed = r?.json
        ? (JSON.parse(r.json) as { installed?: { client_id?: string } }).installed
        : { client_id: r?.clientId };
      if (!installed?.client_id) {
        return {
          ok: false,
          error: { code: 'INVALID_CLIENT', message: 'Not a Desktop-app client.' },
        };
      }
      this.signInClient = { clientId: installed.client_id, source: 'user' };
      return ok({ ...this.signInClient });
    },
    clearSignInClient: () => {
      this.signInClient = { clientId: null, source: 'none' };
      return ok({ ...this.signInClient });
    },
    listDeletedContacts: (r) => {
      const offset = r?.offset ?? 0;
      const contacts = this.deleted.slice(offset, offset + (r?.limit ?? 200));
      return ok({ contacts, total: this.deleted.length, offset });
    },
    getSharing: () => ok(structuredClone(this.sharing)),
    updateSharing: (patch) => {
      const { carddav, cisco } = this.sharing;
      if (patch?.carddavEnabled !== undefined) carddav.enabled = patch.carddavEnabled;
      if (patch?.carddavPort !== undefined) carddav.port = patch.carddavPort;
      if (patch?.ciscoEnabled !== undefined) cisco.enabled = patch.ciscoEnabled;
      if (patch?.ciscoHost !== undefined) cisco.host = patch.ciscoHost;
      if (patch?.ciscoPort !== undefined) cisco.port = patch.ciscoPort;
      if (patch?.ciscoAllowList !== undefined) cisco.allowList = patch.ciscoAllowList;
      carddav.url = carddav.enabled ? `http://127.0.0.1:${carddav.port}/` : null;
      cisco.url = cisco.enabled ? `http://${cisco.host}:${cisco.port}/` : null;
      return ok(structuredClone(this.sharing));
    },
    regenerateSharingPassword: () => {
      this.sharing.carddav.password = 'second-password-0123456789abcdef';
      return ok(structuredClone(this.sharing));
    },
  };

  private pauseStatus(): AppStatus {
    const until = this.autoSyncPausedUntil;
    return idleStatus(until ? { state: 'paused', autoSyncPausedUntil: until } : {});
  }

  private call<M extends ApiMethod>(
    method: M,
    request?: ApiRequest<M>,
  ): Promise<ApiResult<ApiResponses[M]>> {
    this.calls.push({ method, request });
    return Promise.resolve(this.answers[method](request));
  }

  callsOf(method: ApiMethod): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.request);
  }

  emit<E extends ApiEventName>(event: E, payload: ApiEventPayloads[E]): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (p: ApiEventPayloads[E]) => void)(payload);
  }

  private listen<E extends ApiEventName>(
    event: E,
    callback: (payload: ApiEventPayloads[E]) => void,
  ): Unsubscribe {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(callback as (payload: never) => void);
    return () => set.delete(callback as (payload: never) => void);
  }

  getStatus = (r?: ApiRequest<'getStatus'>) => this.call('getStatus', r);
  syncNow = (r?: ApiRequest<'syncNow'>) => this.call('syncNow', r);
  cancelSync = (r?: ApiRequest<'cancelSync'>) => this.call('cancelSync', r);
  listHistory = (r?: ApiRequest<'listHistory'>) => this.call('listHistory', r);
  clearHistory = (r?: ApiRequest<'clearHistory'>) => this.call('clearHistory', r);
  getRunChanges = (r: ApiRequest<'getRunChanges'>) => this.call('getRunChanges', r);
  getStatistics = (r?: ApiRequest<'getStatistics'>) => this.call('getStatistics', r);
  getTimeline = (r?: ApiRequest<'getTimeline'>) => this.call('getTimeline', r);
  getSyncHealth = (r?: ApiRequest<'getSyncHealth'>) => this.call('getSyncHealth', r);
  searchContacts = (r: ApiRequest<'searchContacts'>) => this.call('searchContacts', r);
  getContact = (r: ApiRequest<'getContact'>) => this.call('getContact', r);
  listLabels = (r?: ApiRequest<'listLabels'>) => this.call('listLabels', r);
  listAccounts = (r?: ApiRequest<'listAccounts'>) => this.call('listAccounts', r);
  connectAccount = (r?: ApiRequest<'connectAccount'>) => this.call('connectAccount', r);
  cancelConnect = (r?: ApiRequest<'cancelConnect'>) => this.call('cancelConnect', r);
  disconnectAccount = (r: ApiRequest<'disconnectAccount'>) => this.call('disconnectAccount', r);
  getSettings = (r?: ApiRequest<'getSettings'>) => this.call('getSettings', r);
  updateSettings = (r?: ApiRequest<'updateSettings'>) => this.call('updateSettings', r);
  pauseAutoSync = (r: ApiRequest<'pauseAutoSync'>) => this.call('pauseAutoSync', r);
  resumeAutoSync = (r?: ApiRequest<'resumeAutoSync'>) => this.call('resumeAutoSync', r);
  exportContacts = (r: ApiRequest<'exportContacts'>) => this.call('exportContacts', r);
  listCalendars = (r?: ApiRequest<'listCalendars'>) => this.call('listCalendars', r);
  setCalendarSelected = (r: ApiRequest<'setCalendarSelected'>) =>
    this.call('setCalendarSelected', r);
  getAgenda = (r?: ApiRequest<'getAgenda'>) => this.call('getAgenda', r);
  getCalendarStatus = (r?: ApiRequest<'getCalendarStatus'>) => this.call('getCalendarStatus', r);
  getSignInClient = (r?: ApiRequest<'getSignInClient'>) => this.call('getSignInClient', r);
  setSignInClient = (r?: ApiRequest<'setSignInClient'>) => this.call('setSignInClient', r);
  clearSignInClient = (r?: ApiRequest<'clearSignInClient'>) => this.call('clearSignInClient', r);
  listDeletedContacts = (r?: ApiRequest<'listDeletedContacts'>) =>
    this.call('listDeletedContacts', r);
  getSharing = (r?: ApiRequest<'getSharing'>) => this.call('getSharing', r);
  updateSharing = (r?: ApiRequest<'updateSharing'>) => this.call('updateSharing', r);
  regenerateSharingPassword = (r?: ApiRequest<'regenerateSharingPassword'>) =>
    this.call('regenerateSharingPassword', r);
  contactLetters = (r: ApiRequest<'contactLetters'>) => this.call('contactLetters', r);

  onSyncProgress = (cb: (p: ApiEventPayloads['syncProgress']) => void) =>
    this.listen('syncProgress', cb);
  onRunFinished = (cb: (p: ApiEventPayloads['runFinished']) => void) =>
    this.listen('runFinished', cb);
  onStatusChanged = (cb: (p: ApiEventPayloads['statusChanged']) => void) =>
    this.listen('statusChanged', cb);
  onAccountsChanged = (cb: (p: ApiEventPayloads['accountsChanged']) => void) =>
    this.listen('accountsChanged', cb);
  onExportProgress = (cb: (p: ApiEventPayloads['exportProgress']) => void) =>
    this.listen('exportProgress', cb);
  onPhotosUpdated = (cb: (p: ApiEventPayloads['photosUpdated']) => void) =>
    this.listen('photosUpdated', cb);
}
