/**
 * The Settings screen's fields through the handler table of the core as the apps wire it
 * (createCoreServices): schedule interval and time zone, the mass-deletion threshold and the data
 * folder; refused values, a restart, a run the threshold stops, and the next planned run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../src/shared/domain.js';
import type { ApiMethod, Settings, SyncHealth } from '../../src/shared/api/contract.js';
import { createCoreServices, type CoreServices } from '../../src/main/core/api/services.js';
import { FileTokenVault } from '../../src/main/core/auth/token-vault.js';
import { FakeBrowser } from '../fake-google/oauth-browser.js';
import { FakeGoogle } from '../fake-google/server.js';

let fake: FakeGoogle;
let dir: string;
let core: CoreServices | null;

async function start(options: { background?: boolean } = {}): Promise<void> {
  const url = await fake.start();
  core = createCoreServices({
    databasePath: path.join(dir, 'data', 'contacts.db'),
    vault: new FileTokenVault(path.join(dir, 'tokens.json')),
    opener: new FakeBrowser().open,
    env: {
      CONTACTS_SYNC_GOOGLE_URL: url,
      GOOGLE_CLIENT_ID: fake.clientId,
      GOOGLE_CLIENT_SECRET: fake.clientSecret,
    },
    background: options.background ? {} : null,
  });
  core.start();
}

async function stop(): Promise<void> {
  await core?.close();
  core = null;
  await fake.stop();
}

beforeEach(() => {
  fake = new FakeGoogle({ contacts: 120 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-settings-'));
  fs.mkdirSync(path.join(dir, 'data'));
});

afterEach(async () => {
  await stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function value<T = unknown>(method: ApiMethod, payload: unknown = {}): Promise<T> {
  const result = await core!.api.call(method, payload);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function refusal(payload: unknown): Promise<string> {
  const result = await core!.api.call('updateSettings', payload);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(payload)}`);
  expect(result.error.code).toBe('INVALID_ARGUMENT');
  return result.error.message;
}

const nextRun = () =>
  new Promise<SyncRun>((resolve) => {
    const off = core!.api.subscribe((event) => {
      if (event.name === 'runFinished') {
        off();
        resolve(event.payload);
      }
    });
  });

async function connectAndSync(): Promise<number> {
  const synced = nextRun();
  const account = await value<{ id: number }>('connectAccount');
  expect((await synced).status).toBe('success');
  return account.id;
}

/** The local wall time of an instant in a zone, as HH:MM. */
const wallTime = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );

describe('settings fields through the API', () => {
  it('remembers the contact list’s order and phone region across a restart', async () => {
    await start();
    expect(await value<Settings>('getSettings')).toMatchObject({
      contactSort: 'first',
      phoneRegion: null,
    });
    expect(await refusal({ contactSort: 'middle' })).toMatch(/contactSort/);
    expect(await refusal({ phoneRegion: 'gb' })).toMatch(/two-letter country code/);
    expect(
      await value<Settings>('updateSettings', { contactSort: 'last', phoneRegion: 'GB' }),
    ).toMatchObject({ contactSort: 'last', phoneRegion: 'GB' });
    await stop();
    fake = new FakeGoogle();
    await start();
    expect(await value<Settings>('getSettings')).toMatchObject({
      contactSort: 'last',
      phoneRegion: 'GB',
    });
  });

  it('shows the defaults and the data folder, and refuses bad values with a readable reason', async () => {
    await start();
    const settings = await value<Settings>('getSettings');
    expect(settings).toMatchObject({
      syncEveryHours: 24,
      timeZone: null,
      systemTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      massDeletionPercent: 50,
      dataDirectory: path.join(dir, 'data'),
    });

    expect(await refusal({ syncEveryHours: 5 })).toBe(
      'Invalid request. syncEveryHours: Expected one of 1, 2, 3, 4, 6, 8, 12, 24 hours',
    );
    expect(await refusal({ timeZone: 'Mars/Olympus_Mons' })).toBe(
      'Invalid request. timeZone: Expected a time zone such as Europe/Berlin',
    );
    expect(await refusal({ massDeletionPercent: 0 })).toBe(
      'Invalid request. massDeletionPercent: Expected a percentage from 1 to 100',
    );
    expect(await refusal({ massDeletionPercent: 101 })).toMatch(/from 1 to 100/);
    expect(await refusal({ massDeletionPercent: 12.5 })).toMatch(/whole percentage/);
    // Read-only fields are not part of a change.
    expect(await refusal({ dataDirectory: '/tmp/elsewhere' })).toMatch(/dataDirectory/);
    expect(await refusal({ systemTimeZone: 'UTC' })).toMatch(/systemTimeZone/);
    expect(await value('getSettings')).toEqual(settings);
  });

  it('keeps the interval, time zone and threshold across a restart, and null returns to the system zone', async () => {
    await start();
    const updated = await value<Settings>('updateSettings', {
      syncEveryHours: 6,
      timeZone: 'Asia/Tokyo',
      massDeletionPercent: 30,
    });
    expect(updated).toMatchObject({
      syncEveryHours: 6,
      timeZone: 'Asia/Tokyo',
      massDeletionPercent: 30,
    });
    await stop();
    fake = new FakeGoogle();
    await start();
    expect(await value('getSettings')).toEqual(updated);
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'data', 'settings.json'), 'utf8')) as {
      schedule: Record<string, unknown>;
      policies: Record<string, unknown>;
    };
    expect(file.schedule).toMatchObject({ everyHours: 6, timeZone: 'Asia/Tokyo' });
    expect(file.policies).toMatchObject({ massDeletionPercent: 30 });

    expect(await value('updateSettings', { timeZone: null })).toMatchObject({ timeZone: null });
    await stop();
    fake = new FakeGoogle();
    await start();
    expect(await value('getSettings')).toMatchObject({ timeZone: null, syncEveryHours: 6 });
  });

  it('stops a run at the chosen threshold, and the next run follows a raised one', async () => {
    await start();
    const accountId = await connectAndSync();
    for (const person of fake.listContacts().slice(0, 40)) fake.deleteContact(person.resourceName!);

    // 40 of 120 is a third: under the default half, over a quarter.
    await value('updateSettings', { massDeletionPercent: 25 });
    let finished = nextRun();
    await value('syncNow', { accountId });
    const stopped = await finished;
    // Withheld, not failed: the other changes apply and the 40 wait for a confirmation.
    expect(stopped.status).toBe('success');
    expect(stopped.error?.code).toBe('MASS_DELETION_GUARD');
    expect(stopped.error?.message).toMatch(/40 of your 120 contacts/);
    expect(await value('getStatistics')).toMatchObject({
      contacts: { active: 120 },
      pendingDeletions: 40,
    });

    await value('updateSettings', { massDeletionPercent: 50 });
    finished = nextRun();
    await value('syncNow', { accountId });
    const done = await finished;
    expect(done.status).toBe('success');
    expect(done.counts.deleted).toBe(40);
    expect(await value('getStatistics')).toMatchObject({
      contacts: { active: 80 },
      pendingDeletions: 0,
    });
  });

  it('plans the next run in the chosen zone and interval as soon as they change', async () => {
    await start({ background: true });
    await connectAndSync();
    const planned = async () =>
      (await value<SyncHealth>('getSyncHealth')).accounts[0]?.nextRunAt ?? null;

    await value('updateSettings', { dailySyncTime: '04:45', timeZone: 'America/New_York' });
    const daily = await planned();
    expect(daily).not.toBeNull();
    expect(wallTime(daily!, 'America/New_York')).toBe('04:45');

    await value('updateSettings', { syncEveryHours: 1, timeZone: 'Asia/Kolkata' });
    const hourly = await planned();
    expect(hourly).not.toBeNull();
    expect(wallTime(hourly!, 'Asia/Kolkata')).toMatch(/:45$/);
    expect(Date.parse(hourly!)).toBeLessThan(Date.parse(daily!));
    expect(Date.parse(hourly!) - Date.now()).toBeLessThan(3 * 3_600_000);
  });
});
