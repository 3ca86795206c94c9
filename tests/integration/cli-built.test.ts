import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ROOT } from '../../scripts/build-cli.js';
import { FakeGoogle } from '../fake-google/server.js';
import { cliEnv, runCli } from './cli-process.js';

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
    expect(fs.existsSync(path.join(dir, 'app/dist/main/decode-worker.js'))).toBe(true);
  });

  it('adds an account, syncs every contact and reports the status', async () => {
    const added = await runCli(
      ['accounts', 'add', 'me@example.com', '--refresh-token', fake.refreshToken],
      env,
      bin,
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const synced = await runCli(['--json', 'sync'], env, bin);
    expect(synced.code).toBe(0);
    const runs = JSON.parse(synced.stdout) as { status: string; counts: { created: number } }[];
    expect(runs.map((run) => [run.status, run.counts.created])).toEqual([['success', 1_500]]);
    const status = await runCli(['status'], env, bin);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('me@example.com');
  });

  it('says how to build it when there is no build and no tsx', async () => {
    const bare = path.join(dir, 'bare');
    fs.mkdirSync(path.join(bare, 'bin'), { recursive: true });
    fs.copyFileSync(
      path.join(ROOT, 'bin/contacts-sync.js'),
      path.join(bare, 'bin/contacts-sync.js'),
    );
    const result = await runCli(['status'], env, path.join(bare, 'bin/contacts-sync.js'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('npm run build:cli');
  });
});
