/**
 * Downloads a contact's photo from Google with the account's credentials (issue 12). Photos are
 * asked for at the size the app shows (Google's image URLs take `=sN` options: longest side N
 * pixels, `-c` square crop; developers.google.com/people/image-sizing), through the same timed
 * fetch as every other Google request, and only from Google's own image hosts (or the configured
 * test server): the bearer token must never reach a host a contact's data could name.
 */
import { AppError } from '../errors.js';
import type { RequestTimeouts } from '../google/timed-fetch.js';
import { classifyGoogleError } from '../google/errors.js';
import { timedFetch } from '../google/timed-fetch.js';
import { sniffImageType } from './photo-cache.js';

/** Pixels of the longest side fetched: the details pane's 96 px avatar on a 2x screen. */
export const PHOTO_SIZE_PX = 192;
/** A photo larger than this is not an avatar; refused rather than held in memory. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export interface PhotoDownload {
  bytes: Uint8Array;
  contentType: string;
}

/** Why a photo could not be had; `permanent` ones are not asked for again until the URL changes. */
export class PhotoFetchError extends AppError {
  constructor(
    code: AppError['code'],
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** What the fetcher needs of Google: one photo by its URL. */
export interface PhotoSource {
  download(url: string, signal: AbortSignal): Promise<PhotoDownload>;
}

/** Google's URL with the size options replaced (or added) on its last path segment. */
export function sizedPhotoUrl(url: string, px: number = PHOTO_SIZE_PX): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('sz');
  const slash = parsed.pathname.lastIndexOf('/');
  const last = parsed.pathname.slice(slash + 1);
  const base = last.includes('=') ? last.slice(0, last.indexOf('=')) : last;
  // Older URLs carry the size as a path segment (`/s100/photo.jpg`); their `sz` query still works.
  if (base.includes('.')) parsed.searchParams.set('sz', String(px));
  else parsed.pathname = `${parsed.pathname.slice(0, slash + 1)}${base}=s${px}-c`;
  return parsed.href;
}

/** Google's image hosts over https, or the origin every Google endpoint lives under in tests. */
export function isTrustedPhotoUrl(url: string, testOrigin: string | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (testOrigin && parsed.origin === testOrigin) return true;
  return parsed.protocol === 'https:' && /(^|\.)googleusercontent\.com$/.test(parsed.hostname);
}

const PERMANENT_STATUSES = new Set([400, 403, 404, 410]);

/**
 * A PhotoSource over fetch: `headers` gives the account's Authorization header (refreshing the
 * access token when needed); `testOrigin` is CONTACTS_SYNC_GOOGLE_URL's origin, if set.
 */
export function googlePhotoSource(options: {
  headers: (url: string) => Promise<Headers>;
  timeouts: RequestTimeouts;
  testOrigin: string | null;
  base?: typeof fetch;
}): PhotoSource {
  const request = timedFetch(options.timeouts, options.base ?? fetch);
  return {
    async download(url, signal) {
      if (!isTrustedPhotoUrl(url, options.testOrigin)) {
        throw new PhotoFetchError('FORBIDDEN', 'The photo is not on a Google image host.', true);
      }
      const sized = sizedPhotoUrl(url);
      let bytes: Uint8Array;
      let status: number;
      try {
        let response = await request(sized, {
          headers: await options.headers(sized),
          signal,
          redirect: 'manual',
        });
        // One redirect, and only to where the token may go.
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location) {
          await response.body?.cancel();
          const next = new URL(location, sized).href;
          if (!isTrustedPhotoUrl(next, options.testOrigin)) {
            throw new PhotoFetchError('FORBIDDEN', 'The photo moved off Google image hosts.', true);
          }
          const headers = await options.headers(next);
          response = await request(next, { headers, signal, redirect: 'manual' });
        }
        status = response.status;
        bytes = status === 200 ? await readCapped(response, MAX_PHOTO_BYTES) : new Uint8Array();
        if (status !== 200) await response.body?.cancel();
      } catch (error) {
        if (error instanceof PhotoFetchError) throw error;
        const classified = classifyGoogleError(error);
        throw new PhotoFetchError(classified.code, classified.message, false, { cause: error });
      }
      if (status !== 200) {
        const permanent = PERMANENT_STATUSES.has(status);
        throw new PhotoFetchError(
          permanent ? 'NOT_FOUND' : 'SERVER_ERROR',
          `Google answered HTTP ${status} for a contact photo.`,
          permanent,
        );
      }
      const contentType = sniffImageType(bytes);
      if (!contentType) {
        throw new PhotoFetchError(
          'MALFORMED_RESPONSE',
          'Google sent something that is not a photo the app can show.',
          true,
        );
      }
      return { bytes, contentType };
    },
  };
}

/** The body, or a permanent error as soon as it passes `max` bytes (never all of it in memory). */
async function readCapped(response: Response, max: number): Promise<Uint8Array> {
  const tooBig = () =>
    new PhotoFetchError('MALFORMED_RESPONSE', 'The photo is too large to be an avatar.', true);
  if (Number(response.headers.get('content-length') ?? 0) > max) {
    await response.body?.cancel();
    throw tooBig();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    size += chunk.value.byteLength;
    if (size > max) {
      await reader?.cancel();
      throw tooBig();
    }
    chunks.push(chunk.value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
