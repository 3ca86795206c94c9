/**
 * Where the renderer finds a contact's cached photo: a path on the page's own origin (app:// in
 * the desktop app, the preview server in preview mode), so the CSP's `img-src 'self'` admits it and
 * nothing else. Built and parsed here so both sides agree on one strict shape.
 */

export const PHOTOS_PATH = '/photos/';

/** People API resource names are `people/` plus an ID of letters, digits, `_` and `-`. */
const PERSON_ID = /^[A-Za-z0-9_-]{1,128}$/;
const PHOTO_PATH = /^\/photos\/([1-9]\d{0,15})\/([A-Za-z0-9_-]{1,128})$/;

/** The photo's path for a contact, or null when its resource name is not a plain person's. */
export function photoPath(accountId: number, resourceName: string): string | null {
  const id = resourceName.startsWith('people/') ? resourceName.slice('people/'.length) : '';
  if (!Number.isSafeInteger(accountId) || accountId <= 0 || !PERSON_ID.test(id)) return null;
  return `${PHOTOS_PATH}${accountId}/${id}`;
}

/** The contact a request path names; null for anything else (no decoding, no dots, no slashes). */
export function parsePhotoPath(path: string): { accountId: number; resourceName: string } | null {
  const match = PHOTO_PATH.exec(path);
  if (!match) return null;
  const accountId = Number(match[1]);
  if (!Number.isSafeInteger(accountId)) return null;
  return { accountId, resourceName: `people/${match[2] as string}` };
}
