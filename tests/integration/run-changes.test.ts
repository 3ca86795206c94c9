/**
 * getRunChanges through the real handler table: a real SQLite file, the real Google clients and
 * the fake Google server. A run's detail lists exactly what the journal recorded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunChanges } from '../../src/shared/api/contract.js';
import { Api } from '../../src/main/core/api/api.js';
import { systemClock } from '../../src/main/core/clock.js';
import { Harness } from './harness.js';

let h: Harness;
let api: Api;

beforeEach(async () => {
  h = await Harness.start({ contacts: 60 });
  api = new Api({ db: h.db, clock: systemClock, orchestrator: h.orchestrator, reports: h.reports });
});

afterEach(async () => {
  api.dispose();
  await h.close();
});

async function changes(request: object): Promise<RunChanges> {
  const result = await api.call('getRunChanges', request);
  if (!result.ok) throw new Error(`getRunChanges failed: ${result.error.message}`);
  return result.value as RunChanges;
}

describe('getRunChanges', () => {
  it('lists the contacts an incremental run changed, with the fields of each update', async () => {
    const first = await h.sync();
    // The first import journals nothing per contact; the answer says so instead of listing.
    expect(await changes({ runId: first.runId })).toMatchObject({
      run: { runId: first.runId, kind: 'full' },
      changes: [],
      total: 0,
      unlisted: { created: 60, updated: 0, deleted: 0 },
      firstImport: true,
    });

    const server = h.fake.listContacts();
    const [renamed, rephoned, deleted] = [server[3]!, server[4]!, server[5]!];
    const oldName = renamed.names?.[0]?.displayName;
    h.fake.updateContact(renamed.resourceName!, {
      names: [{ givenName: 'Grace', familyName: 'Hopper', displayName: 'Grace Hopper' }],
    });
    h.fake.updateContact(rephoned.resourceName!, {
      phoneNumbers: [{ value: '+44 20 7946 0958', type: 'mobile' }],
    });
    h.fake.deleteContact(deleted.resourceName!);
    const [added] = h.fake.addContacts(1);
    const run = await h.sync();
    expect(run.kind).toBe('incremental');

    const detail = await changes({ runId: run.runId });
    expect(detail).toMatchObject({
      total: 4,
      unlisted: { created: 0, updated: 0, deleted: 0 },
      firstImport: false,
    });
    const accountId = h.accountId;
    expect(detail.changes).toEqual([
      {
        change: 'created',
        accountId,
        resourceName: added,
        displayName: h.contacts().find((c) => c.resourceName === added)?.displayName,
      },
      {
        change: 'updated',
        accountId,
        resourceName: renamed.resourceName,
        displayName: 'Grace Hopper',
        previousDisplayName: oldName,
        fieldsChanged: ['name'],
      },
      {
        change: 'updated',
        accountId,
        resourceName: rephoned.resourceName,
        displayName: rephoned.names?.[0]?.displayName,
        fieldsChanged: ['phone'],
      },
      {
        change: 'deleted',
        accountId,
        resourceName: deleted.resourceName,
        displayName: deleted.names?.[0]?.displayName,
      },
    ]);

    // Pages of the same order.
    const page = await changes({ runId: run.runId, offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.changes).toEqual(detail.changes.slice(1, 3));
  });

  it('refuses a run that does not exist, and a run cleared from the history', async () => {
    const first = await h.sync();
    h.fake.addContacts(2);
    const second = await h.sync();
    expect((await changes({ runId: second.runId })).total).toBe(2);

    expect(await api.call('getRunChanges', { runId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('no sync run 999') },
    });
    expect(await api.call('getRunChanges', { runId: 1, limit: 501 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });

    // Clearing keeps the latest run, journal and all; the older run and its journal are gone.
    expect(await api.call('clearHistory', {})).toEqual({ ok: true, value: { removed: 1 } });
    expect(await api.call('getRunChanges', { runId: first.runId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await changes({ runId: second.runId })).total).toBe(2);
    const orphans = h.db
      .prepare<[number], { n: number }>(
        'SELECT count(*) AS n FROM contact_changes WHERE run_id = ?',
      )
      .get(first.runId);
    expect(orphans?.n).toBe(0);
  });
});
