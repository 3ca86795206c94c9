import { afterEach, describe, expect, it } from 'vitest';
import { peopleSourceFactory } from '../../src/main/core/auth/google-auth.js';
import type { Clock } from '../../src/main/core/clock.js';
import { openDatabase, type Db } from '../../src/main/core/db/connection.js';
import { RunsRepo } from '../../src/main/core/db/runs-repo.js';
import { SyncOrchestrator } from '../../src/main/core/sync/orchestrator.js';
import { waitFor } from './cli-process.js';
import { FAKE_CREDENTIALS, FAST_RETRY, Harness } from './harness.js';

let h: Harness;
let other: { db: Db; orchestrator: SyncOrchestrator } | null = null;
afterEach(async () => {
  await other?.orchestrator.shutdown();
  other?.db.close();
  other = null;
  await h?.close();
});

/**
 * A second owner on the same database file, as another process would be, but in this process:
 * its PID is ours, so only the lease's expiry can tell it that the first owner is gone. Its clock
 * runs `skewMs` ahead, which is how time passing looks to it.
 */
function secondOwner(h: Harness, clock: Clock) {
  const db = openDatabase(h.dbFile);
  const orchestrator = new SyncOrchestrator({
    db,
    clock,
    sourceFor: peopleSourceFactory(FAKE_CREDENTIALS, h.clients.endpoints, h.vault, h.clients),
    retry: FAST_RETRY,
    progressIntervalMs: 0,
  });
  return { db, orchestrator };
}

describe('the account lease', () => {
  it('is respected until it expires; then it is taken over, the old run is interrupted and writes nothing more', async () => {
    h = await Harness.start({ contacts: 3_500 });
    let skewMs = 0;
    other = secondOwner(h, { now: () => new Date(Date.now() + skewMs) });
    const runs = new RunsRepo(h.db);
    // Page 2 of the contacts answers after 3 s: the first run waits there with page 1 committed.
    h.fake.injectFault({ path: 'connections', kind: 'delay', delayMs: 3_000, afterRequests: 1 });
    const first = h.orchestrator.requestSync(h.accountId, { trigger: 'manual' });
    if (first.status !== 'started') throw new Error('expected a run');
    await waitFor(() => runs.get(first.runId).counts.fetched === 1_000);

    const calls = h.fake.requestCount();
    expect(other.orchestrator.requestSync(h.accountId, { trigger: 'manual' })).toEqual({
      status: 'already_running',
      runId: first.runId,
    });
    expect(other.orchestrator.isRunning(h.accountId)).toBe(true);
    expect(other.orchestrator.recoverInterruptedRuns()).toBe(0);
    expect(runs.get(first.runId).status).toBe('running');
    expect(h.fake.requestCount()).toBe(calls);

    skewMs = 2 * 60_000 + 1; // past the default expiry, with no heartbeat seen
    const second = other.orchestrator.requestSync(h.accountId, { trigger: 'manual' });
    if (second.status !== 'started') throw new Error('expected the lease to be taken over');
    expect(runs.get(first.runId)).toMatchObject({
      status: 'failed',
      error: { code: 'INTERRUPTED' },
      counts: { fetched: 1_000, created: 1_000 },
      pages: 2,
    });
    expect(await second.done).toMatchObject({ status: 'success' });

    // The first run's page 2 arrives after the takeover: it is not written.
    const firstRun = await first.done;
    expect(firstRun).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
    expect(firstRun.counts.fetched).toBe(1_000);
    expect(h.localState()).toEqual(h.serverState());
    // Both ended: nobody holds the account any more.
    expect(h.orchestrator.isRunning(h.accountId)).toBe(false);
    expect(other.orchestrator.isRunning(h.accountId)).toBe(false);
  }, 120_000);

  it('recovery at start-up closes only runs whose lease is dead or missing', async () => {
    h = await Harness.start({ contacts: 10 });
    const runs = new RunsRepo(h.db);
    // A run left `running` by a version without leases, or whose lease row is gone.
    const orphan = runs.start(h.accountId, 'contacts', 'full', 'manual', new Date().toISOString());
    expect(h.orchestrator.recoverInterruptedRuns()).toBe(1);
    expect(runs.get(orphan)).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
    expect(h.orchestrator.isRunning(h.accountId)).toBe(false);
    expect((await h.sync()).status).toBe('success');
  });
});
