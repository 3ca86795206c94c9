/**
 * The engine model's checks bite: each is shown a mirror broken in the way it guards against
 * (the model's runs on today's engine show the guard, watchdog and refused-token checks failing;
 * docs/RELIABILITY.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineSystem, ModelFailure } from '../model/engine-system.js';
import {
  allowedDeletions,
  checkDeletions,
  checkMirrorEquals,
  checkNoDuplicates,
  checkStorage,
} from '../model/invariants.js';

let sys: EngineSystem;

beforeAll(async () => {
  sys = await EngineSystem.start({ contacts: 30, pageSize: 10, watchdogMs: 30_000, seed: 3 });
  expect((await sys.sync({})).status).toBe('success');
});
afterAll(() => sys.close());

/** Runs `check` with `breakIt` applied inside a transaction that is rolled back afterwards. */
function brokenBy(breakIt: () => void, check: () => void): unknown {
  const db = sys.h.db;
  db.exec('SAVEPOINT broken');
  try {
    breakIt();
    check();
    return null;
  } catch (error) {
    return error;
  } finally {
    db.exec('ROLLBACK TO broken; RELEASE broken');
  }
}

describe('engine model checks', () => {
  it('pass on a mirror the engine just synced', () => {
    expect(() => checkStorage(sys)).not.toThrow();
    expect(() => checkMirrorEquals(sys)).not.toThrow();
  });

  it('find an orphaned search entry, a missing one and a run left running', () => {
    const db = sys.h.db;
    const [first] = sys.activeRows();
    const orphan = brokenBy(
      () => db.prepare('UPDATE contacts SET deleted_at = ? WHERE id = ?').run('x', first?.id),
      () => checkStorage(sys),
    );
    expect(String(orphan)).toContain('1 orphaned search entries');
    const missing = brokenBy(
      () => db.prepare('DELETE FROM contacts_fts WHERE rowid = ?').run(first?.id),
      () => checkStorage(sys),
    );
    expect(String(missing)).toContain('1 active contacts missing from search');
    const running = brokenBy(
      () => db.exec(`UPDATE sync_runs SET status = 'running'`),
      () => checkStorage(sys),
    );
    expect(String(running)).toContain('runs left running: 1');
  });

  it('find a mirror that differs from Google in a field, a label or a contact', () => {
    const db = sys.h.db;
    const [first] = sys.activeRows();
    const cases: [() => void, string][] = [
      [
        () => db.prepare('DELETE FROM contact_emails WHERE contact_id = ?').run(first?.id),
        'differs',
      ],
      [() => db.exec('DELETE FROM contact_memberships'), 'differs'],
      [
        () => db.exec(`UPDATE contact_groups SET name = 'x' WHERE group_type <> 'SYSTEM'`),
        'labels',
      ],
      [() => db.prepare('DELETE FROM contacts WHERE id = ?').run(first?.id), 'missing locally'],
    ];
    for (const [breakIt, words] of cases) {
      const error = brokenBy(breakIt, () => checkMirrorEquals(sys));
      expect(error).toBeInstanceOf(ModelFailure);
      expect(String(error)).toContain(words);
    }
  });

  it('find deletions beyond the guard, a lost contact and a duplicate after a re-key', () => {
    const before = sys.activeRows();
    const server = sys.serverNames();
    const gone = new Set(before.slice(0, 16).map((r) => r.resourceName));
    const serverAfter = new Set([...server].filter((n) => !gone.has(n)));
    const after = before.slice(16);
    const judge = (mayDelete: boolean, allowed: number, srv: Set<string>) => () =>
      checkDeletions({ before, after, server: srv, rekeys: new Map(), mayDelete, allowed });
    expect(allowedDeletions(30)).toBe(19);
    expect(allowedDeletions(100)).toBe(50);
    expect(judge(true, allowedDeletions(30), serverAfter)).not.toThrow();
    expect(judge(false, allowedDeletions(30), serverAfter)).toThrow(/guard leaked: 16 of 30/);
    expect(judge(true, 15, serverAfter)).toThrow(/guard leaked/);
    expect(judge(true, 30, server)).toThrow(/still in Google deleted locally/);
    const [a, b] = before;
    const rekeys = new Map([[a?.resourceName ?? '', b?.resourceName ?? '']]);
    expect(() => checkNoDuplicates(before, rekeys)).toThrow(/mirrored twice/);
  });
});
