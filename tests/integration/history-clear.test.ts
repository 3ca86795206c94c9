/**
 * Clearing the history in short batches (issue 15): the thread answers other calls between them,
 * every state a batch commits is a consistent history (what a crash there would leave), and a
 * CardDAV client's sync token never skips a change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Api } from '../../src/main/core/api/api.js';
import { CardStore } from '../../src/main/core/carddav/card-store.js';
import { systemClock } from '../../src/main/core/clock.js';
import { clearHistoryInBatches } from '../../src/main/core/db/history-clear.js';
import { Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Updates `count` contacts in Google and syncs them: a run with `count` journal rows. */
async function changeAndSync(count: number, from = 0): Promise<number[]> {
  const people = h.fake.listContacts().slice(from, from + count);
  for (const person of people) {
    h.fake.updateContact(person.resourceName!, { nicknames: [{ value: `n${Math.random()}` }] });
  }
  await h.sync();
  const ids = new Map(h.contacts().map((c) => [c.resourceName, c.id]));
  return people.map((p) => ids.get(p.resourceName!)!);
}

/** Journal rows per run, oldest run first. */
function journalByRun(): Map<number, number> {
  const rows = h.db
    .prepare<[], { id: number; n: number }>(
      `SELECT r.id, count(j.id) AS n FROM sync_runs r LEFT JOIN contact_changes j
         ON j.run_id = r.id GROUP BY r.id ORDER BY r.id`,
    )
    .all();
  return new Map(rows.map((r) => [r.id, r.n]));
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('clearing the history', () => {
  it('answers a window between its batches and keeps only the latest run', async () => {
    h = await Harness.start({ contacts: 1500 });
    await h.sync();
    await changeAndSync(1200); // 1,200 journal rows: three batches
    const latest = await h.sync();
    const api = new Api({
      db: h.db,
      clock: systemClock,
      orchestrator: h.orchestrator,
      reports: h.reports,
    });

    const cleared = api.call('clearHistory', {});
    const again = api.call('clearHistory', {}); // a second window's click joins the same clear
    const listed = await api.call('listHistory', {});
    const settled = await Promise.all([cleared, again]);
    api.dispose();

    // Answered while the clear was still going: the big run was not gone yet.
    expect(listed).toMatchObject({ ok: true });
    expect(listed.ok && (listed.value as unknown[]).length).toBeGreaterThan(1);
    expect(settled).toEqual([
      { ok: true, value: { removed: 2 } },
      { ok: true, value: { removed: 2 } },
    ]);
    expect([...journalByRun().keys()]).toEqual([latest.runId]);
    expect(h.db.prepare('SELECT count(*) AS n FROM contact_changes').get()).toEqual({ n: 0 });
  });

  it('waits for a sync in progress: its pages hold the write lock on the sync writer’s thread', async () => {
    h = await Harness.start({ contacts: 2_500 });
    await h.sync();
    await changeAndSync(300);
    // Page 2 of the next sync answers after 1.5 s: the clear is asked for meanwhile.
    h.fake.addContacts(1);
    h.fake.injectFault({ path: 'connections', kind: 'delay', delayMs: 1_500, afterRequests: 0 });
    const run = h.orchestrator.requestSync(h.accountId, { trigger: 'manual', forceFull: true });
    if (run.status !== 'started') throw new Error('expected a run');
    const api = new Api({
      db: h.db,
      clock: systemClock,
      orchestrator: h.orchestrator,
      reports: h.reports,
    });
    let runEnded = false;
    void run.done.then(() => (runEnded = true));
    const cleared = await api.call('clearHistory', {});
    api.dispose();

    expect(runEnded).toBe(true);
    expect(cleared).toEqual({ ok: true, value: { removed: 2 } });
    expect([...journalByRun().keys()]).toEqual([run.runId]);
  });

  it('leaves a consistent history after every batch, and a CardDAV token never skips a change', async () => {
    h = await Harness.start({ contacts: 60 });
    await h.sync();
    await changeAndSync(5, 0);
    const cards = new CardStore(h.db);
    const token = cards.syncToken(h.accountId); // names the last journal row of that run
    const later = await changeAndSync(4, 10);
    await changeAndSync(3, 20);
    const latest = await h.sync();
    const before = journalByRun();
    const doomed = [...before.keys()].filter((id) => id !== latest.runId);

    const clearing = clearHistoryInBatches(h.db, { batch: 2 });
    let states = 0;
    for (let left = doomed.length; left > 0; states++) {
      // A crash here would leave exactly this committed state.
      expect(h.db.pragma('foreign_key_check')).toEqual([]);
      const now = journalByRun();
      const gone = doomed.filter((id) => !now.has(id));
      const kept = doomed.filter((id) => now.has(id));
      // Runs go oldest first, each whole but the one being cleared, which keeps its row.
      expect(gone).toEqual(doomed.slice(0, gone.length));
      kept.slice(1).forEach((id) => expect(now.get(id)).toBe(before.get(id)));
      expect(now.get(latest.runId)).toBe(before.get(latest.runId));
      // The client either hears of the later changes or is told to list the book again.
      const changes = cards.changesSince(h.accountId, token);
      if (changes) expect(changes.changed).toEqual(expect.arrayContaining(later));
      left = kept.length;
      await nextTurn();
    }

    expect(await clearing).toBe(doomed.length);
    expect(states).toBeGreaterThan(doomed.length);
    expect([...journalByRun().keys()]).toEqual([latest.runId]);
    expect(cards.changesSince(h.accountId, token)).toBeNull();
  });
});
