import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/core/db/connection.js';
import {
  ActiveContactCounts,
  RUNNING_COUNT_MAX_AGE_MS,
} from '../../src/main/core/services/active-counts.js';

const open: Db[] = [];
let dir: string | undefined;
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The status's connection and another one, as the sync writer's thread has, on one file. */
function twoConnections(): { reader: Db; writer: Db; account: number } {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-counts-'));
  const file = path.join(dir, 'contacts.db');
  const reader = openDatabase(file);
  const writer = openDatabase(file);
  open.push(reader, writer);
  const account = writer
    .prepare(`INSERT INTO accounts (email, connected_at) VALUES ('a@x.test', 'now')`)
    .run().lastInsertRowid as number;
  return { reader, writer, account };
}

let next = 1;
function addContacts(db: Db, account: number, n: number): void {
  const insert = db.prepare(
    `INSERT INTO contacts (account_id, resource_name, raw, created_at, updated_at, synced_at)
     VALUES (?, ?, '{}', 'now', 'now', 'now')`,
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(account, `people/c${next++}`);
  })();
}

describe('the status’s count of active contacts', () => {
  it('is exact after another connection’s commit and after this connection’s own', () => {
    const { reader, writer, account } = twoConnections();
    const counts = new ActiveContactCounts(reader, () => 0);
    expect(counts.get(account, false)).toBe(0);
    addContacts(writer, account, 3);
    expect(counts.get(account, false)).toBe(3);
    addContacts(reader, account, 2);
    expect(counts.get(account, false)).toBe(5);
  });

  it('while the account’s run writes, is recounted at most once a second; exact once it ended', () => {
    const { reader, writer, account } = twoConnections();
    let now = 0;
    const counts = new ActiveContactCounts(reader, () => now);
    expect(counts.get(account, true)).toBe(0);
    addContacts(writer, account, 10);
    now = RUNNING_COUNT_MAX_AGE_MS - 1;
    expect(counts.get(account, true)).toBe(0);
    now = RUNNING_COUNT_MAX_AGE_MS;
    expect(counts.get(account, true)).toBe(10);
    addContacts(writer, account, 5);
    expect(counts.get(account, true)).toBe(10);
    expect(counts.get(account, false)).toBe(15);
  });
});
