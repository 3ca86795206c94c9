/**
 * Contact photos on disk (issue 12): files in a private folder beside the database, their state
 * in `contact_photos`. Size-capped with least-recently-shown eviction; a photo goes when its
 * contact is deleted, loses its photo, or disappears from the database (account removed).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/db.js';
import { ensurePrivateFolder, PRIVATE_FILE_MODE } from '../private-files.js';

/** Default cap of the cache, in bytes (Settings → Photos). */
export const DEFAULT_PHOTO_CACHE_MB = 200;

/** A contact whose Google photo is not cached for its current URL. */
export interface PendingPhoto {
  contactId: number;
  url: string;
}

export interface CachedPhoto {
  file: string;
  contentType: string;
}

const FILE_NAME = /^\d+-[0-9a-f]{16}$/;

/** Image types by their first bytes; anything else is not kept (nor served). */
export function sniffImageType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length > 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export class PhotoCache {
  constructor(
    private readonly db: Db,
    readonly folder: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The folder of the database at `databasePath`. */
  static beside(db: Db, databasePath: string, now?: () => Date): PhotoCache {
    return new PhotoCache(db, path.join(path.dirname(databasePath), 'photos'), now);
  }

  /** Active contacts of the account with a Google photo not yet fetched for its current URL. */
  pending(accountId: number, limit: number): PendingPhoto[] {
    return this.db
      .prepare(
        `SELECT c.id AS contactId, c.photo_url AS url FROM contacts c
         LEFT JOIN contact_photos p ON p.contact_id = c.id
         WHERE c.account_id = ? AND c.deleted_at IS NULL AND c.photo_url IS NOT NULL
           AND (p.contact_id IS NULL OR p.url <> c.photo_url)
         ORDER BY c.id LIMIT ?`,
      )
      .all(accountId, limit) as PendingPhoto[];
  }

  /** Keeps `bytes` as the photo of `contactId` for `url`, replacing an older one. */
  store(contactId: number, url: string, bytes: Uint8Array, contentType: string): void {
    ensurePrivateFolder(this.folder, { tightenExisting: true });
    const name = `${contactId}-${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
    const target = path.join(this.folder, name);
    const temp = `${target}.tmp`;
    fs.writeFileSync(temp, bytes, { mode: PRIVATE_FILE_MODE });
    fs.renameSync(temp, target);
    const old = this.fileOf(contactId);
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO contact_photos
           (contact_id, url, state, file, content_type, bytes, fetched_at, used_at)
         VALUES (?, ?, 'cached', ?, ?, ?, ?, ?)
         ON CONFLICT (contact_id) DO UPDATE SET url = excluded.url, state = 'cached',
           file = excluded.file, content_type = excluded.content_type, bytes = excluded.bytes,
           fetched_at = excluded.fetched_at, used_at = excluded.used_at`,
      )
      .run(contactId, url, name, contentType, bytes.byteLength, at, at);
    if (old && old !== name) this.unlink(old);
  }

  /** Google refused this URL for good: no photo for the contact until the URL changes. */
  markMissing(contactId: number, url: string): void {
    const old = this.fileOf(contactId);
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO contact_photos (contact_id, url, state, file, bytes, fetched_at, used_at)
         VALUES (?, ?, 'missing', NULL, 0, ?, ?)
         ON CONFLICT (contact_id) DO UPDATE SET url = excluded.url, state = 'missing',
           file = NULL, content_type = NULL, bytes = 0, fetched_at = excluded.fetched_at`,
      )
      .run(contactId, url, at, at);
    if (old) this.unlink(old);
  }

  /** The cached photo of a contact, marked as just shown (for LRU); null when none. */
  lookup(accountId: number, resourceName: string): CachedPhoto | null {
    const row = this.db
      .prepare(
        `SELECT p.contact_id AS contactId, p.file, p.content_type AS contentType
         FROM contacts c JOIN contact_photos p ON p.contact_id = c.id
         WHERE c.account_id = ? AND c.resource_name = ? AND c.deleted_at IS NULL
           AND p.state = 'cached' AND p.url = c.photo_url`,
      )
      .get(accountId, resourceName) as
      { contactId: number; file: string; contentType: string } | undefined;
    if (!row || !FILE_NAME.test(row.file)) return null;
    this.db
      .prepare('UPDATE contact_photos SET used_at = ? WHERE contact_id = ?')
      .run(this.now().toISOString(), row.contactId);
    return { file: path.join(this.folder, row.file), contentType: row.contentType };
  }

  /** Bytes held by cached photos. */
  totalBytes(): number {
    const row = this.db
      .prepare(`SELECT coalesce(sum(bytes), 0) AS total FROM contact_photos WHERE state = 'cached'`)
      .get() as { total: number };
    return row.total;
  }

  /** Drops the least recently shown photos until the cache holds at most `capBytes`. */
  evict(capBytes: number): number {
    let total = this.totalBytes();
    if (total <= capBytes) return 0;
    const rows = this.db
      .prepare(
        `SELECT contact_id AS contactId, file, bytes FROM contact_photos
         WHERE state = 'cached' ORDER BY used_at, fetched_at, contact_id`,
      )
      .iterate() as IterableIterator<{ contactId: number; file: string; bytes: number }>;
    const victims: { contactId: number; file: string }[] = [];
    for (const row of rows) {
      if (total <= capBytes) break;
      victims.push(row);
      total -= row.bytes;
    }
    const mark = this.db.prepare(
      `UPDATE contact_photos SET state = 'evicted', file = NULL, bytes = 0 WHERE contact_id = ?`,
    );
    this.db.transaction(() => victims.forEach((v) => mark.run(v.contactId)))();
    for (const victim of victims) this.unlink(victim.file);
    return victims.length;
  }

  /**
   * Removes photos of contacts deleted or without a photo now, and files no row names (their
   * contacts were removed with their account, or a crash left a temporary file).
   */
  sweep(): number {
    const stale = this.db
      .prepare(
        `SELECT p.contact_id AS contactId, p.file FROM contact_photos p
         JOIN contacts c ON c.id = p.contact_id
         WHERE c.deleted_at IS NOT NULL OR c.photo_url IS NULL`,
      )
      .all() as { contactId: number; file: string | null }[];
    const remove = this.db.prepare('DELETE FROM contact_photos WHERE contact_id = ?');
    this.db.transaction(() => stale.forEach((s) => remove.run(s.contactId)))();
    let removed = 0;
    for (const s of stale) if (s.file && this.unlink(s.file)) removed++;
    const kept = new Set(
      (
        this.db.prepare('SELECT file FROM contact_photos WHERE file IS NOT NULL').all() as {
          file: string;
        }[]
      ).map((r) => r.file),
    );
    for (const name of this.listFolder()) if (!kept.has(name) && this.unlink(name)) removed++;
    return removed;
  }

  private fileOf(contactId: number): string | null {
    const row = this.db
      .prepare('SELECT file FROM contact_photos WHERE contact_id = ?')
      .get(contactId) as { file: string | null } | undefined;
    return row?.file ?? null;
  }

  private listFolder(): string[] {
    try {
      return fs.readdirSync(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Only names this cache makes are ever removed, inside its own folder. */
  private unlink(name: string): boolean {
    if (!FILE_NAME.test(name) && !FILE_NAME.test(name.replace(/\.tmp$/, ''))) return false;
    try {
      fs.unlinkSync(path.join(this.folder, name));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }
}
