/**
 * Contact photos in the desktop app's own code path (src/main/index.ts as built, on the stand-in
 * Electron): after a sync through IPC the background pass fetches the photos, the window is told
 * (`photosUpdated`), and the app:// protocol serves them — and nothing outside /photos/<id>/<id>.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FetchAnswer } from '../electron-standin/driver-protocol.js';
import { GOOGLE_PHOTO_ORIGIN } from '../fake-google/photos.js';
import { photoPath } from '../../src/shared/photos.js';
import { dataDirOf, ElectronAppFixture, invoke, sentCount, started } from './electron-app.js';

let fixture: ElectronAppFixture;

beforeAll(async () => {
  fixture = await ElectronAppFixture.start();
}, 120_000);
afterAll(async () => {
  await fixture.cleanUp();
  await fixture.stop();
});

it('serves the photos it fetched after a sync through app://', async () => {
  const [first] = fixture.fake.listContacts();
  fixture.fake.updateContact(first!.resourceName!, {
    photos: [{ url: `${GOOGLE_PHOTO_ORIGIN}/contacts/AL5GRJelectronapp01` }],
  });
  const home = fixture.seededHome();
  const app = fixture.launch(home);
  await started(app);
  await invoke(app, 'syncNow');
  await app.waitFor((s) => sentCount(s, 'photosUpdated') >= 1, 'the photos to arrive');

  const db = new Database(path.join(dataDirOf(home), 'contacts.db'), { readonly: true });
  const row = db
    .prepare('SELECT id, account_id AS accountId FROM contacts WHERE resource_name = ?')
    .get(first!.resourceName) as { id: number; accountId: number };
  db.close();
  const fetch = (url: string) => app.request<FetchAnswer>({ cmd: 'fetch', url });
  const photo = await fetch(`app://renderer${photoPath(row.accountId, first!.resourceName!)}`);
  expect(photo).toMatchObject({ status: 200, contentType: 'image/png' });
  expect(photo.bytes).toBeGreaterThan(0);
  expect((await fetch('app://renderer/photos/1/..%2Fcontacts.db')).status).toBe(404);
  expect((await fetch(`app://renderer/photos/${row.accountId}/cNobody`)).status).toBe(404);
});
