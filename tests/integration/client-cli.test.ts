/**
 * `contacts-sync client …` and `accounts add` without secrets in the arguments (issue 18 items 4
 * and 8), as a person runs them: the real CLI process, no OAuth environment variables.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGoogle } from '../fake-google/server.js';
import { cliEnv, runCli } from './cli-process.js';

let fake: FakeGoogle;
let dir: string;
let env: NodeJS.ProcessEnv;
let clientFile: string;

beforeAll(async () => {
  fake = new FakeGoogle({ contacts: 25 });
  const url = await fake.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-client-cli-'));
  const {
    GOOGLE_CLIENT_ID: _id,
    GOOGLE_CLIENT_SECRET: _secret,
    ...rest
  } = cliEnv(url, {
    CONTACTS_SYNC_DB: path.join(dir, 'contacts.db'),
  });
  env = rest;
  clientFile = path.join(dir, 'client_secret_123.apps.googleusercontent.com.json');
  fs.writeFileSync(
    clientFile,
    JSON.stringify({
      installed: {
        client_id: fake.clientId,
        client_secret: fake.clientSecret,
        redirect_uris: ['http://localhost'],
      },
    }),
  );
});

afterAll(async () => {
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const tokenFile = () => {
  const file = path.join(dir, 'tokens.json');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
};
const json = (stdout: string) => JSON.parse(stdout) as unknown;

describe('contacts-sync client', () => {
  // One profile through the steps a person takes, in order; split so each stays well in time.
  it('show, then set --file with the downloaded JSON', async () => {
    expect(json((await runCli(['--json', 'client', 'show'], env)).stdout)).toEqual({
      clientId: null,
      source: 'none',
    });
    const set = await runCli(['client', 'set', '--file', clientFile], env);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(`Google sign-in client: ${fake.clientId}`);
    expect(set.stdout + set.stderr).not.toContain(fake.clientSecret);
    expect(json((await runCli(['--json', 'client'], env)).stdout)).toEqual({
      clientId: fake.clientId,
      source: 'user',
    });
  });

  it('syncs with the imported client and no OAuth environment variables', async () => {
    // The refresh token on stdin; the sync refreshes it with the imported client.
    expect((await runCli(['accounts', 'add', 'me@example.com'], env, fake.refreshToken)).code).toBe(
      0,
    );
    const sync = await runCli(['--json', 'sync'], env);
    expect(sync.code).toBe(0);
    expect(json(sync.stdout)).toMatchObject([{ status: 'success', counts: { created: 25 } }]);
  });

  it('set --id takes the secret on stdin; clear leaves no client', async () => {
    const byId = await runCli(
      ['--json', 'client', 'set', '--id', 'other-id'],
      env,
      'other-secret\n',
    );
    expect(byId.code).toBe(0);
    expect(json(byId.stdout)).toEqual({ clientId: 'other-id', source: 'user' });

    const cleared = await runCli(['--json', 'client', 'clear'], env);
    expect(json(cleared.stdout)).toEqual({ clientId: null, source: 'none' });
    const refused = await runCli(['--json', 'sync'], env);
    expect(refused.code).toBe(1);
    expect(json(refused.stdout)).toMatchObject([{ error: { code: 'NO_CREDENTIALS' } }]);
  });

  it('refuses a Web client file, a missing secret and bad usage with one clear line', async () => {
    const web = path.join(dir, 'web.json');
    fs.writeFileSync(web, JSON.stringify({ web: { client_id: 'x', client_secret: 'y' } }));
    const cases: Array<[string[], string | undefined, number, RegExp]> = [
      [['client', 'set', '--file', web], undefined, 1, /Web application/],
      [['client', 'set', '--id', 'some-id'], '', 2, /standard input/],
      [['client', 'set'], undefined, 2, /--file or --id/],
      [['client', 'frob'], undefined, 2, /Unknown "client frob"/],
    ];
    for (const [args, input, code, message] of cases) {
      const result = await runCli(args, env, input);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('accounts add keeps the refresh token out of the arguments', () => {
  it('refuses --refresh-token, saying why', async () => {
    const result = await runCli(
      ['accounts', 'add', 'you@example.com', '--refresh-token', fake.refreshToken],
      env,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/visible to every user of this computer \("ps"\)/);
    expect(result.stderr).toMatch(/CONTACTS_SYNC_REFRESH_TOKEN/);
    expect(tokenFile()).not.toContain('you@example.com');
  });

  it('reads it from CONTACTS_SYNC_REFRESH_TOKEN, or says where to give it', async () => {
    const added = await runCli(['accounts', 'add', 'env@example.com'], {
      ...env,
      CONTACTS_SYNC_REFRESH_TOKEN: fake.refreshToken,
    });
    expect(added.code).toBe(0);
    expect(tokenFile()).toContain(fake.refreshToken);
    const none = await runCli(['accounts', 'add', 'nobody@example.com'], env, '');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/standard input or in CONTACTS_SYNC_REFRESH_TOKEN/);
  });
});
