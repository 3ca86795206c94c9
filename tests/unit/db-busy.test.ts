import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/core/db/connection.js';
import { toAppError } from '../../src/main/core/errors.js';

const open: Db[] = [];
let dir: string | null = null;
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('a database held by another process', () => {
  it('past busy_timeout is a DB_BUSY error that says what to do, never "database is locked"', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-busy-'));
    const file = path.join(dir, 'contacts.db');
    const holder = openDatabase(file);
    const other = new Database(file);
    open.push(holder, other);
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
});
