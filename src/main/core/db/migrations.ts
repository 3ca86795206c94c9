import type { Database } from 'better-sqlite3';
import { AppError } from '../errors.js';
import { INITIAL_SCHEMA } from './schema-v1.js';
import { CALENDAR_SCHEMA } from './schema-v2-calendar.js';
import { CONTACT_SEARCH_SCHEMA } from './schema-v3-contact-search.js';
import { TIMELINE_SCHEMA } from './schema-v4-timeline.js';
import { BULK_IMPORT_SCHEMA } from './schema-v5-bulk-import.js';
import { LABEL_COUNTS_SCHEMA } from './schema-v6-label-counts.js';
import { REJECTED_TOKEN_KIND_SCHEMA } from './schema-rejected-token-kind.js';
import { TOKEN_FINGERPRINTS_SCHEMA } from './schema-token-fingerprints.js';
import { SYNC_LEASES_SCHEMA } from './schema-sync-leases.js';
import { PENDING_DELETIONS_SCHEMA } from './schema-pending-deletions.js';
import { CALENDAR_SYNC_ERRORS_SCHEMA } from './schema-calendar-sync-errors.js';
import { contactSearchTermsSchema } from './schema-contact-search-terms.js';

/**
 * SQL to run, or a function for a migration that must compute rows SQL cannot (it runs inside the
 * migration's transaction like the SQL would).
 */
export type Migration = string | ((db: Database) => void);
import { CONTACT_SORT_SCHEMA } from './schema-contact-sort.js';
import { CONTACT_PHOTOS_SCHEMA } from './schema-contact-photos.js';
import { DELETED_CONTACTS_INDEX_SCHEMA } from './schema-deleted-contacts-index.js';
import { PENDING_DELETIONS_BASE_SCHEMA } from './schema-pending-deletions-base.js';

/**
 * Numbered migrations. Migration N brings the database to `user_version` N; each is applied in
 * its own transaction, so a crash leaves the database at N-1 or N, never in between.
 */
export const MIGRATIONS: readonly Migration[] = [
  INITIAL_SCHEMA,
  CALENDAR_SCHEMA,
  CONTACT_SEARCH_SCHEMA,
  TIMELINE_SCHEMA,
  BULK_IMPORT_SCHEMA,
  LABEL_COUNTS_SCHEMA,
  TOKEN_FINGERPRINTS_SCHEMA,
  REJECTED_TOKEN_KIND_SCHEMA,
  SYNC_LEASES_SCHEMA,
  PENDING_DELETIONS_SCHEMA,
  CALENDAR_SYNC_ERRORS_SCHEMA,
  contactSearchTermsSchema,
  CONTACT_SORT_SCHEMA,
  CONTACT_PHOTOS_SCHEMA,
  DELETED_CONTACTS_INDEX_SCHEMA,
  PENDING_DELETIONS_BASE_SCHEMA,
];

export const LATEST_VERSION = MIGRATIONS.length;

export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new AppError(
      'DB_NEWER_VERSION',
      `This database was written by a newer version of Contacts Sync Agent (schema ${current}, ` +
        `this version knows ${migrations.length}). Update the app, or point it at another database file.`,
    );
  }
  for (let version = current + 1; version <= migrations.length; version++) {
    const migration = migrations[version - 1] as Migration;
    db.transaction(() => {
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return migrations.length;
}
