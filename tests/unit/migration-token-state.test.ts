/**
 * The migrations for refused tokens and resumable listings: `sync_state` gains the token's
 * fingerprint and the resume position; `sync_runs` is rebuilt to allow the kind
 * `full_after_rejected_token` without losing a run or the change journal that points at runs.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../src/main/core/db/migrations.js';
import { REJECTED_TOKEN_KIND_SCHEMA } from '../../src/main/core/db/schema-rejected-token-kind.js';

const BEFORE = MIGRATIONS.indexOf(REJECTED_TOKEN_KIND_SCHEMA);

describe('migration: the rejected-token run kind', () => {
  it('keeps every run and journal entry, and the journal still follows its run on delete', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, BEFORE));
    db.exec(`
      INSERT INTO accounts (id, email, connected_at) VALUES (1, 'a@x.test', 'now');
      INSERT INTO contacts (id, account_id, resource_name, raw, created_at, updated_at, synced_at)
        VALUES (1, 1, 'people/c1', '{}', 'now', 'now', 'now');
      INSERT INTO sync_runs (id, account_id, resource, kind, trigger, status, started_at, fetched)
        VALUES (1, 1, 'contacts', 'full', 'manual', 'success', 't1', 7),
               (2, 1, 'contacts', 'full_after_expired_token', 'scheduled', 'failed', 't2', 3);
      INSERT INTO contact_changes (id, run_id, contact_id, change, after)
        VALUES (1, 1, 1, 'created', '{"n":1}'), (2, 2, 1, 'updated', '{"n":2}');
    `);
    const runs = db.prepare('SELECT * FROM sync_runs ORDER BY id').all();
    const changes = db.prepare('SELECT * FROM contact_changes ORDER BY id').all();

    migrate(db);
    expect(db.prepare('SELECT * FROM sync_runs ORDER BY id').all()).toEqual(runs);
    expect(db.prepare('SELECT * FROM contact_changes ORDER BY id').all()).toEqual(changes);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    db.exec(`INSERT INTO sync_runs (id, account_id, resource, kind, trigger, status, started_at)
             VALUES (3, 1, 'contacts', 'full_after_rejected_token', 'manual', 'success', 't3')`);
    expect(() =>
      db.exec(`INSERT INTO sync_runs (account_id, resource, kind, trigger, status, started_at)
               VALUES (1, 'contacts', 'sideways', 'manual', 'success', 't4')`),
    ).toThrow(/CHECK/);
    db.exec('DELETE FROM sync_runs WHERE id = 1');
    expect(db.prepare('SELECT id FROM contact_changes').all()).toEqual([{ id: 2 }]);
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE ? ORDER BY name")
      .all('%_run%');
    expect(indexes).toEqual([
      { name: 'contact_changes_run' },
      { name: 'sync_runs_account' },
      { name: 'sync_runs_status' },
    ]);
    db.close();
  });
});
