import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/connection.js';
import { BackgroundCheckpointer } from '../../src/main/core/db/wal-checkpoints.js';
import { newWorker } from '../../src/main/core/workers.js';
import { Harness } from './harness.js';
import {
  failingAtStartFactory,
  refusingFactory,
  withWarnings,
} from '../support/refused-workers.js';

// A process killed during a background checkpoint is covered by crash.test.ts: the CLI it kills
// checkpoints from a worker thread.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const autocheckpoint = (db: Harness['db']) => db.pragma('wal_autocheckpoint', { simple: true });

describe('WAL checkpoints from a worker thread', () => {
  it('keep the WAL short while SQLite’s own checkpoints are off, and the mirror exact', async () => {
    h = await Harness.start({
      contacts: 10_000,
      writes: 'inline', // the main connection's checkpointer; the sync writer's: sync-writer.test.ts
      checkpoints: (db) => new BackgroundCheckpointer(db),
    });
    const duringRun: unknown[] = [];
    let walPeak = 0;
    h.orchestrator.onProgress(() => {
      duringRun.push(autocheckpoint(h.db));
      walPeak = Math.max(walPeak, fs.statSync(`${h.dbFile}-wal`).size);
    });

    const run = await h.sync();
    await h.checkpoints!.idle();

    expect(run.status).toBe('success');
    expect(h.localState()).toEqual(h.serverState());
    expect(h.checkpoints!.completed).toBeGreaterThan(0);
    expect(new Set(duringRun)).toEqual(new Set([0]));
    expect(autocheckpoint(h.db)).toBe(1000);
    // Without checkpoints the WAL would hold every page written: more than the database itself.
    expect(walPeak).toBeGreaterThan(0);
    expect(walPeak).toBeLessThan(fs.statSync(h.dbFile).size / 2);
    const raw = new Database(h.dbFile, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });

  it('do not start the thread for listings that write little', async () => {
    // A no-change or few-change sync (the CLI under cron) should not pay for a thread.
    let started = 0;
    h = await Harness.start({
      contacts: 5,
      checkpoints: (db) =>
        new BackgroundCheckpointer(db, undefined, (script, options) => {
          started++;
          return newWorker(script, options);
        }),
    });
    const duringRun: unknown[] = [];
    h.orchestrator.onProgress(() => duringRun.push(autocheckpoint(h.db)));

    const first = await h.sync();
    for (const person of h.fake.listContacts().slice(0, 2))
      h.fake.updateContact(person.resourceName!, { nicknames: [{ value: 'Changed' }] });
    const second = await h.sync();

    expect([first.status, second.status]).toEqual(['success', 'success']);
    expect(started).toBe(0);
    expect(new Set(duringRun)).toEqual(new Set([0]));
    expect(autocheckpoint(h.db)).toBe(1000);
    expect(h.localState()).toEqual(h.serverState());
  });

  it('fall back to checkpoints inside COMMIT when the worker cannot start', async () => {
    h = await Harness.start({
      contacts: 2_500,
      writes: 'inline', // the main connection's checkpointer; the sync writer's: sync-writer.test.ts
      checkpoints: (db) => new BackgroundCheckpointer(db, '/nonexistent/better-sqlite3.js'),
    });

    const run = await h.sync();

    expect(run.status).toBe('success');
    expect(h.localState()).toEqual(h.serverState());
    expect(h.checkpoints!.completed).toBe(0);
    expect(autocheckpoint(h.db)).toBe(1000);
  });

  it('fall back when the worker exits without an error, and still close', async () => {
    const driver = path.join(os.tmpdir(), `csa-exiting-driver-${process.pid}.cjs`);
    fs.writeFileSync(driver, 'process.exit(3);\n');
    try {
      h = await Harness.start({
        contacts: 2_500,
        writes: 'inline', // the main connection's checkpointer; the sync writer's: sync-writer.test.ts
        checkpoints: (db) => new BackgroundCheckpointer(db, driver),
      });

      const run = await h.sync();

      expect(run.status).toBe('success');
      expect(h.localState()).toEqual(h.serverState());
      expect(autocheckpoint(h.db)).toBe(1000);
      await h.checkpoints!.idle(); // answers, rather than waiting on a worker that is gone
    } finally {
      fs.rmSync(driver, { force: true });
    }
  });

  it.each([
    ['refuses the thread (EAGAIN, thrown by new Worker)', refusingFactory],
    ['fails before it is online', failingAtStartFactory],
  ])('fall back, with a warning, when the system %s', async (_name, factory) => {
    await withWarnings(async (warnings) => {
      h = await Harness.start({
        contacts: 2_500,
        writes: 'inline', // the main connection's checkpointer; the sync writer's: sync-writer.test.ts
        checkpoints: (db) => new BackgroundCheckpointer(db, undefined, factory),
      });

      const run = await h.sync();

      expect(run.status).toBe('success');
      expect(h.localState()).toEqual(h.serverState());
      expect(h.checkpoints!.completed).toBe(0);
      expect(autocheckpoint(h.db)).toBe(1000);
      expect(warnings.join('\n')).toMatch(/WARN \[db\].*inside COMMIT/);
    });
  });

  it('are not used for a database without a file', () => {
    const db = openDatabase(':memory:');
    const checkpoints = new BackgroundCheckpointer(db);
    checkpoints.begin();
    checkpoints.committed();
    expect(autocheckpoint(db)).toBe(1000);
    checkpoints.end();
    db.close();
  });
});
