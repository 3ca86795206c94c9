import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/core/db/connection.js';
import { Harness } from './harness.js';
import { cliEnv, startCli } from './cli-process.js';

// An account's first import puts its full-text entries and the secondary indexes off until the
// listing completes (BulkImport). These tests hold it to what a row-by-row import gives.

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const indexNames = (db: Db | Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

/** Whether `term` (a prefix query, as the search box sends it) finds contact `id`. */
const finds = (db: Db, term: string, id: number) =>
  db
    .prepare('SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH ? AND rowid = ?')
    .get(`"${term.replaceAll('"', '')}"*`, id) !== undefined;

interface Sample {
  id: number;
  raw: string;
}

/** Every field search covers finds the contact: names, organization, email, phone forms. */
function expectSearchable(db: Db, contacts: Sample[]): void {
  for (const { id, raw } of contacts) {
    const person = JSON.parse(raw) as {
      names?: { familyName?: string; givenName?: string }[];
      organizations?: { name?: string }[];
      emailAddresses?: { value?: string }[];
      phoneNumbers?: { value?: string; canonicalForm?: string }[];
    };
    const terms = [
      person.names?.[0]?.familyName?.split(/\s+/)[0],
      person.names?.[0]?.givenName?.split(/\s+/)[0],
      person.organizations?.[0]?.name?.split(/\s+/)[0],
      person.emailAddresses?.[0]?.value,
      person.phoneNumbers?.at(-1)?.value?.replace(/\D/g, ''),
      person.phoneNumbers?.at(-1)?.canonicalForm?.replace('+', ''),
    ]
      // One token each: the index keeps no positions (detail=none), so no phrase queries.
      .map((t) => t?.split(/[^\p{L}\p{N}]+/u).find(Boolean))
      .filter((t): t is string => !!t);
    for (const term of terms) expect(finds(db, term, id), `${term} finds ${id}`).toBe(true);
  }
}

function bookkeeping(db: Db | Database.Database) {
  const count = (table: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { ftsPending: count('contacts_fts_pending'), deferred: count('deferred_indexes') };
}

describe("an account's first import", () => {
  it('leaves every index in place and every contact searchable, like a row-by-row sync', async () => {
    h = await Harness.start({ contacts: 2_345 });
    const indexesBefore = indexNames(h.db);
    const run = await h.sync();
    expect(run.status).toBe('success');
    expect(run.counts.created).toBe(2_345);
    expect(indexNames(h.db)).toEqual(indexesBefore);
    expect(bookkeeping(h.db)).toEqual({ ftsPending: 0, deferred: 0 });
    const all = h.contacts();
    expect(all).toHaveLength(2_345);
    // Every page, including the messy contacts (no name, only a phone, RTL, emoji).
    expectSearchable(
      h.db,
      all.filter((_, i) => i % 23 === 0),
    );

    // Contacts arriving later are written row by row; both kinds are found the same way.
    h.fake.addContacts(30);
    const next = await h.sync();
    expect(next.kind).toBe('incremental');
    const known = new Set(all.map((c) => c.id));
    const added = h.contacts().filter((c) => !known.has(c.id));
    expect(added).toHaveLength(30);
    expectSearchable(h.db, added);
  });

  it('killed midway, keeps its pages, gets its indexes back on open and completes next run', async () => {
    h = await Harness.start({ contacts: 5_500 });
    const indexesBefore = indexNames(h.db);
    h.fake.injectFault({ path: 'connections', kind: 'delay', delayMs: 150, count: 100 });
    const child = startCli(
      ['--db', h.dbFile, 'sync'],
      cliEnv(h.url, { CONTACTS_SYNC_TOKENS: `${h.dir}/tokens.json` }),
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const started = Date.now();
    // Page 4 requested: pages 1–3 arrived and are (being) written.
    while (h.fake.requestCount('connections') < 4) {
      if (Date.now() - started > 30_000) throw new Error('timed out waiting for page 4');
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await exited;
    h.fake.clearFaults();

    const raw = new Database(h.dbFile);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    const partial = h.contacts().length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(5_500);
    // What the import put off is on record, not lost.
    expect(bookkeeping(raw).ftsPending).toBe(1);
    expect(bookkeeping(raw).deferred).toBeGreaterThan(0);
    expect(indexNames(raw)).not.toEqual(indexesBefore);
    raw.close();

    // Opening the database (as the app does on start) brings the indexes back.
    const reopened = openDatabase(h.dbFile);
    expect(indexNames(reopened)).toEqual(indexesBefore);
    expect(bookkeeping(reopened)).toEqual({ ftsPending: 1, deferred: 0 });
    reopened.close();

    expect(h.orchestrator.recoverInterruptedRuns()).toBe(1);
    const run = await h.sync();
    expect(run.status).toBe('success');
    expect(h.localState()).toEqual(h.serverState());
    expect(h.contacts({ includeDeleted: true })).toHaveLength(5_500);
    expect(indexNames(h.db)).toEqual(indexesBefore);
    expect(bookkeeping(h.db)).toEqual({ ftsPending: 0, deferred: 0 });
    // Contacts written before the kill are searchable too, each exactly once.
    const all = h.contacts();
    expectSearchable(
      h.db,
      all.filter((_, i) => i % 97 === 0),
    );
    const ftsRows = h.db.prepare('SELECT count(*) AS n FROM contacts_fts').get() as { n: number };
    expect(ftsRows.n).toBe(5_500);
  });
});
