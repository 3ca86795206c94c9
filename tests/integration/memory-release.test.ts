/**
 * Memory a tray app gives back (docs/PERFORMANCE.md "Memory of the core's process"): each
 * connection's pragmas by role, read back from a real SQLite file, and the release after a sync
 * as the desktop app composes the core (createCoreServices against the fake Google server).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCoreServices, type CoreServices } from '../../src/main/core/api/services.js';
import { FileTokenVault } from '../../src/main/core/auth/token-vault.js';
import { AccountsRepo } from '../../src/main/core/db/accounts-repo.js';
import { CONNECTION_ROLES, openDatabase } from '../../src/main/core/db/connection.js';
import { releaseMemory } from '../../src/main/core/memory-release.js';
import type { SyncRun } from '../../src/shared/domain.js';
import { FakeGoogle } from '../fake-google/server.js';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-memory-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** SQLite's answers: cache_size in -KiB, temp_store 1 = FILE, 2 = MEMORY. */
function pragmas(db: ReturnType<typeof openDatabase>) {
  return {
    cacheSize: db.pragma('cache_size', { simple: true }),
    tempStore: db.pragma('temp_store', { simple: true }),
  };
}

describe('connection pragmas by role', () => {
  it('gives the writer a small cache and file-backed sorts, a reader a small cache', () => {
    const file = path.join(dir, 'contacts.db');
    const writer = openDatabase(file, CONNECTION_ROLES.writer);
    const reader = openDatabase(file, CONNECTION_ROLES.reader);
    const plain = openDatabase(file);
    try {
      expect(pragmas(writer)).toEqual({ cacheSize: -8_192, tempStore: 1 });
      expect(pragmas(reader)).toEqual({ cacheSize: -8_192, tempStore: 2 });
      // Unchanged for a connection that names no role (preview's demo seeding, say).
      expect(pragmas(plain)).toEqual({ cacheSize: -65_536, tempStore: 2 });
    } finally {
      for (const db of [writer, reader, plain]) db.close();
    }
  });

  it('releases a connection’s cache and the V8 heap without touching the data', () => {
    const db = openDatabase(path.join(dir, 'contacts.db'), CONNECTION_ROLES.writer);
    try {
      const accounts = new AccountsRepo(db);
      accounts.upsert('me@example.com', null, new Date().toISOString());
      expect(releaseMemory(db)).toBe(true);
      expect(accounts.list().map((a) => a.email)).toEqual(['me@example.com']);
      expect(pragmas(db).cacheSize).toBe(-8_192);
    } finally {
      db.close();
    }
  });
});

describe('the desktop app’s core', () => {
  let fake: FakeGoogle;
  let core: CoreServices | undefined;

  afterEach(async () => {
    await core?.close();
    await fake.stop();
  });

  async function startCore(photos: boolean): Promise<CoreServices> {
    fake = new FakeGoogle({ contacts: 120 });
    const url = await fake.start();
    const vault = new FileTokenVault(path.join(dir, 'tokens.json'));
    core = createCoreServices({
      databasePath: path.join(dir, 'contacts.db'),
      vault,
      opener: () => undefined,
      env: {
        CONTACTS_SYNC_GOOGLE_URL: url,
        GOOGLE_CLIENT_ID: fake.clientId,
        GOOGLE_CLIENT_SECRET: fake.clientSecret,
        CONTACTS_SYNC_PHOTOS: photos ? 'on' : 'off',
      },
      releaseMemoryAfterMs: 20,
    });
    core.start();
    const account = new AccountsRepo(core.db).upsert('me@example.com', null, '2026-01-01');
    vault.set(account.email, { refreshToken: fake.refreshToken });
    return core;
  }

  /** Syncs now; answers the run and how many releases there had been when it finished. */
  async function sync(services: CoreServices): Promise<{ run: SyncRun; releases: number }> {
    const finished = new Promise<{ run: SyncRun; releases: number }>((resolve) => {
      const off = services.api.subscribe((event) => {
        if (event.name !== 'runFinished') return;
        off();
        resolve({ run: event.payload, releases: services.memory.releases });
      });
    });
    expect((await services.api.call('syncNow', {})).ok).toBe(true);
    return finished;
  }

  it('answers the window on a reader connection (the sync writer’s thread writes) and releases memory once, after the run', async () => {
    const services = await startCore(false);
    expect(pragmas(services.db)).toEqual({ cacheSize: -8_192, tempStore: 2 });
    const { run, releases } = await sync(services);
    expect(run).toMatchObject({ status: 'success', counts: { fetched: 120 } });
    expect(releases).toBe(0); // never while a run goes on
    await vi.waitFor(() => expect(services.memory.releases).toBe(1));
    const count = services.db.prepare('SELECT count(*) FROM contacts').pluck().get();
    expect(count).toBe(120);
  });

  it('releases again when the photo pass after the run has ended', async () => {
    const services = await startCore(true);
    // Slow photos: the run's own release comes first, the pass's one after it.
    fake.injectFault({ path: 'photo', kind: 'delay', delayMs: 300 });
    let releasesAtPassEnd: number | null = null;
    services.photos.fetcher.onPass(() => {
      releasesAtPassEnd ??= services.memory.releases;
    });
    await sync(services);
    await services.photos.fetcher.whenIdle();
    expect(releasesAtPassEnd).not.toBeNull();
    await vi.waitFor(() => expect(services.memory.releases).toBe(releasesAtPassEnd! + 1));
  });
});
