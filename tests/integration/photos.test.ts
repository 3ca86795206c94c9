/**
 * Contact photos end to end (issue 12): fake Google → sync → the background fetcher (with the
 * account's credentials, through the real client library's token) → files beside the database →
 * the bytes both transports serve. Real SQLite, real HTTP.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountsRepo } from '../../src/main/core/db/accounts-repo.js';
import { createPhotoService, type PhotoService } from '../../src/main/core/photos/photo-service.js';
import type { PhotoPassResult } from '../../src/main/core/photos/photo-fetcher.js';
import { readPhoto } from '../../src/main/core/photos/serve-photo.js';
import {
  MemorySettingsStore,
  SettingsService,
} from '../../src/main/core/settings/settings-service.js';
import { photoPath } from '../../src/shared/photos.js';
import { GOOGLE_PHOTO_ORIGIN, photoReply } from '../fake-google/photos.js';
import { Harness } from './harness.js';

let h: Harness;
let photos: PhotoService;
let passes: PhotoPassResult[];

beforeEach(async () => {
  h = await Harness.start({ contacts: 150, timeouts: { connectMs: 2000, idleMs: 400 } });
  photos = createPhotoService({
    db: h.db,
    databasePath: h.dbFile,
    clients: h.clients,
    accounts: new AccountsRepo(h.db),
    orchestrator: h.orchestrator,
    settings: new SettingsService(new MemorySettingsStore()),
  });
  passes = [];
  photos.fetcher.onPass((_account, result) => passes.push(result));
});

afterEach(async () => {
  await photos.close();
  await h.close();
});

/** Contacts the sync stored with a photo of their own (Google's placeholders are not kept). */
function withPhotos(): { id: number; resourceName: string; url: string }[] {
  return h.db
    .prepare(
      `SELECT id, resource_name AS resourceName, photo_url AS url FROM contacts
       WHERE deleted_at IS NULL AND photo_url IS NOT NULL ORDER BY id`,
    )
    .all() as { id: number; resourceName: string; url: string }[];
}

async function served(resourceName: string) {
  return readPhoto(photos.cache, photoPath(h.accountId, resourceName) as string);
}

async function syncAndFetch(): Promise<void> {
  expect((await h.sync()).status).toBe('success');
  await photos.fetcher.whenIdle();
}

describe('photos after a sync', () => {
  it('fetches each custom photo once, keeps it private, and serves its bytes', async () => {
    await syncAndFetch();
    const contacts = withPhotos();
    expect(contacts.length).toBeGreaterThan(2);
    // Every generated contact has at least Google's default photo: only custom ones are fetched.
    expect(h.fake.requestCount('photo')).toBe(contacts.length);
    expect(passes.at(-1)).toMatchObject({ stored: contacts.length, failed: 0 });

    const first = contacts[0]!;
    const answer = await served(first.resourceName);
    expect(answer.status).toBe(200);
    expect(answer.headers['Content-Type']).toBe('image/png');
    expect(answer.headers['Content-Security-Policy']).toContain("default-src 'none'");
    const path = new URL(first.url).pathname;
    expect(answer.body.equals(photoReply(`${path}=s192-c`).body as Buffer)).toBe(true);

    expect(fs.statSync(photos.cache.folder).mode & 0o777).toBe(0o700);
    for (const name of fs.readdirSync(photos.cache.folder)) {
      expect(fs.statSync(`${photos.cache.folder}/${name}`).mode & 0o777).toBe(0o600);
    }

    // Nothing changed: a second sync fetches nothing again.
    await syncAndFetch();
    expect(h.fake.requestCount('photo')).toBe(contacts.length);
  });

  it('fetches the new photo when Google gives the contact a new URL, and drops the old file', async () => {
    await syncAndFetch();
    const [first] = withPhotos();
    const before = (await served(first!.resourceName)).body;
    const files = fs.readdirSync(photos.cache.folder).length;

    h.fake.updateContact(first!.resourceName, {
      photos: [{ url: `${GOOGLE_PHOTO_ORIGIN}/contacts/AL5GRJchangedphoto01` }],
    });
    await syncAndFetch();
    const after = await served(first!.resourceName);
    expect(after.status).toBe(200);
    expect(after.body.equals(before)).toBe(false);
    expect(fs.readdirSync(photos.cache.folder)).toHaveLength(files);
  });

  it('removes the photo of a contact deleted in Google, or whose photo was removed', async () => {
    await syncAndFetch();
    const [deleted, bare] = withPhotos();
    h.fake.deleteContact(deleted!.resourceName);
    h.fake.updateContact(bare!.resourceName, { photos: [] });
    const files = fs.readdirSync(photos.cache.folder).length;
    await syncAndFetch();
    expect((await served(deleted!.resourceName)).status).toBe(404);
    expect((await served(bare!.resourceName)).status).toBe(404);
    expect(fs.readdirSync(photos.cache.folder)).toHaveLength(files - 2);
  });
});

describe('photos that fail', () => {
  it('a missing, a stalled and a failing photo never fail the sync; only the lost one is not asked again', async () => {
    h.fake.injectFault({ path: 'photo', kind: 'status', status: 404 });
    h.fake.injectFault({ path: 'photo', kind: 'stall', afterRequests: 1 });
    h.fake.injectFault({ path: 'photo', kind: 'status', status: 503, afterRequests: 2 });
    await syncAndFetch();
    const count = withPhotos().length;
    expect(passes.at(-1)).toEqual({ stored: count - 3, missing: 1, failed: 2, evicted: 0 });

    await syncAndFetch();
    expect(passes.at(-1)).toMatchObject({ stored: 2, missing: 0, failed: 0 });
    expect(h.fake.requestCount('photo')).toBe(count + 2);
  });

  it('stops a pass when Google keeps failing, and the next sync tries again', async () => {
    h.fake.injectFault({ path: 'photo', kind: 'status', status: 503, count: 1000 });
    await syncAndFetch();
    const total = withPhotos().length;
    expect(passes.at(-1)!.stored).toBe(0);
    expect(h.fake.requestCount('photo')).toBeLessThan(total);

    h.fake.clearFaults();
    await syncAndFetch();
    expect(passes.at(-1)).toMatchObject({ stored: total, failed: 0 });
  });

  it('never holds the sync: a run starts and ends while a photo hangs, and cancel ends the pass', async () => {
    h.fake.injectFault({ path: 'photo', kind: 'hang', count: 1000 });
    // The pass starts when this run has finished, and hangs on its first photos.
    expect((await h.sync()).status).toBe('success');
    const second = h.orchestrator.requestSync(h.accountId, { trigger: 'manual' });
    expect(second.status).toBe('started');
    if (second.status === 'started') expect((await second.done).status).toBe('success');
    expect(photos.fetcher.cancel(h.accountId)).toBe(true);
    await photos.fetcher.whenIdle();
    expect(fs.existsSync(photos.cache.folder) ? fs.readdirSync(photos.cache.folder) : []).toEqual(
      [],
    );
  });
});
