import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGoogle } from '../fake-google/server.js';
import { cliEnv, runCli } from './cli-process.js';

let fake: FakeGoogle;
let url: string;
let dir: string;
let env: NodeJS.ProcessEnv;
let db: string;

beforeAll(async () => {
  fake = new FakeGoogle({ contacts: 1_234 });
  url = await fake.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-cli-'));
  db = path.join(dir, 'data', 'contacts.db');
  env = cliEnv(url, { CONTACTS_SYNC_DB: db });
});

afterAll(async () => {
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('contacts-sync CLI', () => {
  it('adds an account and keeps its token in a file only the user can read', async () => {
    const result = await runCli(['accounts', 'add', 'me@example.com'], env, fake.refreshToken);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Added me@example.com/);
    const tokenFile = path.join(dir, 'data', 'tokens.json');
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(tokenFile, 'utf8')).toContain(fake.refreshToken);
    // The token is in the vault, never in the database.
    const raw = fs.readFileSync(db);
    expect(raw.includes(Buffer.from(fake.refreshToken))).toBe(false);
  });

  it('syncs and prints the runs as JSON', async () => {
    const result = await runCli(['--json', 'sync'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const runs = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      account: 'me@example.com',
      resource: 'contacts',
      kind: 'full',
      trigger: 'cli',
      status: 'success',
      counts: { fetched: 1_234, created: 1_234, updated: 0, deleted: 0, unchanged: 0, errors: 0 },
      apiCalls: 3,
    });
    expect(typeof runs[0]?.['durationMs']).toBe('number');
  });

  it('prints statistics, search results, history and accounts', async () => {
    const stats = JSON.parse((await runCli(['--json', 'stats'], env)).stdout);
    expect(stats.contacts).toEqual({ total: 1_234, active: 1_234, deleted: 0 });
    expect(stats.runs.success).toBe(1);
    expect(stats.runsByResource.contacts.success).toBe(1);
    expect(stats.calendar).toEqual({ calendars: 0, events: 0 });
    expect(stats.lastSuccessAt).toBeTruthy();
    const statsText = (await runCli(['stats'], env)).stdout;
    expect(statsText).toContain('Calendars: 0 mirrored, 0 events');
    expect(statsText).toContain('  contacts: 1 success');

    const someone = fake.listContacts()[100]!;
    const family = someone.names![0]!.familyName!;
    const found = JSON.parse(
      (await runCli(['--json', 'search', family, '--limit', '500'], env)).stdout,
    );
    expect(found.map((r: { resourceName: string }) => r.resourceName)).toContain(
      someone.resourceName,
    );
    expect(Object.keys(found[0]).sort()).toEqual([
      'accountId',
      'displayName',
      'emails',
      'hasPhoto',
      'phones',
      'resourceName',
      'sortName',
    ]);
    // The text output says when --limit cut the matches short.
    expect(found.length).toBeGreaterThan(1);
    expect((await runCli(['search', family, '--limit', '1'], env)).stdout).toContain(
      `Showing 1 of ${found.length} matches; --limit N shows more.`,
    );

    const history = JSON.parse((await runCli(['--json', 'history', '--limit', '5'], env)).stdout);
    expect(history[0]).toMatchObject({ status: 'success', trigger: 'cli' });

    const accounts = JSON.parse((await runCli(['--json', 'accounts'], env)).stdout);
    expect(accounts).toEqual([
      {
        email: 'me@example.com',
        status: 'connected',
        connectedAt: expect.any(String),
        lastSyncAt: expect.any(String),
      },
    ]);
    const text = await runCli(['status'], env);
    expect(text.stdout).toMatch(/contacts: 1234/);
  });

  it('exits non-zero when a run fails, with one clear line and no stack trace', async () => {
    // Twice: a 400 to the sync token alone heals with a full listing (issue 17 item 3).
    fake.injectFault({ path: 'connections', kind: 'status', status: 400, count: 2 });
    const result = await runCli(['sync'], env);
    fake.clearFaults();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/failed/);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects bad usage with exit code 2 and a hint', async () => {
    for (const args of [
      ['frobnicate'],
      ['--limit', 'x', 'history'],
      ['accounts', 'add', 'not-an-email'],
    ]) {
      const result = await runCli(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^contacts-sync: /);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('refuses a database from a newer version with a clear message', async () => {
    const newer = path.join(dir, 'newer.db');
    const raw = new Database(newer);
    raw.pragma('user_version = 999');
    raw.close();
    const result = await runCli(['--db', newer, 'stats'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/newer version of Contacts Sync Agent/);
  });

  it('explains what to do when no OAuth client is configured', async () => {
    const { GOOGLE_CLIENT_ID: _id, GOOGLE_CLIENT_SECRET: _secret, ...rest } = env;
    const result = await runCli(['--json', 'sync'], rest);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)[0].error.code).toBe('NO_CREDENTIALS');
  });
});
