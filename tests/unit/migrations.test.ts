import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/connection.js';
import { LATEST_VERSION, migrate } from '../../src/main/core/db/migrations.js';
import { AppError } from '../../src/main/core/errors.js';

const dirs: string[] = [];
const tempFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-migrate-'));
  dirs.push(dir);
  return path.join(dir, 'contacts.db');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('database migrations', () => {
  it('creates the schema at the latest version with WAL and foreign keys', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((t) => t.name);
    for (const table of [
      'accounts',
      'contacts',
      'contact_phones',
      'contacts_fts',
      'sync_runs',
      'contact_changes',
    ]) {
      expect(tables).toContain(table);
    }
    db.close();
  });

  it('reopening an up-to-date database changes nothing', () => {
    const file = tempFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a database written by a newer version, with a clear message', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(AppError);
    try {
      openDatabase(file);
    } catch (error) {
      expect((error as AppError).code).toBe('DB_NEWER_VERSION');
      expect((error as AppError).message).toMatch(/newer version/);
    }
  });

  it('applies each migration in its own transaction: a failing one leaves the previous version', () => {
    const db = new Database(':memory:');
    expect(() =>
      migrate(db, ['CREATE TABLE a (x)', 'CREATE TABLE b (y); THIS IS NOT SQL']),
    ).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({
      n: 0,
    });
    db.close();
  });

  it('reports a file that is not a database as damaged', () => {
    const file = tempFile();
    fs.writeFileSync(file, 'this is not a database, just text '.repeat(200));
    expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'DB_CORRUPT' }));
  });
});
