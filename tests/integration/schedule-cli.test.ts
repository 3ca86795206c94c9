/** `schedule`, `sync --trigger scheduled` and `daemon` through the real CLI process. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGoogle } from '../fake-google/server.js';
import { cliEnv, runCli, startCli } from './cli-process.js';

let fake: FakeGoogle;
let url: string;
let dir: string;

beforeAll(async () => {
  fake = new FakeGoogle({ contacts: 5_500 });
  url = await fake.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-schedule-cli-'));
});
afterAll(async () => {
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh profile (database, tokens, settings) with one account added. */
async function profile(name: string, settings?: unknown) {
  const db = path.join(dir, name, 'contacts.db');
  const env = cliEnv(url, { CONTACTS_SYNC_DB: db });
  fs.mkdirSync(path.dirname(db), { recursive: true });
  const settingsFile = path.join(path.dirname(db), 'settings.json');
  if (settings !== undefined) fs.writeFileSync(settingsFile, JSON.stringify(settings));
  const added = await runCli(['accounts', 'add', 'me@example.com'], env, fake.refreshToken);
  expect(added.code).toBe(0);
  return { db, env, settingsFile };
}

async function json(args: string[], env: NodeJS.ProcessEnv) {
  const result = await runCli(['--json', ...args], env);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('contacts-sync schedule and sync --trigger scheduled', () => {
  it('shows and changes the schedule; scheduled runs obey it and exit 0 when skipped', async () => {
    const { env, settingsFile } = await profile('schedule');
    const [initial] = await json(['schedule'], env);
    expect(initial).toMatchObject({
      account: 'me@example.com',
      schedule: { enabled: true, at: '02:00', everyHours: 24, pausedUntil: null },
      intervalMinutes: 1440,
      circuit: { open: false, consecutiveFailures: 0 },
      overdue: true,
      health: { successRate7d: null, apiCallsSaved: { total: 0 } },
    });
    expect(typeof initial.nextRunAt).toBe('string');

    const [changed] = await json(
      ['schedule', 'set', '--at', '03:30', '--every', '6', '--time-zone', 'Europe/Berlin'],
      env,
    );
    expect(changed.schedule).toMatchObject({
      at: '03:30',
      everyHours: 6,
      timeZone: 'Europe/Berlin',
    });
    expect(JSON.parse(fs.readFileSync(settingsFile, 'utf8')).schedule.at).toBe('03:30');

    await json(['schedule', 'pause', 'indefinitely'], env);
    fake.resetCounts();
    const [paused] = await json(['sync', '--trigger', 'scheduled'], env);
    expect(paused).toMatchObject({ status: 'skipped', skipReason: 'paused', trigger: 'scheduled' });
    expect(fake.requestCount('connections')).toBe(0);
    const [resumed] = await json(['schedule', 'resume'], env);
    expect(resumed.schedule.pausedUntil).toBeNull();

    const [first] = await json(['sync', '--trigger', 'scheduled'], env);
    expect(first).toMatchObject({ status: 'success', trigger: 'scheduled' });
    expect(first.bytesReceived).toBeGreaterThan(0);
    // Right after a success the schedule has nothing due: skipped, exit 0, no API call.
    fake.resetCounts();
    const [again] = await json(['sync', '--trigger', 'scheduled'], env);
    expect(again).toMatchObject({ status: 'skipped', skipReason: 'not_due', apiCalls: 0 });
    expect(fake.requestCount('connections')).toBe(0);

    const history = await json(['history'], env);
    expect(history.map((r: { skipReason: string | null }) => r.skipReason)).toEqual([
      'not_due',
      null,
      'paused',
    ]);
    const [after] = await json(['schedule'], env);
    expect(after.health.apiCallsSaved.byReason).toEqual({ not_due: 2, paused: 2 });
    expect(after.overdue).toBe(false);
  });

  it('corrupt settings load as defaults with a warning, not a crash', async () => {
    const { env, settingsFile } = await profile('corrupt');
    fs.writeFileSync(settingsFile, '{"schedule": {"at": "03:00",');
    const result = await runCli(['--json', 'schedule'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/WARN \[settings\].*defaults are used/);
    expect(JSON.parse(result.stdout)[0].schedule).toMatchObject({ at: '02:00', everyHours: 24 });
  });

  it('rejects bad schedule arguments with exit code 2', async () => {
    const env = cliEnv(url, { CONTACTS_SYNC_DB: path.join(dir, 'usage', 'contacts.db') });
    for (const args of [
      ['schedule', 'set', '--every', '5'],
      ['schedule', 'set', '--time-zone', 'Nowhere/Special'],
      ['schedule', 'pause', 'forever'],
      ['sync', '--trigger', 'sometimes'],
    ]) {
      const result = await runCli(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^contacts-sync: /);
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('contacts-sync daemon', () => {
  it('catches up at start and exits cleanly on SIGTERM mid-sync, with the database intact', async () => {
    // No wait before the catch-up, so the test need not wait a minute.
    const { db, env } = await profile('daemon', { policies: { catchUpDelaySeconds: 0 } });
    fake.resetCounts();
    fake.injectFault({ path: 'connections', kind: 'delay', delayMs: 250, count: 100 });
    const child = startCli(['daemon'], env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waitFor(() => fake.requestCount('connections') >= 3); // page 2 has been committed or is
    child.kill('SIGTERM');
    const code = await exited;
    fake.clearFaults();

    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/Background sync running for 1 account/);
    expect(stdout).toMatch(/Background sync stopped/);
    expect(stderr).toMatch(/Stopping: the sync ends at the next page/);
    const raw = new Database(db, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const runs = raw.prepare('SELECT trigger, status, error_code FROM sync_runs').all();
    expect(runs).toEqual([
      { trigger: 'startup_catch_up', status: 'cancelled', error_code: 'CANCELLED' },
    ]);
    const { n } = raw
      .prepare('SELECT count(*) AS n FROM contacts WHERE deleted_at IS NULL')
      .get() as { n: number };
    expect(n % 1_000).toBe(0); // whole pages only: what was committed stays
    expect(n).toBeGreaterThanOrEqual(1_000);
    expect(n).toBeLessThan(5_500);
    raw.close();
  });
});
