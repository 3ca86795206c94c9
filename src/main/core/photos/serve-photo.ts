/**
 * Serving cached photos to the renderer, shared by both transports (Electron's app:// protocol and
 * the preview server), like the renderer's own files: the path is parsed strictly (account ID and
 * person ID, nothing to decode), the file is found through the database, never by a name taken from
 * the request, and the answer carries the same security headers.
 */
import fs from 'node:fs/promises';
import { parsePhotoPath, PHOTOS_PATH } from '../../../shared/photos.js';
import { SECURITY_HEADERS, type Asset } from '../api/renderer-assets.js';
import type { PhotoCache } from './photo-cache.js';

export const isPhotoRequest = (urlPath: string): boolean => urlPath.startsWith(PHOTOS_PATH);

const notFound = (): Asset => ({
  status: 404,
  headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  body: Buffer.from('Not found'),
});

/** The photo a `/photos/<account>/<person>` path names, or a 404 (never an exception). */
export async function readPhoto(cache: PhotoCache, urlPath: string): Promise<Asset> {
  const target = parsePhotoPath(urlPath);
  const photo = target ? cache.lookup(target.accountId, target.resourceName) : null;
  if (!photo) return notFound();
  try {
    const body = await fs.readFile(photo.file);
    return {
      status: 200,
      // A new photo keeps its path: the page asks again each time rather than show a stale one.
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': photo.contentType,
        'Cache-Control': 'no-store',
      },
      body,
    };
  } catch {
    return notFound();
  }
}
