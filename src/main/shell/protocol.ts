/**
 * The app:// protocol that serves the built renderer to the window: a standard, secure scheme
 * (so the page has a real origin and CSP 'self' means our files only) instead of file://, which
 * would give the page the whole disk as its origin.
 */
import type { CustomScheme } from 'electron';
import { readAsset, type Asset } from '../core/api/renderer-assets.js';
import { isPhotoRequest } from '../core/photos/serve-photo.js';
import { APP_HOST, APP_SCHEME } from './navigation.js';

/**
 * Register before the app is ready. Chromium loads `<script type="module">` in CORS mode, which
 * it allows only on CORS-enabled schemes; same-origin loads need no CORS headers, so nothing
 * else can read our files.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
};

/**
 * The `protocol.handle(APP_SCHEME, …)` handler: files of `rendererDir`, and under /photos/ the
 * cached contact photos `readPhoto` gives (core/photos/serve-photo.ts), nothing else.
 */
export function appProtocolHandler(
  rendererDir: string,
  readPhoto?: (urlPath: string) => Promise<Asset>,
): (request: { url: string }) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const asset =
      readPhoto && isPhotoRequest(url.pathname)
        ? await readPhoto(url.pathname)
        : await readAsset(rendererDir, url.pathname);
    return new Response(new Uint8Array(asset.body), {
      status: asset.status,
      headers: asset.headers,
    });
  };
}
