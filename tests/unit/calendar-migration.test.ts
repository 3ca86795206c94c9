import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/connection.js';
import { LATEST_VERSION, migrate } from '../../src/main/core/db/migrations.js';
import { INITIAL_SCHEMA } from '../../src/main/core/db/schema-v1.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration 2: calendars', () => {
  it('upgrades a version-1 database in place, keeping its data, and cascades account deletion', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-cal-migrate-'));
    dirs.push(dir);
    const file = path.join(dir, 'contacts.db');
    const v1 = new Database(file);
    migrate(v1, [INITIAL_SCHEMA]);
    v1.prepare(
      "INSERT INTO accounts (id, email, connected_at) VALUES (1, 'me@example.com', '2026-01-01')",
    ).run();
    v1.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(2);
    expect(db.prepare('SELECT email FROM accounts').all()).toEqual([{ email: 'me@example.com' }]);
    db.prepare(
      `INSERT INTO calendars (id, account_id, calendar_id, raw, updated_at)
       VALUES (7, 1, 'me@example.com', '{}', '2026-01-01')`,
    ).run();
    db.prepare(
      `INSERT INTO calendar_events (account_id, calendar_ref, event_id, status, raw, synced_at)
       VALUES (1, 7, 'e1', 'confirmed', '{}', '2026-01-01')`,
    ).run();
    // The same event id twice in one calendar is one row (events are keyed by calendar and id).
    expect(() =>
      db
        .prepare(
          `INSERT INTO calendar_events (account_id, calendar_ref, event_id, status, raw, synced_at)
           VALUES (1, 7, 'e1', 'confirmed', '{}', '2026-01-01')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM accounts WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM calendar_events').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM calendars').get()).toEqual({ n: 0 });
    db.close();
  });
});
