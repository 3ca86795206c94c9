import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ROOT } from '../../scripts/build-cli.js';
import { FakeGoogle } from '../fake-google/server.js';
import { cliEnv, runCli, startCli, waitFor } from './cli-process.js';

/**
 * The command line as `npm ci` leaves it: built JavaScript started by bin/contacts-sync.js, with
 * no TypeScript runner. Built into a folder of its own (its node_modules a link to ours), so
 * other tests building dist/ at the same time cannot disturb it.
 */
let fake: FakeGoogle;
let dir: string;
let bin: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  fake = new FakeGoogle({ contacts: 1_500 });
  const url = await fake.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-cli-built-'));
  const app = path.join(dir, 'app');
  await buildCli(path.join(app, 'dist/main'));
  fs.mkdirSync(path.join(app, 'bin'));
  bin = path.join(app, 'bin/contacts-sync.js');
  fs.copyFileSync(path.join(ROOT, 'bin/contacts-sync.js'), bin);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  env = cliEnv(url, { CONTACTS_SYNC_DB: path.join(dir, 'data', 'contacts.db') });
}, 60_000);

afterAll(async () => {
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the built command line', () => {
  it('is one bundle that needs no TypeScript runner', () => {
    const cli = fs.readFileSync(path.join(dir, 'app/dist/main/cli.js'), 'utf8');
    expect(cli).not.toMatch(/from ["']tsx/);
    for (const worker of ['decode-worker.js', 'sync-writer-worker.js']) {
      expect(fs.existsSync(path.join(dir, 'app/dist/main', worker)), worker).toBe(true);
    }
  });

  it('adds an account, syncs every contact and reports the status', async () => {
    const added = await runCli(['accounts', 'add', 'me@example.com'], env, fake.refreshToken, bin);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const synced = await runCli(['--json', 'sync'], env, undefined, bin);
    expect(synced.code).toBe(0);
    const runs = JSON.parse(synced.stdout) as { status: string; counts: { created: number } }[];
    expect(runs.map((run) => [run.status, run.counts.created])).toEqual([['success', 1_500]]);
    const status = await runCli(['status'], env, undefined, bin);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('me@example.com');
  });

  it('as a daemon, writes its sync on the sync writer’s thread, built beside it', async () => {
    const db = path.join(dir, 'daemon', 'contacts.db');
    const daemonEnv = cliEnv(fake.url, { CONTACTS_SYNC_DB: db });
    fs.mkdirSync(path.dirname(db), { recursive: true });
    // No wait before the start-up catch-up.
    const settings = { policies: { catchUpDelaySeconds: 0 } };
    fs.writeFileSync(path.join(path.dirname(db), 'settings.json'), JSON.stringify(settings));
    const added = await runCli(
      ['accounts', 'add', 'me@example.com'],
      daemonEnv,
      fake.refreshToken,
      bin,
    );
    expect(added.code, added.stderr).toBe(0);
    const child = startCli(['daemon'], daemonEnv, undefined, bin);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const succeeded = () => {
      if (!fs.existsSync(db)) return false;
      const raw = new Database(db, { readonly: true, fileMustExist: true });
      try {
        return raw.prepare(`SELECT 1 FROM sync_runs WHERE status = 'success'`).get() !== undefined;
      } catch {
        return false; // not created yet
      } finally {
        raw.close();
      }
    };
    await waitFor(succeeded);
    child.kill('SIGTERM');
    expect(await exited, stderr).toBe(0);
    expect(stderr).not.toMatch(/written on the main thread/);
  });

  it('resyncs what changed, and nothing when nothing did', async () => {
    // Small pages: read inline, without the threads a full listing starts (bench/peer.sh).
    const sync = async () => {
      const result = await runCli(['--json', 'sync'], env, undefined, bin);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const [run] = JSON.parse(result.stdout) as { kind: string; counts: { updated: number } }[];
      return [run!.kind, run!.counts.updated];
    };
    const unchanged = await sync();
    for (const person of fake.listContacts().slice(0, 10))
      fake.updateContact(person.resourceName!, { nicknames: [{ value: 'Changed' }] });
    const changed = await sync();

    expect([unchanged, changed]).toEqual([
      ['incremental', 0],
      ['incremental', 10],
    ]);
    const exported = await runCli(['export', '--format', 'vcard'], env, undefined, bin);
    expect(exported.stdout.match(/^NICKNAME:Changed\r?$/gm)).toHaveLength(10);
  });

  it('says how to build it when there is no build and no tsx', async () => {
    const bare = path.join(dir, 'bare');
    fs.mkdirSync(path.join(bare, 'bin'), { recursive: true });
    fs.copyFileSync(
      path.join(ROOT, 'bin/contacts-sync.js'),
      path.join(bare, 'bin/contacts-sync.js'),
    );
    const result = await runCli(
      ['status'],
      env,
      undefined,
      path.join(bare, 'bin/contacts-sync.js'),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('npm run build:cli');
  });
});
