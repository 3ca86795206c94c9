import { describe, expect, it } from 'vitest';
import {
  API_EVENTS,
  API_METHODS,
  createApiClient,
  isApiMethod,
  listenerName,
  type ApiTransport,
} from '../../src/shared/api/contract.js';
import { REQUEST_SCHEMAS } from '../../src/shared/api/schemas.js';
import { progressPercent, statusLine, timeAgo } from '../../src/shared/api/status-text.js';
import { minutesAgo, NOW, progress, status } from './api-fixtures.js';

describe('contract', () => {
  it('has a request schema for exactly the calls it names', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...API_METHODS].sort());
  });

  it('never takes an inherited property for a call', () => {
    for (const name of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '',
      'GETSTATUS',
    ]) {
      expect(isApiMethod(name)).toBe(false);
    }
    expect(isApiMethod('getStatus')).toBe(true);
    expect(isApiMethod(42)).toBe(false);
  });

  it('refuses unknown keys and wrong types in every request', () => {
    for (const method of API_METHODS) {
      const schema = REQUEST_SCHEMAS[method];
      expect(schema.safeParse({ unexpected: 1 }).success, method).toBe(false);
      expect(schema.safeParse(null).success, method).toBe(false);
      expect(schema.safeParse([]).success, method).toBe(false);
    }
  });

  it('accepts well-formed requests and bounds the ones that reach SQL', () => {
    expect(REQUEST_SCHEMAS.getStatus.safeParse({}).success).toBe(true);
    expect(REQUEST_SCHEMAS.syncNow.safeParse({ accountId: 3, full: true }).success).toBe(true);
    expect(REQUEST_SCHEMAS.searchContacts.safeParse({ text: 'ada', limit: 20 }).success).toBe(true);
    expect(REQUEST_SCHEMAS.searchContacts.safeParse({ text: 'x'.repeat(501) }).success).toBe(false);
    expect(REQUEST_SCHEMAS.listHistory.safeParse({ limit: 0 }).success).toBe(false);
    expect(REQUEST_SCHEMAS.listHistory.safeParse({ limit: 1.5 }).success).toBe(false);
    const changesOk = (r: object) => REQUEST_SCHEMAS.getRunChanges.safeParse(r).success;
    expect(changesOk({ runId: 3, offset: 100, limit: 500 })).toBe(true);
    expect([changesOk({}), changesOk({ runId: 0 }), changesOk({ runId: 3, limit: 501 })]).toEqual([
      false,
      false,
      false,
    ]);
    expect(changesOk({ runId: 3, offset: -1 })).toBe(false);
    expect(
      REQUEST_SCHEMAS.getContact.safeParse({ accountId: 1, resourceName: 'people/c1' }).success,
    ).toBe(true);
    expect(
      REQUEST_SCHEMAS.getContact.safeParse({ accountId: 1, resourceName: "people/c1' OR 1=1" })
        .success,
    ).toBe(false);
    expect(REQUEST_SCHEMAS.updateSettings.safeParse({ dailySyncTime: '24:00' }).success).toBe(
      false,
    );
    expect(REQUEST_SCHEMAS.updateSettings.safeParse({ dailySyncTime: '02:30' }).success).toBe(true);
    const settingsOk = (patch: object) => REQUEST_SCHEMAS.updateSettings.safeParse(patch).success;
    expect(
      settingsOk({ syncEveryHours: 6, timeZone: 'Europe/Berlin', massDeletionPercent: 30 }),
    ).toBe(true);
    expect(settingsOk({ timeZone: null })).toBe(true);
    expect(settingsOk({ timeZone: 'Nowhere/Land' })).toBe(false);
    expect(settingsOk({ syncEveryHours: 7 })).toBe(false);
    expect(settingsOk({ dataDirectory: '/tmp' })).toBe(false);
    expect(REQUEST_SCHEMAS.exportContacts.safeParse({ format: 'pdf' }).success).toBe(false);
    expect(REQUEST_SCHEMAS.listCalendars.safeParse({ accountId: 1 }).success).toBe(true);
    const choice = { accountId: 1, calendarId: 'team@group.calendar.google.com', selected: true };
    expect(REQUEST_SCHEMAS.setCalendarSelected.safeParse(choice).success).toBe(true);
    const hostile = { ...choice, calendarId: 'a\u0000b' };
    expect(REQUEST_SCHEMAS.setCalendarSelected.safeParse(hostile).success).toBe(false);
    const range = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00+01:00', query: 'yoga' };
    expect(REQUEST_SCHEMAS.getAgenda.safeParse(range).success).toBe(true);
    expect(REQUEST_SCHEMAS.getAgenda.safeParse({ from: '2026-03-01' }).success).toBe(false);
    expect(REQUEST_SCHEMAS.getAgenda.safeParse({ query: 'x'.repeat(201) }).success).toBe(false);
    expect(REQUEST_SCHEMAS.getCalendarStatus.safeParse({}).success).toBe(true);
    expect(REQUEST_SCHEMAS.updateSettings.safeParse({ calendarEveryHours: 6 }).success).toBe(true);
    expect(REQUEST_SCHEMAS.updateSettings.safeParse({ calendarEveryHours: 5 }).success).toBe(false);
    const pauseOk = (request: object) => REQUEST_SCHEMAS.pauseAutoSync.safeParse(request).success;
    expect(['1h', 'tomorrow', 'indefinitely'].map((until) => pauseOk({ until }))).toEqual([
      true,
      true,
      true,
    ]);
    expect(pauseOk({ until: '2h' })).toBe(false);
    expect(pauseOk({})).toBe(false);
    expect(REQUEST_SCHEMAS.resumeAutoSync.safeParse({}).success).toBe(true);
  });

  it('builds window.api with a verb per call and on…() per event', async () => {
    const invoked: Array<[string, unknown]> = [];
    const listeners = new Map<string, (payload: unknown) => void>();
    const transport: ApiTransport = {
      invoke: (method, request) => {
        invoked.push([method, request]);
        return Promise.resolve({ ok: true, value: null });
      },
      listen: (event, callback) => {
        listeners.set(event, callback);
        return () => listeners.delete(event);
      },
    };
    const api = createApiClient(transport);
    for (const method of API_METHODS) expect(typeof api[method], method).toBe('function');
    await api.getStatus();
    await api.searchContacts({ text: 'ada' });
    expect(invoked).toEqual([
      ['getStatus', {}],
      ['searchContacts', { text: 'ada' }],
    ]);

    const received: unknown[] = [];
    const unsubscribe = api.onSyncProgress((p) => received.push(p));
    expect(API_EVENTS.map(listenerName)).toContain('onSyncProgress');
    listeners.get('syncProgress')?.(progress());
    expect(received).toEqual([progress()]);
    unsubscribe();
    expect(listeners.has('syncProgress')).toBe(false);
    expect(Object.isFrozen(api)).toBe(true);
  });
});

describe('status line', () => {
  it('says how long ago in short words', () => {
    expect(timeAgo(null, NOW)).toBe('never');
    expect(timeAgo(minutesAgo(0.5), NOW)).toBe('just now');
    expect(timeAgo(minutesAgo(5), NOW)).toBe('5 min ago');
    expect(timeAgo(minutesAgo(180), NOW)).toBe('3 h ago');
    expect(timeAgo(minutesAgo(60 * 24), NOW)).toBe('1 day ago');
    expect(timeAgo(minutesAgo(60 * 72), NOW)).toBe('3 days ago');
  });

  it('shows the share of contacts fetched, ignoring labels and unknown totals', () => {
    expect(progressPercent([])).toBeNull();
    expect(progressPercent([progress({ phase: 'labels', fetched: 5, total: 5 })])).toBeNull();
    expect(progressPercent([progress({ fetched: 420, total: 1000 })])).toBe(42);
    expect(
      progressPercent([
        progress({ fetched: 100, total: 200 }),
        progress({ accountId: 2, fetched: 0, total: 200 }),
      ]),
    ).toBe(25);
  });

  it('reads as the tray and the window show it', () => {
    expect(statusLine(status(), NOW)).toBe('Last synced 5 min ago');
    expect(statusLine(status({ lastSuccessAt: null }), NOW)).toBe('Not synced yet');
    expect(statusLine(status({ state: 'syncing', progress: [progress()] }), NOW)).toBe(
      'Syncing… 42%',
    );
    expect(statusLine(status({ state: 'syncing' }), NOW)).toBe('Syncing…');
    expect(statusLine(status({ state: 'sign_in_needed' }), NOW)).toBe('Sign-in needed');
    expect(statusLine(status({ state: 'no_accounts', accounts: [] }), NOW)).toBe(
      'No account connected',
    );
    expect(
      statusLine(
        status({
          state: 'error',
          lastError: { code: 'NETWORK', message: 'offline', at: minutesAgo(10), account: 'a@b.c' },
        }),
        NOW,
      ),
    ).toBe('Last sync failed 10 min ago');
  });
});
