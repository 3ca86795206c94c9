/** `contacts-sync connect / disconnect` as a person runs them: a real process, a "browser". */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBrowser } from '../fake-google/oauth-browser.js';
import { FakeGoogle } from '../fake-google/server.js';
import { cliEnv, runCli, startCli, type CliResult } from './cli-process.js';

let fake: FakeGoogle;
let dir: string;
let env: NodeJS.ProcessEnv;
let tokenFile: string;

beforeAll(async () => {
  fake = new FakeGoogle({ contacts: 120 });
  const url = await fake.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-auth-cli-'));
  tokenFile = path.join(dir, 'tokens.json');
  env = cliEnv(url, { CONTACTS_SYNC_DB: path.join(dir, 'contacts.db') });
});

afterAll(async () => {
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI; `onUrl` gets the authorization URL as soon as it is printed. */
function runConnect(args: string[], onUrl: (url: string, child: ChildProcess) => void) {
  const child = startCli(['connect', '--no-browser', ...args], env);
  const result: CliResult = { code: null, signal: null, stdout: '', stderr: '' };
  let seen = false;
  child.stdout?.on('data', (chunk: Buffer) => {
    result.stdout += chunk.toString();
    const line = result.stdout.split('\n').find((l) => l.startsWith('http'));
    if (line && !seen) {
      seen = true;
      onUrl(line, child);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (result.stderr += chunk.toString()));
  return new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ ...result, code, signal })),
  );
}

const accounts = async () => JSON.parse((await runCli(['--json', 'accounts'], env)).stdout);

describe('contacts-sync connect / disconnect', () => {
  it('connect prints the URL on its own line, waits for the browser, connects and syncs', async () => {
    const browser = new FakeBrowser();
    const result = await runConnect([], (url) => void browser.open(url));
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/o\/oauth2\/v2\/auth\?\S+$/);
    expect(lines[1]).toBe('Connected me@example.com.');
    expect(lines[2]).toMatch(/^me@example.com: success \(full.*120 fetched, 120 new/);
    expect(result.stderr).toMatch(/unencrypted.*0600/);
    expect(browser.visits[0]?.status).toBe(200);
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(await accounts()).toEqual([
      {
        email: 'me@example.com',
        status: 'connected',
        connectedAt: expect.any(String),
        lastSyncAt: expect.any(String),
      },
    ]);
  });

  it('a revoked sign-in: sync is skipped with no API call, and the person is told once', async () => {
    const stored = JSON.parse(fs.readFileSync(tokenFile, 'utf8'));
    fake.revokeRefreshToken(stored.accounts['me@example.com'].refreshToken);
    fake.resetCounts();
    const first = await runCli(['sync'], env);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/skipped.*reconnect_needed/);
    expect(first.stderr.match(/Reconnect me@example.com/g)).toHaveLength(1);
    expect(first.stderr).toMatch(/Run: contacts-sync connect --account me@example.com/);
    const second = await runCli(['sync'], env);
    expect(second.stderr).not.toMatch(/Reconnect me@example.com/);
    expect(fake.requestCount('connections') + fake.requestCount('contactGroups')).toBe(0);
    expect((await accounts())[0].status).toBe('reconnect_needed');
  });

  it('connect --account reconnects the same account; its first sync is incremental', async () => {
    const result = await runConnect(['--account', 'me@example.com', '--json'], (url) => {
      expect(new URL(url).searchParams.get('login_hint')).toBe('me@example.com');
      void new FakeBrowser().open(url);
    });
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout.trim().split('\n')[1] as string);
    expect(summary).toMatchObject({
      email: 'me@example.com',
      status: 'connected',
      reconnected: true,
      sync: { kind: 'incremental', status: 'success', trigger: 'after_connect' },
    });
  });

  it('Ctrl-C while waiting for the browser cancels the sign-in', async () => {
    const result = await runConnect([], (_url, child) => child.kill('SIGINT'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/contacts-sync: The sign-in was cancelled\./);
    expect(await accounts()).toHaveLength(1);
  });

  it('disconnect revokes, deletes the token file and keeps the contacts', async () => {
    const result = await runCli(['disconnect', 'me@example.com'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Disconnected me@example.com\.\nGoogle revoked/);
    expect(fs.existsSync(tokenFile)).toBe(false);
    expect((await accounts())[0].status).toBe('disconnected');
    const stats = JSON.parse((await runCli(['--json', 'stats'], env)).stdout);
    expect(stats.contacts.active).toBe(120);
    const sync = await runCli(['sync'], env);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(/No accounts to sync\. Connect one with: contacts-sync connect/);
  });

  it('disconnect --delete-data removes the local data; bad usage exits 2', async () => {
    const result = await runCli(['--json', 'disconnect', 'me@example.com', '--delete-data'], env);
    expect(JSON.parse(result.stdout)).toEqual({
      email: 'me@example.com',
      revoked: false,
      dataDeleted: true,
    });
    expect(await accounts()).toEqual([]);
    expect((await runCli(['disconnect'], env)).code).toBe(2);
    const unknown = await runCli(['disconnect', 'nobody@example.com'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No account nobody@example.com/);
  });
});
