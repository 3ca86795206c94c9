/**
 * Contact photos cached on disk (issue 12). One row per contact whose Google photo was fetched:
 * the URL it was fetched for (a changed `contacts.photo_url` means a new photo), the file under the
 * data folder's photos/, its size for the cap, and when it was last shown, for LRU eviction.
 * `missing`: Google refused this URL for good (404/403), so it is not asked again until it changes;
 * `evicted`: dropped for the size cap, not fetched again in the background until it changes.
 */
export const CONTACT_PHOTOS_SCHEMA = `
CREATE TABLE contact_photos (
  contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('cached', 'missing', 'evicted')),
  file TEXT,
  content_type TEXT,
  bytes INTEGER NOT NULL DEFAULT 0,
  fetched_at TEXT NOT NULL,
  used_at TEXT NOT NULL
);
CREATE INDEX contact_photos_lru ON contact_photos (used_at) WHERE state = 'cached';
`;
