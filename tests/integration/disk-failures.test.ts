import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/connection.js';
import { AppError } from '../../src/main/core/errors.js';
import type { Settings } from '../../src/main/core/settings/schema.js';
import {
  SettingsService,
  type SettingsStore,
} from '../../src/main/core/settings/settings-service.js';
import { CLI, cliEnv, type CliResult } from './cli-process.js';
import { Harness } from './harness.js';

// Real disk conditions, made the same way as root (CI) and as a normal user: SQLite's
// max_page_count gives a real SQLITE_FULL, /dev/full a real ENOSPC, a path under a file a real
// ENOTDIR; a read-only folder is read-only for a user other than root.

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const NOT_ROOT = { uid: 65534, gid: 65534 }; // "nobody"

/** The CLI as a user who may not write `folder` (root ignores modes, so it runs as nobody). */
function runCliWithoutWriteAccess(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const asNobody = process.getuid?.() === 0;
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...env, HOME: os.tmpdir() },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asNobody ? NOT_ROOT : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

describe('a full disk', () => {
  it('fails the sync DISK_FULL naming the database; what was committed stays and the run is recorded', async () => {
    h = await Harness.start({ contacts: 300, writes: 'inline' });
    await h.sync();
    const before = h.localState();
    // The file may not grow: SQLite answers SQLITE_FULL exactly as on a full disk.
    h.db.pragma(`max_page_count = ${Number(h.db.pragma('page_count', { simple: true }))}`);
    h.fake.addContacts(3_000);

    const run = await h.sync();

    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('DISK_FULL');
    expect(run.error?.message).toContain(h.dbFile);
    expect(run.error?.message).toMatch(/Free some space/);
    const recorded = h.db
      .prepare('SELECT status, error_code FROM sync_runs WHERE id = ?')
      .get(run.runId);
    expect(recorded).toEqual({ status: 'failed', error_code: 'DISK_FULL' });
    expect(h.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(h.localState()).toEqual(before);

    h.db.pragma('max_page_count = 1073741823');
    const next = await h.sync();
    expect(next.status).toBe('success');
    expect(h.localState()).toEqual(h.serverState());
  });

  it('fails a settings change DISK_FULL naming the settings file', () => {
    /** Writes where every write fails with ENOSPC. */
    class FullDiskStore implements SettingsStore {
      readonly location = '/home/ana/.config/Contacts Sync Agent/settings.json';
      read(): unknown {
        return undefined;
      }
      write(value: Settings): void {
        fs.writeFileSync('/dev/full', JSON.stringify(value));
      }
    }
    const settings = new SettingsService(new FullDiskStore());

    let caught: unknown;
    try {
      settings.update((draft) => {
        draft.policies.massDeletionPercent = 30;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ code: 'DISK_FULL' });
    expect((caught as AppError).message).toContain('settings.json');
  });

  it('fails a CLI export to a full disk with a plain message', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-disk-'));
    const db = path.join(dir, 'contacts.db');
    openDatabase(db).close();
    const full = fs.openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [CLI, 'export', '--format', 'csv'], {
      env: cliEnv('http://127.0.0.1:9', { CONTACTS_SYNC_DB: db }),
      stdio: ['ignore', full, 'pipe'],
    });
    fs.closeSync(full);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));

    expect(code).toBe(1);
    expect(stderr).toMatch(/The disk is full.*Free some space/);
    expect(stderr).not.toMatch(/Unexpected error/);
  });
});

describe('a data folder that cannot be used', () => {
  it('read-only with a database in it: the CLI says which database and what to do', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-disk-'));
    fs.chmodSync(dir, 0o755);
    const folder = path.join(dir, 'data');
    const db = path.join(folder, 'contacts.db');
    openDatabase(db).close();
    // The person's own database in a folder they may no longer write to.
    if (process.getuid?.() === 0) {
      for (const owned of [folder, db]) fs.chownSync(owned, NOT_ROOT.uid, NOT_ROOT.gid);
    }
    fs.chmodSync(folder, 0o555);

    const result = await runCliWithoutWriteAccess(
      ['status'],
      cliEnv('http://127.0.0.1:9', { CONTACTS_SYNC_DB: db }),
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot open the database at ${db}`);
    expect(result.stderr).toMatch(/writable|may not write/);
    expect(result.stderr).not.toMatch(/Unexpected error/);
  });

  it('a path through a file: DB_OPEN_FAILED naming the path', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-disk-'));
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, '');
    const db = path.join(file, 'contacts.db');

    expect(() => openDatabase(db)).toThrow(
      expect.objectContaining({
        code: 'DB_OPEN_FAILED',
        message: expect.stringMatching(
          /^Cannot open the database at .*not-a-folder\/contacts\.db: .*a file, not a folder/,
        ),
      }),
    );
  });

  it('a folder the database cannot be created in: DB_OPEN_FAILED naming the path', () => {
    // /proc/self exists and no one may create files in it, root included.
    expect(() => openDatabase('/proc/self/contacts.db')).toThrow(
      expect.objectContaining({
        code: 'DB_OPEN_FAILED',
        message: expect.stringContaining('/proc/self/contacts.db'),
      }),
    );
    expect(fs.existsSync('/proc/self/contacts.db')).toBe(false);
  });
});
