/**
 * Sharing as the app wires it (createCoreServices → API): off by default, turned on and off
 * through updateSharing, a new password locks out the old one, a taken port is a sentence in
 * the status, and `contacts-sync serve` prints where to connect.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiMethod, SharingStatus } from '../../src/shared/api/contract.js';
import { createCoreServices, type CoreServices } from '../../src/main/core/api/services.js';
import { FileTokenVault } from '../../src/main/core/auth/token-vault.js';
import { FakeGoogle } from '../fake-google/server.js';
import { cliEnv, startCli } from './cli-process.js';

let fake: FakeGoogle;
let dir: string;
let core: CoreServices | undefined;

beforeEach(() => {
  fake = new FakeGoogle({ contacts: 40 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-sharing-'));
});
afterEach(async () => {
  await core?.close();
  core = undefined;
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startCore(): Promise<CoreServices> {
  const url = await fake.start();
  core = createCoreServices({
    databasePath: path.join(dir, 'contacts.db'),
    vault: new FileTokenVault(path.join(dir, 'tokens.json')),
    opener: () => undefined,
    env: {
      CONTACTS_SYNC_GOOGLE_URL: url,
      GOOGLE_CLIENT_ID: fake.clientId,
      GOOGLE_CLIENT_SECRET: fake.clientSecret,
    },
  });
  core.start();
  return core;
}

async function call<T>(method: ApiMethod, payload: unknown = {}): Promise<T> {
  const result = await core!.api.call(method, payload);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const propfind = (url: string, password: string) =>
  fetch(new URL('/addressbooks/', url), {
    method: 'PROPFIND',
    headers: {
      depth: '0',
      authorization: 'Basic ' + Buffer.from(`contacts:${password}`).toString('base64'),
    },
  }).then((r) => r.status);

describe('sharing through the API', () => {
  it('is off by default, serves when turned on, and stops when turned off', async () => {
    await startCore();
    const initial = await call<SharingStatus>('getSharing');
    expect(initial.carddav.enabled).toBe(false);
    expect(initial.carddav.url).toBeNull();
    expect(initial.cisco.enabled).toBe(false);

    const port = await freePort();
    const on = await call<SharingStatus>('updateSharing', {
      carddavEnabled: true,
      carddavPort: port,
    });
    expect(on.carddav.url).toBe(`http://127.0.0.1:${port}/`);
    expect(on.carddav.password).toHaveLength(32);
    expect(await propfind(on.carddav.url!, on.carddav.password)).toBe(207);
    expect((fs.statSync(path.join(dir, 'carddav-password')).mode & 0o777).toString(8)).toBe('600');

    const renewed = await call<SharingStatus>('regenerateSharingPassword');
    expect(renewed.carddav.password).not.toBe(on.carddav.password);
    expect(await propfind(on.carddav.url!, on.carddav.password)).toBe(401);
    expect(await propfind(on.carddav.url!, renewed.carddav.password)).toBe(207);
    expect((await call<SharingStatus>('getSharing')).carddav.lastClient).not.toBeNull();

    const off = await call<SharingStatus>('updateSharing', { carddavEnabled: false });
    expect(off.carddav.url).toBeNull();
    await expect(propfind(on.carddav.url!, renewed.carddav.password)).rejects.toThrow();
  });

  it('serves once, without a false "port in use", when two changes arrive together', async () => {
    await startCore();
    const port = await freePort();
    const change = { carddavEnabled: true, carddavPort: port };
    await Promise.all([call('updateSharing', change), call('updateSharing', change)]);
    const status = await call<SharingStatus>('getSharing');
    expect(status.carddav.error).toBeNull();
    expect(status.carddav.url).toBe(`http://127.0.0.1:${port}/`);
  });

  it('says so when the port is taken, and serves once another is chosen', async () => {
    await startCore();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const status = await call<SharingStatus>('updateSharing', {
        carddavEnabled: true,
        carddavPort: taken,
      });
      expect(status.carddav.url).toBeNull();
      expect(status.carddav.error).toBe(
        `Port ${taken} is already used by another program. Choose another port (0 picks a free one).`,
      );
      const moved = await call<SharingStatus>('updateSharing', { carddavPort: await freePort() });
      expect(moved.carddav.url).not.toBeNull();
      expect(moved.carddav.error).toBeNull();
    } finally {
      blocker.close();
    }
  });

  it('refuses a phone directory on the network without an allow-list, and bad input calmly', async () => {
    await startCore();
    const status = await call<SharingStatus>('updateSharing', {
      ciscoEnabled: true,
      ciscoHost: '127.0.0.2',
      ciscoPort: await freePort(),
    });
    expect(status.cisco.url).toBeNull();
    expect(status.cisco.error).toContain('list the addresses that may read it');
    for (const bad of [
      { ciscoHost: 'example.com' },
      { ciscoAllowList: ['192.168.1.0/33'] },
      { carddavPort: 80 },
      { outsideLinePrefix: '9a' },
      { homeCountry: 'Germany' },
      { carddavEnabled: 'yes' },
      { unknown: true },
    ]) {
      const result = await core!.api.call('updateSharing', bad);
      expect(result.ok, JSON.stringify(bad)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('contacts-sync serve', () => {
  it('prints where to connect, serves both, and stops on SIGTERM', async () => {
    const url = await fake.start();
    const db = path.join(dir, 'contacts.db');
    const child = startCli(
      ['--db', db, 'serve', '--carddav-port', '0', '--cisco-port', '0'],
      cliEnv(url),
    );
    let stdout = '';
    const lines = await new Promise<Record<string, string>>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('CISCO_URL=')) {
          resolve(
            Object.fromEntries(
              stdout
                .trim()
                .split('\n')
                .map((line) => line.split(/=(.*)/s).slice(0, 2)),
            ),
          );
        }
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stdout}`)));
    });
    expect(lines['CARDDAV_URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(lines['CARDDAV_USER']).toBe('contacts');
    expect(await propfind(lines['CARDDAV_URL']!, lines['CARDDAV_PASSWORD']!)).toBe(207);
    const menu = await fetch(lines['CISCO_URL']!).then((r) => r.text());
    const parsed = new XMLParser().parse(menu) as { CiscoIPPhoneInput?: { InputItem: unknown[] } };
    expect(parsed.CiscoIPPhoneInput?.InputItem).toHaveLength(3);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('contacts-sync daemon with sharing turned on', () => {
  it('serves CardDAV beside the schedule and closes the port when it stops', async () => {
    const url = await fake.start();
    const db = path.join(dir, 'contacts.db');
    const port = await freePort();
    // Settings as the app writes them when "Share with other apps" is turned on.
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ sharing: { carddav: { enabled: true, port } } }),
    );
    const child = startCli(['--db', db, 'daemon'], cliEnv(url));
    let stdout = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Background sync running')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`daemon exited ${code}: ${stdout}`)));
    });
    expect(stdout).toContain(`Serving CardDAV at http://127.0.0.1:${port}/ (user contacts)`);
    const password = fs.readFileSync(path.join(dir, 'carddav-password'), 'utf8').trim();
    expect(await propfind(`http://127.0.0.1:${port}/`, password)).toBe(207);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(propfind(`http://127.0.0.1:${port}/`, password)).rejects.toThrow();
  });
});
