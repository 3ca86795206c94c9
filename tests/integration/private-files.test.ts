import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/connection.js';
import { exportsFolderChooser } from '../../src/main/core/export/exports-folder.js';
import { FileContactsExporter } from '../../src/main/core/export/exporter.js';
import { systemClock } from '../../src/main/core/clock.js';
import { FakeGoogle } from '../fake-google/server.js';
import { cliEnv, runCli } from './cli-process.js';

// Issue 18 item 3: nobody else on the computer may read the address book, whoever creates it.

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

let fake: FakeGoogle;
let url: string;
let dir: string;
beforeAll(async () => {
  fake = new FakeGoogle({ contacts: 120 });
  url = await fake.start();
});
afterAll(async () => {
  await fake.stop();
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The CLI with its per-user default data folder under `home` (no --db, no CONTACTS_SYNC_DB). */
function defaultFolderEnv(home: string) {
  const config = path.join(home, '.config');
  return {
    env: cliEnv(url, { HOME: home, XDG_CONFIG_HOME: config }),
    data: path.join(config, 'Contacts Sync Agent'),
  };
}

describe('private files on disk', () => {
  it('a CLI sync creates the data folder 0700 and every file in it 0600', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-private-'));
    const { env, data } = defaultFolderEnv(dir);
    const run = (...args: string[]) => runCli(args, env);

    // The refresh token goes in on standard input, never in the arguments.
    expect((await runCli(['accounts', 'add', 'me@example.com'], env, fake.refreshToken)).code).toBe(
      0,
    );
    expect((await run('schedule', 'set', '--at', '03:30')).code).toBe(0);
    expect((await run('sync')).code).toBe(0);
    const exported = path.join(data, 'contacts.vcf');
    expect((await run('export', '--format', 'vcard', '--output', exported)).code).toBe(0);

    expect(modeOf(data)).toBe(0o700);
    for (const name of ['contacts.db', 'tokens.json', 'settings.json', 'contacts.vcf']) {
      expect([name, modeOf(path.join(data, name))]).toEqual([name, 0o600]);
    }
  });

  it('the database’s -wal and -shm are 0600 while it is open, in a new nested folder', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-private-'));
    const file = path.join(dir, 'a', 'b', 'contacts.db');
    const db = openDatabase(file);
    try {
      db.prepare(
        `INSERT INTO accounts (email, status, connected_at) VALUES ('x@example.com', 'connected', '2026-01-01')`,
      ).run();
      expect(modeOf(path.join(dir, 'a'))).toBe(0o700);
      expect(modeOf(path.join(dir, 'a', 'b'))).toBe(0o700);
      for (const name of [file, `${file}-wal`, `${file}-shm`]) {
        expect([name, modeOf(name)]).toEqual([name, 0o600]);
      }
    } finally {
      db.close();
    }
  });

  it('exports to the default folder are 0600 in a 0700 folder', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-private-'));
    const file = path.join(dir, 'data', 'contacts.db');
    const db = openDatabase(file);
    try {
      const exporter = new FileContactsExporter(db, exportsFolderChooser(file, systemClock));
      const result = await exporter.export({ format: 'csv', includeDeleted: false });
      expect(modeOf(path.dirname(result.file!))).toBe(0o700);
      expect(modeOf(result.file!)).toBe(0o600);
    } finally {
      db.close();
    }
  });

  it('an existing 0755 data folder with a 0644 database, settings and tokens is tightened, with a notice', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-private-'));
    const { env, data } = defaultFolderEnv(dir);
    fs.mkdirSync(path.join(data, 'exports'), { recursive: true });
    const old = new Database(path.join(data, 'contacts.db'));
    old.pragma('journal_mode = WAL');
    old.close();
    fs.writeFileSync(path.join(data, 'settings.json'), '{}');
    fs.writeFileSync(
      path.join(data, 'tokens.json'),
      JSON.stringify({ version: 1, accounts: { 'me@example.com': { refreshToken: 'r' } } }),
    );
    for (const name of ['contacts.db', 'settings.json', 'tokens.json'])
      fs.chmodSync(path.join(data, name), 0o644);
    fs.chmodSync(data, 0o755);

    const status = await runCli(['status'], env);

    expect(status.code).toBe(0);
    expect(modeOf(data)).toBe(0o700);
    for (const name of ['contacts.db', 'settings.json', 'tokens.json']) {
      expect([name, modeOf(path.join(data, name))]).toEqual([name, 0o600]);
    }
    expect(status.stderr).toContain(`made ${data} private (was 0755, now 0700)`);
    expect(status.stderr).toContain(`made ${path.join(data, 'contacts.db')} private`);
  });

  it('a database in a folder the person chose keeps that folder’s mode but is itself 0600', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-private-'));
    fs.chmodSync(dir, 0o755);
    const db = openDatabase(path.join(dir, 'contacts.db'));
    db.close();
    expect(modeOf(dir)).toBe(0o755);
    expect(modeOf(path.join(dir, 'contacts.db'))).toBe(0o600);
  });
});
