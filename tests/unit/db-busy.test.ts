import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/core/db/connection.js';
import { toAppError } from '../../src/main/core/errors.js';
import { SyncStateRepo } from '../../src/main/core/db/sync-state.js';
import { runListing, type ListingAdapter } from '../../src/main/core/sync/listing.js';

const open: Db[] = [];
let dir: string | null = null;
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function tempDatabase(): { file: string; db: Db } {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-busy-'));
  const file = path.join(dir, 'contacts.db');
  const db = openDatabase(file);
  open.push(db);
  return { file, db };
}

describe('a database held by another process', () => {
  it('past busy_timeout is a DB_BUSY error that says what to do, never "database is locked"', () => {
    const { file, db: holder } = tempDatabase();
    const other = new Database(file);
    open.push(other);
    other.pragma('busy_timeout = 0'); // what remains once busy_timeout has run out
    holder.exec('BEGIN IMMEDIATE');

    let thrown: unknown = null;
    try {
      other.prepare(`INSERT INTO accounts (email, connected_at) VALUES ('a@x.test', 'now')`).run();
    } catch (error) {
      thrown = error;
    }
    const error = toAppError(thrown);
    expect(error.code).toBe('DB_BUSY');
    expect(error.message).toMatch(/another Contacts Sync Agent process/);
    expect(error.message).not.toMatch(/Unexpected error|database is locked/);
    holder.exec('ROLLBACK');
  });

  it("a page's write holds the lock from its first read, so another process's commit cannot make it fail", async () => {
    const { file, db } = tempDatabase();
    const account = db
      .prepare(`INSERT INTO accounts (email, connected_at) VALUES ('a@x.test', 'now')`)
      .run().lastInsertRowid as number;
    const other = new Database(file);
    open.push(other);
    other.pragma('busy_timeout = 0');
    let otherWrote: boolean | null = null;
    // Another process writes between this page's first read and its first write.
    const adapter: ListingAdapter<string> = {
      resource: 'contacts',
      fingerprint: 'test',
      fetchPage: () =>
        Promise.resolve({
          items: ['x'],
          nextPageToken: null,
          nextSyncToken: 'token-1',
          totalItems: 1,
          bytes: 1,
        }),
      writer: {
        applyPage: () => {
          db.prepare('SELECT count(*) FROM accounts').get();
          try {
            other.prepare(`UPDATE accounts SET display_name = 'other'`).run();
            otherWrote = true;
          } catch {
            otherWrote = false; // it waits for us (its busy_timeout retries), as intended
          }
          db.prepare(`UPDATE accounts SET display_name = 'page'`).run();
        },
        sweep: () => undefined,
      },
    };
    const syncState = new SyncStateRepo(db);
    await runListing(adapter, {
      db,
      syncState,
      accountId: account,
      runId: 1,
      now: () => new Date(),
      retry: { delaysMs: [], jitter: 0, budgetMs: 0 },
      signal: new AbortController().signal,
      tally: { pages: 0, apiCalls: 0, bytesReceived: 0 },
    });
    expect(otherWrote).toBe(false);
    expect(syncState.get(account, 'contacts').syncToken).toBe('token-1');
  });
});
