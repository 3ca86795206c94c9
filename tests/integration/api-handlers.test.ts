/**
 * The handler table over the real core: a real SQLite file, the real Google clients and the fake
 * Google server (through the integration harness).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../src/shared/domain.js';
import { API_METHODS, type ApiEvent, type ApiMethod } from '../../src/shared/api/contract.js';
import { Api } from '../../src/main/core/api/api.js';
import { systemClock } from '../../src/main/core/clock.js';
import { Harness } from './harness.js';

let h: Harness;
let api: Api;
let events: ApiEvent[];

beforeEach(async () => {
  h = await Harness.start({ contacts: 1500 });
  api = new Api({ db: h.db, clock: systemClock, orchestrator: h.orchestrator, reports: h.reports });
  events = [];
  api.subscribe((event) => events.push(event));
});

afterEach(async () => {
  api.dispose();
  await h.close();
});

/** Calls and unwraps, failing the test on an error result. */
async function value<M extends ApiMethod>(method: M, payload: unknown = {}): Promise<unknown> {
  const result = await api.call(method, payload);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function finished(): Promise<SyncRun> {
  return new Promise((resolve) => {
    const off = api.subscribe((event) => {
      if (event.name === 'runFinished') {
        off();
        resolve(event.payload);
      }
    });
  });
}

describe('API handler table', () => {
  it('has a handler for every call of the contract', () => {
    expect(Object.keys(api.handlers).sort()).toEqual([...API_METHODS].sort());
    for (const method of API_METHODS) expect(typeof api.handlers[method]).toBe('function');
  });

  it('syncs on request and pushes status, progress and the finished run', async () => {
    expect(await value('getStatus')).toMatchObject({ state: 'idle', lastSuccessAt: null });
    const done = finished();
    const started = await value('syncNow');
    expect(started).toEqual({
      runs: [{ accountId: h.accountId, account: 'me@example.com', status: 'started', runId: 1 }],
    });
    const again = (await value('syncNow')) as { runs: Array<{ status: string }> };
    expect(again.runs[0]?.status).toBe('already_running');
    const run = await done;
    expect(run).toMatchObject({ status: 'success', counts: { fetched: 1500, created: 1500 } });

    const names = events.map((e) => e.name);
    expect(names[0]).toBe('statusChanged');
    expect(names).toContain('syncProgress');
    expect(names.indexOf('runFinished')).toBeGreaterThan(names.indexOf('syncProgress'));
    const statuses = events.flatMap((e) => (e.name === 'statusChanged' ? [e.payload] : []));
    expect(statuses[0]?.state).toBe('syncing');
    // The status pushed with the finished run no longer says "syncing", and has no stale progress.
    expect(statuses.at(-1)).toMatchObject({ state: 'idle', progress: [] });
    expect(statuses.at(-1)?.accounts[0]).toMatchObject({ contacts: 1500, running: false });
    const lastProgress = events.filter((e) => e.name === 'syncProgress').at(-1);
    expect(lastProgress?.payload).toMatchObject({ phase: 'contacts', fetched: 1500, total: 1500 });
  });

  it('answers the read calls from what the sync stored', async () => {
    const done = finished();
    await value('syncNow');
    await done;
    const [person] = h.fake.listContacts().filter((p) => p.names?.[0]?.displayName);
    const name = person?.names?.[0]?.displayName ?? '';

    expect(await value('listHistory', { limit: 5 })).toMatchObject([{ status: 'success' }]);
    expect(await value('getStatistics')).toMatchObject({ contacts: { active: 1500 } });
    expect(await value('listAccounts')).toMatchObject([{ email: 'me@example.com' }]);
    const found = (await value('searchContacts', { text: name, limit: 10 })) as {
      contacts: Array<{ resourceName: string }>;
    };
    expect(found.contacts.map((c) => c.resourceName)).toContain(person?.resourceName);

    const contact = (await value('getContact', {
      accountId: h.accountId,
      resourceName: person?.resourceName,
    })) as { displayName: string; emails: unknown[]; labels: Array<{ name: string }> };
    expect(contact.displayName).toBe(name);
    expect(contact.emails).toHaveLength(person?.emailAddresses?.length ?? 0);
    // Labels show the name a person sees in Google ("My Contacts", not the id "myContacts").
    const groupNames = new Map(
      h.fake.listGroups().map((g) => [g.resourceName, g.formattedName ?? g.name]),
    );
    const expectedLabels = (person?.memberships ?? []).map((m) =>
      groupNames.get(m.contactGroupMembership?.contactGroupResourceName ?? ''),
    );
    expect(expectedLabels.length).toBeGreaterThan(0);
    expect(contact.labels.map((l) => l.name).sort()).toEqual(expectedLabels.sort());

    // Member counts (kept by schema v6's triggers) are the server's, every contact being synced.
    const labels = (await value('listLabels')) as Array<{
      resourceName: string;
      memberCount: number;
    }>;
    expect(labels.length).toBeGreaterThan(0);
    expect(new Map(labels.map((l) => [l.resourceName, l.memberCount]))).toEqual(
      new Map(h.fake.listGroups().map((g) => [g.resourceName, g.memberCount])),
    );

    expect(await value('clearHistory')).toEqual({ removed: 0 });
  });

  it('answers errors as results, never throws', async () => {
    expect(
      await api.call('getContact', { accountId: h.accountId, resourceName: 'people/c0' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await api.call('syncNow', { accountId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_NOT_FOUND' },
    });
    expect(await api.call('cancelSync', {})).toEqual({ ok: true, value: { cancelled: 0 } });
  });

  it('says NOT_AVAILABLE for services this build does not wire', async () => {
    const unwired: Array<[ApiMethod, unknown]> = [
      ['connectAccount', {}],
      ['cancelConnect', {}],
      ['disconnectAccount', { accountId: h.accountId }],
      ['getSettings', {}],
      ['updateSettings', { autoSync: false }],
      ['getSyncHealth', {}],
      ['exportContacts', { format: 'vcard' }],
    ];
    for (const [method, payload] of unwired) {
      expect(await api.call(method, payload), method).toMatchObject({
        ok: false,
        error: { code: 'NOT_AVAILABLE' },
      });
    }
  });

  it('cancels a running sync at a page boundary', async () => {
    h.fake.injectFault({ path: 'connections', kind: 'delay', delayMs: 300, count: 2 });
    const done = finished();
    await value('syncNow', { full: true });
    expect(await value('cancelSync')).toEqual({ cancelled: 1 });
    expect((await done).status).toBe('cancelled');
    expect(await value('getStatus')).toMatchObject({ state: 'idle' });
  });
});
