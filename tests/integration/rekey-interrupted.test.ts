import { afterEach, describe, expect, it } from 'vitest';
import { searchIndexMismatch } from '../../src/main/core/db/search-invariants.js';
import { cliEnv, startCli } from './cli-process.js';
import { Harness } from './harness.js';

// A full listing carries no `previousResourceNames`: one interrupted after it wrote a re-keyed
// contact's new name leaves the old row beside it until a later listing settles the two.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const noMismatch = { orphaned: [], missing: [] };

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** As measured: a CLI `sync --full` killed with SIGKILL once pages 1 and 2 have arrived. */
async function killCliFullSync(): Promise<void> {
  // Each page takes a second: page 3 of 3 is still on its way when the process is killed.
  h.fake.injectFault({ path: 'connections', kind: 'delay', delayMs: 1_000, count: 100 });
  const child = startCli(
    ['--db', h.dbFile, 'sync', '--full'],
    cliEnv(h.url, { CONTACTS_SYNC_TOKENS: `${h.dir}/tokens.json` }),
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  h.fake.resetCounts();
  await waitFor(() => h.fake.requestCount('connections') >= 3);
  await new Promise((r) => setTimeout(r, 300)); // page 2 written, page 3 still on its way
  child.kill('SIGKILL');
  await exited;
  expect(h.orchestrator.recoverInterruptedRuns()).toBe(1);
}

async function interruptedFullListingOverRekeys(
  how: 'fault' | 'cancel' | 'SIGKILL',
): Promise<string[]> {
  h = await Harness.start({ contacts: 3_000 });
  await h.sync();
  expect(searchIndexMismatch(h.db)).toEqual(noMismatch);
  const live = h.fake.listContacts().map((p) => p.resourceName as string);
  // Spread over every page of the listing.
  const renamed = live.filter((_, i) => i % 60 === 0).map((name) => h.fake.rekeyContact(name));
  if (how === 'SIGKILL') {
    await killCliFullSync();
  } else if (how === 'fault') {
    // Pages 1 and 2 commit; page 3 keeps failing after the retries.
    h.fake.injectFault({
      path: 'connections',
      kind: 'status',
      status: 500,
      afterRequests: 2,
      count: 10,
    });
    const run = await h.sync({ forceFull: true });
    expect(run.status).toBe('failed');
  } else {
    const stop = h.orchestrator.onProgress((p) => {
      if (p.phase === 'contacts' && p.fetched >= 2_000) h.orchestrator.cancel(h.accountId);
    });
    const run = await h.sync({ forceFull: true });
    stop();
    expect(run.status).toBe('cancelled');
  }
  h.fake.clearFaults();
  return renamed;
}

describe('a re-key while a full listing was interrupted', () => {
  it.each(['fault', 'cancel', 'SIGKILL'] as const)(
    'leaves no duplicate and no orphaned search entry (interrupted by a %s)',
    async (how) => {
      const renamed = await interruptedFullListingOverRekeys(how);
      // Both names of some re-keyed contacts are stored now; the incremental run settles them.
      expect(h.contacts().length).toBeGreaterThan(3_000);
      const run = await h.sync();
      expect(run.kind).toBe('incremental');
      expect(h.localState()).toEqual(h.serverState());
      expect(h.contacts()).toHaveLength(3_000);
      expect(searchIndexMismatch(h.db)).toEqual(noMismatch);
      for (const name of renamed) expect(h.localState().has(name)).toBe(true);
    },
  );

  it('a later full listing settles them the same way', async () => {
    await interruptedFullListingOverRekeys('fault');
    const run = await h.sync({ forceFull: true });
    expect(run.status).toBe('success');
    expect(h.localState()).toEqual(h.serverState());
    expect(searchIndexMismatch(h.db)).toEqual(noMismatch);
  });

  it('an interrupted first import (search entries put off) settles them too', async () => {
    h = await Harness.start({ contacts: 3_000 });
    h.fake.injectFault({
      path: 'connections',
      kind: 'status',
      status: 500,
      afterRequests: 2,
      count: 10,
    });
    expect((await h.sync()).status).toBe('failed');
    h.fake.clearFaults();
    const live = h.fake.listContacts().map((p) => p.resourceName as string);
    for (const name of live.filter((_, i) => i % 60 === 0)) h.fake.rekeyContact(name);
    // The resumed import cannot see the re-keys; it keeps no sync token, so the run after it
    // lists everything again and settles them.
    expect((await h.sync()).status).toBe('success');
    const run = await h.sync();
    expect(run).toMatchObject({ status: 'success', kind: 'full' });
    expect(h.localState()).toEqual(h.serverState());
    expect(searchIndexMismatch(h.db)).toEqual(noMismatch);
  });
});
