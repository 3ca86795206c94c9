/**
 * Photos as the desktop app and preview mode wire them (createCoreServices): the first sync after
 * connecting an account fetches them in the background, and Settings sets the cache's cap.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ApiMethod } from '../../src/shared/api/contract.js';
import type { SyncRun } from '../../src/shared/domain.js';
import { createCoreServices, type CoreServices } from '../../src/main/core/api/services.js';
import { FileTokenVault } from '../../src/main/core/auth/token-vault.js';
import { readPhoto } from '../../src/main/core/photos/serve-photo.js';
import { photoPath } from '../../src/shared/photos.js';
import { FakeBrowser } from '../fake-google/oauth-browser.js';
import { FakeGoogle } from '../fake-google/server.js';

let fake: FakeGoogle;
let dir: string;
let core: CoreServices;

async function start(env: NodeJS.ProcessEnv = {}): Promise<void> {
  const url = await fake.start();
  core = createCoreServices({
    databasePath: path.join(dir, 'contacts.db'),
    vault: new FileTokenVault(path.join(dir, 'tokens.json')),
    opener: new FakeBrowser().open,
    env: {
      CONTACTS_SYNC_GOOGLE_URL: url,
      GOOGLE_CLIENT_ID: fake.clientId,
      GOOGLE_CLIENT_SECRET: fake.clientSecret,
      ...env,
    },
  });
  core.start();
}

beforeEach(() => {
  fake = new FakeGoogle({ contacts: 100 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-photo-services-'));
});

afterEach(async () => {
  await core?.close();
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call(method: ApiMethod, payload: unknown = {}) {
  return core.api.call(method, payload);
}

it('fetches photos after the first sync of a newly connected account, and tells the windows', async () => {
  await start();
  const synced = new Promise<SyncRun>((resolve) => core.orchestrator.onRunFinished(resolve));
  const updated: unknown[] = [];
  core.api.subscribe((event) => {
    if (event.name === 'photosUpdated') updated.push(event.payload);
  });
  expect((await call('connectAccount')).ok).toBe(true);
  const run = await synced;
  expect(run.status).toBe('success');
  await core.photos.fetcher.whenIdle();

  const withPhoto = core.db
    .prepare('SELECT resource_name AS name FROM contacts WHERE photo_url IS NOT NULL')
    .all() as { name: string }[];
  expect(withPhoto.length).toBeGreaterThan(0);
  expect(fake.requestCount('photo')).toBe(withPhoto.length);
  const answer = await readPhoto(
    core.photos.cache,
    photoPath(run.accountId, withPhoto[0]!.name) as string,
  );
  expect(answer.status).toBe(200);
  // Windows are told, so avatars already on screen ask again.
  expect(updated).toEqual([{ accountId: run.accountId }]);
});

it('fetches nothing with CONTACTS_SYNC_PHOTOS=off', async () => {
  await start({ CONTACTS_SYNC_PHOTOS: 'off' });
  const synced = new Promise<SyncRun>((resolve) => core.orchestrator.onRunFinished(resolve));
  expect((await call('connectAccount')).ok).toBe(true);
  expect((await synced).status).toBe('success');
  await core.photos.fetcher.whenIdle();
  expect(fake.requestCount('photo')).toBe(0);
});

it('keeps the cache cap in Settings, within 10 MB to 10 GB', async () => {
  await start();
  expect(await call('getSettings')).toMatchObject({ ok: true, value: { photoCacheMb: 200 } });
  expect(await call('updateSettings', { photoCacheMb: 500 })).toMatchObject({
    ok: true,
    value: { photoCacheMb: 500 },
  });
  expect(await call('updateSettings', { photoCacheMb: 5 })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_ARGUMENT' },
  });
  expect(await call('getSettings')).toMatchObject({ value: { photoCacheMb: 500 } });
});
