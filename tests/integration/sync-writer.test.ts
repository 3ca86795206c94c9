/**
 * Issue 15: the app writes a sync's pages on the sync writer's thread (sync-writer.ts), so its
 * main thread — the UI's — only fetches and orchestrates. What a person must never see change:
 * the mirror, the counts, the guard's notice; what may go wrong with a thread: it cannot start,
 * it dies mid-run, it idles.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { WAL_SIZE_LIMIT_BYTES } from '../../src/main/core/db/connection.js';
import { RunsRepo } from '../../src/main/core/db/runs-repo.js';
import { WorkerSyncWrites } from '../../src/main/core/sync/sync-writer.js';
import { WORKER_YOUNG_GENERATION_MB, type WorkerFactory } from '../../src/main/core/workers.js';
import { waitFor } from './cli-process.js';
import { Harness } from './harness.js';
import {
  failingAtStartFactory,
  refusingFactory,
  withWarnings,
} from '../support/refused-workers.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const searchable = (harness: Harness) =>
  (harness.db.prepare('SELECT count(*) AS n FROM contacts_fts').get() as { n: number }).n;

/** Starts real workers and remembers them, so a test can kill one. */
function keepingWorkers(started: Worker[]): WorkerFactory {
  return (script, options) => {
    const worker = new Worker(script, options);
    started.push(worker);
    return worker;
  };
}

describe('pages written on the sync writer’s thread', () => {
  it('commits every page of a first import and of an incremental sync there, and the mirror equals the server', async () => {
    h = await Harness.start({ contacts: 2_500, writes: 'worker' });
    const first = await h.sync();
    expect(first).toMatchObject({ status: 'success', kind: 'full' });
    expect(first.counts).toMatchObject({ fetched: 2_500, created: 2_500 });
    // Labels (1 page) and contacts (3 pages): none was written on this thread.
    expect(h.writes!.pagesOnThread).toBe(first.pages);
    expect(h.localState()).toEqual(h.serverState());
    expect(searchable(h)).toBe(2_500);

    const names = h.fake.listContacts().map((p) => p.resourceName!);
    h.fake.updateContact(names[0]!, { nicknames: [{ value: 'Changed' }] });
    h.fake.deleteContact(names[1]!);
    h.fake.addContacts(2);
    const second = await h.sync();
    expect(second).toMatchObject({ status: 'success', kind: 'incremental' });
    expect(second.counts).toMatchObject({ created: 2, updated: 1, deleted: 1 });
    expect(h.writes!.pagesOnThread).toBe(first.pages + second.pages);
    expect(h.localState()).toEqual(h.serverState());
    expect(searchable(h)).toBe(2_501);
  });

  it('brings back the notice of deletions the guard withheld there', async () => {
    h = await Harness.start({ contacts: 100, writes: 'worker' });
    await h.sync();
    for (const person of h.fake.listContacts().slice(0, 60))
      h.fake.deleteContact(person.resourceName!);
    const run = await h.sync();
    expect(run).toMatchObject({ status: 'success', error: { code: 'MASS_DELETION_GUARD' } });
    expect(run.error?.message).toMatch(/Stopped before deleting 60 of your 100 contacts/);
    expect(run.counts.deleted).toBe(0);
    expect(h.writes!.pagesOnThread).toBeGreaterThan(0);
  });

  it('keeps the main connection from checkpointing while the thread writes, and stops when idle', async () => {
    h = await Harness.start({
      contacts: 1_200,
      writes: (db) => new WorkerSyncWrites(db, { idleMs: 50 }),
    });
    const autocheckpoint = () => Number(h!.db.pragma('wal_autocheckpoint', { simple: true }));
    const before = autocheckpoint();
    const run = h.orchestrator.requestSync(h.accountId, { trigger: 'manual' });
    if (run.status !== 'started') throw new Error('expected a run');
    await waitFor(() => h!.writes!.running);
    expect(autocheckpoint()).toBe(0);
    expect(await run.done).toMatchObject({ status: 'success' });
    await waitFor(() => !h!.writes!.running);
    expect(autocheckpoint()).toBe(before);

    h.fake.addContacts(3);
    const next = await h.sync();
    expect(next).toMatchObject({ status: 'success', counts: { created: 3 } });
    expect(h.writes!.pagesOnThread).toBeGreaterThan(run.status === 'started' ? 2 : 0);
    expect(h.localState()).toEqual(h.serverState());
  });

  it('keeps the WAL short with its own background checkpoints, and cuts it back afterwards', async () => {
    h = await Harness.start({ contacts: 10_000, writes: 'worker' });
    const walSizes: number[] = [];
    h.orchestrator.onProgress(() => walSizes.push(fs.statSync(`${h!.dbFile}-wal`).size));
    expect(await h.sync()).toMatchObject({ status: 'success' });
    expect(h.localState()).toEqual(h.serverState());
    const afterImport = walSizes.pop()!; // the first import's last transaction builds its indexes
    h.db.pragma('wal_checkpoint(TRUNCATE)');
    // Without checkpoints the WAL would hold every page written: more than the database itself.
    expect(Math.max(...walSizes)).toBeGreaterThan(0);
    expect(Math.max(...walSizes)).toBeLessThan(fs.statSync(h.dbFile).size / 2);
    expect(afterImport).toBeGreaterThan(0);
    // Once copied back, the log is cut back (journal_size_limit).
    await h.writes!.close();
    expect(fs.statSync(`${h.dbFile}-wal`).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
  });
});

describe('when the thread fails', () => {
  it('writes on the main thread when no thread can be started, and says so once', async () => {
    await withWarnings(async (warnings) => {
      h = await Harness.start({
        contacts: 1_500,
        writes: (db) => new WorkerSyncWrites(db, { createWorker: refusingFactory }),
      });
      expect(await h.sync()).toMatchObject({ status: 'success', counts: { created: 1_500 } });
      expect(await h.sync()).toMatchObject({ status: 'success', kind: 'incremental' });
      expect(h.writes!.pagesOnThread).toBe(0);
      expect(h.localState()).toEqual(h.serverState());
      expect(
        warnings.filter((line) => line.includes('pages are written on the main thread')),
      ).toHaveLength(1);
    });
  });

  it('writes on the main thread when the thread fails while starting (a missing bundle), losing no run', async () => {
    await withWarnings(async (warnings) => {
      h = await Harness.start({
        contacts: 1_500,
        writes: (db) => new WorkerSyncWrites(db, { createWorker: failingAtStartFactory }),
      });
      expect(await h.sync()).toMatchObject({ status: 'success', counts: { created: 1_500 } });
      expect(h.writes!.pagesOnThread).toBe(0);
      expect(h.localState()).toEqual(h.serverState());
      expect(warnings.some((line) => line.includes('pages are written on the main thread'))).toBe(
        true,
      );
    });
  });

  it('fails the run it was writing with a calm message; the next run completes the mirror on the main thread', async () => {
    const started: Worker[] = [];
    h = await Harness.start({
      contacts: 3_500,
      writes: (db) => new WorkerSyncWrites(db, { createWorker: keepingWorkers(started) }),
    });
    // Page 2 of the contacts answers after 2 s: the thread dies while the run waits for it.
    h.fake.injectFault({ path: 'connections', kind: 'delay', delayMs: 2_000, afterRequests: 1 });
    const runs = new RunsRepo(h.db);
    const request = h.orchestrator.requestSync(h.accountId, { trigger: 'manual' });
    if (request.status !== 'started') throw new Error('expected a run');
    await waitFor(() => runs.get(request.runId).counts.fetched === 1_000);
    // Its young generation is bounded, as every worker's (memory: docs/PERFORMANCE.md).
    expect(started[0]!.resourceLimits?.maxYoungGenerationSizeMb).toBe(WORKER_YOUNG_GENERATION_MB);
    await started[0]!.terminate();

    const failed = await request.done;
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
    expect(failed.error?.message).toMatch(/Nothing was lost; the next sync continues/);
    expect(failed.counts.fetched).toBe(1_000);

    const next = await h.sync();
    expect(next).toMatchObject({ status: 'success' });
    expect(h.localState()).toEqual(h.serverState());
    expect(searchable(h)).toBe(3_500);
  });

  it('fails a run DISK_FULL naming the database when the thread finds the disk full; committed pages stay', async () => {
    let pragmas: string[] = [];
    h = await Harness.start({
      contacts: 300,
      writes: (db) => new WorkerSyncWrites(db, { idleMs: 10, pragmas: () => pragmas }),
    });
    await h.sync();
    const before = h.localState();
    await waitFor(() => !h!.writes!.running);
    // The thread's file may not grow: SQLite answers SQLITE_FULL exactly as on a full disk.
    pragmas = [`max_page_count = ${Number(h.db.pragma('page_count', { simple: true }))}`];
    h.fake.addContacts(3_000);

    const run = await h.sync();
    expect(run).toMatchObject({ status: 'failed', error: { code: 'DISK_FULL' } });
    expect(run.error?.message).toContain(h.dbFile);
    expect(run.error?.message).toMatch(/Free some space/);
    expect(h.localState()).toEqual(before);

    await waitFor(() => !h!.writes!.running);
    pragmas = [];
    expect(await h.sync()).toMatchObject({ status: 'success' });
    expect(h.localState()).toEqual(h.serverState());
  });
});
