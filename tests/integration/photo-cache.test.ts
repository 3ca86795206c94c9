/**
 * The photo cache's size cap (least recently shown photos go first) and how both transports serve
 * photos: the preview server only to the page that holds the token, Electron's app:// handler,
 * and neither for a path that is not exactly an account and a person.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../../src/main/core/api/api.js';
import { systemClock } from '../../src/main/core/clock.js';
import { PhotoCache } from '../../src/main/core/photos/photo-cache.js';
import { PhotoFetcher } from '../../src/main/core/photos/photo-fetcher.js';
import { googlePhotoSource } from '../../src/main/core/photos/photo-source.js';
import { readPhoto } from '../../src/main/core/photos/serve-photo.js';
import { PreviewServer } from '../../src/main/preview/server.js';
import { APP_HOST, APP_SCHEME } from '../../src/main/shell/navigation.js';
import { appProtocolHandler } from '../../src/main/shell/protocol.js';
import { photoPath } from '../../src/shared/photos.js';
import { Harness } from './harness.js';

let h: Harness;
let cache: PhotoCache;
let cap = Number.POSITIVE_INFINITY;
let fetcher: PhotoFetcher;
/** The cache's clock: one second further at every reading, so LRU order is the test's order. */
let tick = Date.UTC(2026, 0, 1);

beforeAll(async () => {
  h = await Harness.start({ contacts: 150 });
  cache = new PhotoCache(h.db, path.join(h.dir, 'photos'), () => new Date((tick += 1000)));
  fetcher = new PhotoFetcher({
    cache,
    capBytes: () => cap,
    sourceFor: () =>
      googlePhotoSource({
        headers: (url) => h.clients.clientFor('me@example.com').getRequestHeaders(url),
        timeouts: h.clients.timeouts,
        testOrigin: h.url,
      }),
  });
  await h.sync();
  fetcher.schedule(h.accountId);
  await fetcher.whenIdle();
});

afterAll(async () => {
  await fetcher.close();
  await h.close();
});

function cachedRows(): { resourceName: string; bytes: number }[] {
  return h.db
    .prepare(
      `SELECT c.resource_name AS resourceName, p.bytes FROM contact_photos p
       JOIN contacts c ON c.id = p.contact_id WHERE p.state = 'cached' ORDER BY p.fetched_at`,
    )
    .all() as { resourceName: string; bytes: number }[];
}

const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
const pathOf = (resourceName: string) => photoPath(h.accountId, resourceName) as string;

describe('the size cap', () => {
  it('evicts the least recently shown photos first, and does not fetch them back', async () => {
    const rows = cachedRows();
    expect(rows.length).toBeGreaterThan(4);
    const [oldest, second] = rows;
    const newest = rows.at(-1)!;
    // The oldest fetched photo was just shown: it outlives all but the newest.
    expect((await readPhoto(cache, pathOf(oldest!.resourceName))).status).toBe(200);
    const requests = h.fake.requestCount('photo');

    cap = oldest!.bytes + newest.bytes;
    await h.sync();
    fetcher.schedule(h.accountId);
    await fetcher.whenIdle();

    expect(cachedRows().map((r) => r.resourceName)).toEqual([
      oldest!.resourceName,
      newest.resourceName,
    ]);
    expect(cache.totalBytes()).toBeLessThanOrEqual(cap);
    expect(fs.readdirSync(cache.folder)).toHaveLength(2);
    expect((await readPhoto(cache, pathOf(second!.resourceName))).status).toBe(404);
    expect(h.fake.requestCount('photo')).toBe(requests);
  });
});

describe('serving', () => {
  const traversals = [
    '/photos/1/../../contacts.db',
    '/photos/1/%2e%2e%2fcontacts.db',
    '/photos/0/c1',
    '/photos/1/c1/x',
    '/photos/1',
  ];

  it('app:// serves a cached photo and 404s anything else under /photos/', async () => {
    const [row] = cachedRows();
    const handler = appProtocolHandler(h.dir, (urlPath) => readPhoto(cache, urlPath));
    const ok = await handler({ url: `${APP_ORIGIN}${pathOf(row!.resourceName)}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    for (const bad of traversals) {
      expect((await handler({ url: `${APP_ORIGIN}${bad}` })).status, bad).toBe(404);
    }
  });

  it('the preview server gives photos only to the page that was opened with the token', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-preview-photos-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><p>preview</p>');
    const api = new Api({
      db: h.db,
      clock: systemClock,
      orchestrator: h.orchestrator,
      reports: h.reports,
    });
    const server = await PreviewServer.start({
      endpoint: api,
      rendererDir: dir,
      readPhoto: (urlPath) => readPhoto(cache, urlPath),
    });
    try {
      const port = server.address().port;
      const get = (p: string, cookie?: string) =>
        new Promise<http.IncomingMessage>((resolve, reject) => {
          const headers = { host: `127.0.0.1:${port}`, ...(cookie ? { cookie } : {}) };
          http
            .get({ host: '127.0.0.1', port, path: p, headers }, (res) => {
              res.resume();
              resolve(res);
            })
            .on('error', reject);
        });
      const page = await get(`/?token=${server.token}`);
      const cookie = (page.headers['set-cookie'] ?? [])[0]?.split(';')[0];
      expect(page.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/);
      const photo = pathOf(cachedRows()[0]!.resourceName);

      expect((await get(photo)).statusCode).toBe(403);
      expect((await get(photo, 'preview_token=guess')).statusCode).toBe(403);
      const ok = await get(photo, cookie);
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['content-type']).toBe('image/png');
      for (const bad of traversals) expect((await get(bad, cookie)).statusCode, bad).toBe(404);
    } finally {
      await server.close();
      api.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
