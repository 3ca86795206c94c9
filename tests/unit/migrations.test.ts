import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/connection.js';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../src/main/core/db/migrations.js';
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

describe('migration 6: label member counts', () => {
  const contact = (db: Database.Database, id: number, account: number, labels: string[]) => {
    db.prepare(
      `INSERT INTO contacts (id, account_id, resource_name, raw, created_at, updated_at, synced_at)
       VALUES (?, ?, ?, '{}', 'now', 'now', 'now')`,
    ).run(id, account, `people/c${id}`);
    for (const label of labels)
      db.prepare(
        'INSERT INTO contact_memberships (contact_id, group_resource_name) VALUES (?, ?)',
      ).run(id, label);
  };
  /** What the counts must be: memberships of active contacts, by account and label. */
  const recounted = (db: Database.Database) =>
    db
      .prepare(
        `SELECT c.account_id, m.group_resource_name, count(*) AS members
         FROM contacts c JOIN contact_memberships m ON m.contact_id = c.id
         WHERE c.deleted_at IS NULL
         GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all();
  const stored = (db: Database.Database) =>
    db
      .prepare(
        `SELECT account_id, group_resource_name, members FROM contact_label_counts
         WHERE members <> 0 ORDER BY 1, 2`,
      )
      .all();

  it('counts the members of a populated database, then keeps the counts through every change', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 5));
    db.exec(`INSERT INTO accounts (id, email, connected_at) VALUES (1, 'a@x.test', 'now'),
             (2, 'b@x.test', 'now')`);
    contact(db, 1, 1, ['contactGroups/myContacts', 'contactGroups/friends']);
    contact(db, 2, 1, ['contactGroups/myContacts']);
    contact(db, 3, 2, ['contactGroups/myContacts', 'contactGroups/friends']);
    contact(db, 4, 1, ['contactGroups/friends']);
    db.exec("UPDATE contacts SET deleted_at = 'then' WHERE id = 4");

    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(stored(db)).toEqual([
      { account_id: 1, group_resource_name: 'contactGroups/friends', members: 1 },
      { account_id: 1, group_resource_name: 'contactGroups/myContacts', members: 2 },
      { account_id: 2, group_resource_name: 'contactGroups/friends', members: 1 },
      { account_id: 2, group_resource_name: 'contactGroups/myContacts', members: 1 },
    ]);

    const steps: [string, () => void][] = [
      ['new contact', () => contact(db, 5, 1, ['contactGroups/friends', 'contactGroups/new'])],
      [
        'memberships rewritten',
        () => {
          db.exec('DELETE FROM contact_memberships WHERE contact_id = 1');
          db.exec("INSERT INTO contact_memberships VALUES (1, 'contactGroups/new')");
        },
      ],
      ['soft delete', () => db.exec("UPDATE contacts SET deleted_at = 'now' WHERE id = 2")],
      [
        'edit of a deleted contact',
        () => db.exec("UPDATE contacts SET deleted_at = 'later' WHERE id = 2"),
      ],
      [
        'membership of a deleted contact',
        () => db.exec("INSERT INTO contact_memberships VALUES (4, 'contactGroups/new')"),
      ],
      ['restore', () => db.exec('UPDATE contacts SET deleted_at = NULL WHERE id = 4')],
      ['an active contact removed', () => db.exec('DELETE FROM contacts WHERE id = 5')],
      ['a deleted contact removed', () => db.exec('DELETE FROM contacts WHERE id = 2')],
      ['an account removed', () => db.exec('DELETE FROM accounts WHERE id = 2')],
    ];
    for (const [name, step] of steps) {
      step();
      expect(stored(db), name).toEqual(recounted(db));
    }
    expect(stored(db)).toEqual([
      { account_id: 1, group_resource_name: 'contactGroups/friends', members: 1 },
      { account_id: 1, group_resource_name: 'contactGroups/new', members: 2 },
    ]);
    db.close();
  });

  it('applies to an empty database', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(stored(db)).toEqual([]);
    db.close();
  });
});
