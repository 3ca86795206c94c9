/**
 * What must hold of the local mirror after every sync of the engine model, and exactly after the
 * final confirmed one. Each check throws a ModelFailure saying what broke, in words a failing
 * run can be read by.
 */
import Database from 'better-sqlite3';
import type { Db } from '../../src/main/core/db/connection.js';
import type { Person } from '../fake-google/server.js';
import { ModelFailure, type EngineSystem, type LocalRow } from './engine-system.js';

/** How many deletions one unconfirmed run may apply to `active` contacts (DESIGN §5). */
export function allowedDeletions(active: number, guard = { share: 0.5, minimum: 20 }): number {
  return Math.max(guard.minimum - 1, Math.floor(guard.share * active));
}

/** Storage-level invariants: a sound file, search entries matching rows, no run left running. */
export function checkStorage(sys: EngineSystem): void {
  const { db, accountId, orchestrator } = sys.h;
  // On a connection of its own: the pages may have been written by the sync writer's, and FTS5's
  // integrity check (unlike its queries) trusts a structure this connection cached before them,
  // reporting "corruption found reading blob …" where a fresh connection finds the file sound.
  const fresh = new Database(db.name, { readonly: true });
  const integrity = fresh.pragma('integrity_check', { simple: true });
  fresh.close();
  if (integrity !== 'ok') throw new ModelFailure(`integrity_check: ${String(integrity)}`);
  const running = db
    .prepare<[], { runId: number }>(`SELECT id AS runId FROM sync_runs WHERE status = 'running'`)
    .all();
  if (running.length > 0 || orchestrator.isRunning(accountId)) {
    throw new ModelFailure(`runs left running: ${running.map((r) => r.runId).join(', ')}`);
  }
  checkSearchEntries(db, accountId);
}

function checkSearchEntries(db: Db, accountId: number): void {
  const ids = (sql: string) =>
    new Set(
      db
        .prepare<[], { id: number }>(sql)
        .all()
        .map((r) => r.id),
    );
  const entries = ids('SELECT rowid AS id FROM contacts_fts');
  const active = ids('SELECT id FROM contacts WHERE deleted_at IS NULL');
  const orphans = [...entries].filter((id) => !active.has(id));
  if (orphans.length > 0) {
    throw new ModelFailure(`${orphans.length} orphaned search entries (rows ${orphans.join(',')})`);
  }
  // While a first import is unfinished its search entries are written at its end, all at once.
  const deferred = db
    .prepare('SELECT 1 FROM contacts_fts_pending WHERE account_id = ?')
    .get(accountId);
  const missing = [...active].filter((id) => !entries.has(id));
  if (!deferred && missing.length > 0) {
    throw new ModelFailure(`${missing.length} active contacts missing from search`);
  }
}

/** Follows re-keys (old → new resource name) to the name the contact has now. */
export function currentName(name: string, rekeys: ReadonlyMap<string, string>): string {
  let n = name;
  for (let next = rekeys.get(n); next !== undefined; next = rekeys.get(n)) n = next;
  return n;
}

/** Local active rows whose contact is gone from the server (re-keys followed). */
export function pendingDeletions(
  rows: readonly LocalRow[],
  server: ReadonlySet<string>,
  rekeys: ReadonlyMap<string, string>,
): LocalRow[] {
  return rows.filter((r) => !server.has(currentName(r.resourceName, rekeys)));
}

export interface DeletionCheck {
  before: readonly LocalRow[];
  after: readonly LocalRow[];
  server: ReadonlySet<string>;
  rekeys: ReadonlyMap<string, string>;
  /** Whether the run may apply deletions at all (confirmed, or no refusal pending). */
  mayDelete: boolean;
  /** Most deletions the run may apply. */
  allowed: number;
}

/**
 * No contact still on the server is lost (a re-keyed row may only go if its new name is there),
 * and no more contacts are deleted than the guard allows (none in a run over the guard or after a refusal, until confirmed).
 */
export function checkDeletions(c: DeletionCheck): void {
  const afterIds = new Set(c.after.map((r) => r.id));
  const afterNames = new Set(c.after.map((r) => r.resourceName));
  const gone = c.before.filter((r) => !afterIds.has(r.id));
  const lost = gone.filter((r) => {
    const name = currentName(r.resourceName, c.rekeys);
    return c.server.has(name) && !afterNames.has(name);
  });
  if (lost.length > 0) {
    throw new ModelFailure(`contacts still in Google deleted locally: ${names(lost)}`);
  }
  const deleted = gone.filter((r) => !c.server.has(currentName(r.resourceName, c.rekeys)));
  const limit = c.mayDelete ? c.allowed : 0;
  if (deleted.length > limit) {
    throw new ModelFailure(
      `mass-deletion guard leaked: ${deleted.length} of ${c.before.length} contacts deleted ` +
        `without confirmation (allowed ${limit}${c.mayDelete ? '' : ': over the guard, or refused before'})`,
    );
  }
}

/**
 * After a completed run: no contact mirrored twice under an old and a new resource name — except
 * an old name whose deletion the guard holds back for the person's confirmation (a full listing
 * sees a re-key as a deletion and a new contact; Status shows the held deletions).
 */
export function checkNoDuplicates(
  rows: readonly LocalRow[],
  rekeys: ReadonlyMap<string, string>,
  withheld: ReadonlySet<string> = new Set(),
) {
  const names = new Set(rows.map((r) => r.resourceName));
  const dup = rows.filter((r) => {
    const now = currentName(r.resourceName, rekeys);
    return now !== r.resourceName && names.has(now) && !withheld.has(r.resourceName);
  });
  if (dup.length > 0) throw new ModelFailure(`re-keyed contacts mirrored twice: ${namesOf(dup)}`);
}

const namesOf = (rows: readonly LocalRow[]) => rows.map((r) => r.resourceName).join(', ');
const names = namesOf;

interface Flat {
  displayName: string | null;
  emails: string[];
  phones: string[];
  labels: string[];
}

function primaryOf<T extends { metadata?: { primary?: boolean | null } | null }>(
  items: T[] | undefined,
): T | undefined {
  return items?.find((i) => i.metadata?.primary) ?? items?.[0];
}

/** What the mirror must hold for a server Person, derived here rather than by the engine's code. */
function expected(p: Person): Flat {
  return {
    displayName: primaryOf(p.names)?.displayName ?? null,
    emails: (p.emailAddresses ?? []).flatMap((e) => (e.value ? [e.value] : [])),
    phones: (p.phoneNumbers ?? []).flatMap((e) => (e.value ? [e.value] : [])),
    labels: (p.memberships ?? [])
      .flatMap((m) => m.contactGroupMembership?.contactGroupResourceName ?? [])
      .sort(),
  };
}

function local(db: Db, accountId: number): Map<string, Flat> {
  const column = (sql: string) => {
    const by = new Map<number, string[]>();
    for (const r of db.prepare<[], { id: number; v: string }>(sql).all()) {
      by.set(r.id, [...(by.get(r.id) ?? []), r.v]);
    }
    return by;
  };
  const emails = column(
    'SELECT contact_id AS id, value AS v FROM contact_emails ORDER BY 1, position',
  );
  const phones = column(
    'SELECT contact_id AS id, raw AS v FROM contact_phones ORDER BY 1, position',
  );
  const labels = column(
    'SELECT contact_id AS id, group_resource_name AS v FROM contact_memberships ORDER BY 1, 2',
  );
  const rows = db
    .prepare<[number], { id: number; rn: string; dn: string | null }>(
      `SELECT id, resource_name AS rn, display_name AS dn FROM contacts
       WHERE account_id = ? AND deleted_at IS NULL`,
    )
    .all(accountId);
  return new Map(
    rows.map((r) => [
      r.rn,
      {
        displayName: r.dn,
        emails: emails.get(r.id) ?? [],
        phones: phones.get(r.id) ?? [],
        labels: labels.get(r.id) ?? [],
      },
    ]),
  );
}

/** The local active set equals the server's: names, emails, phones, labels and memberships. */
export function checkMirrorEquals(sys: EngineSystem): void {
  const { db, accountId, fake } = sys.h;
  const mine = local(db, accountId);
  const theirs = new Map(fake.listContacts().map((p) => [p.resourceName as string, expected(p)]));
  const diffs: string[] = [];
  for (const [rn, want] of theirs) {
    const got = mine.get(rn);
    if (!got) diffs.push(`${rn} missing locally`);
    else if (JSON.stringify(got) !== JSON.stringify(want)) {
      diffs.push(`${rn} differs: local ${JSON.stringify(got)} server ${JSON.stringify(want)}`);
    }
  }
  for (const rn of mine.keys()) if (!theirs.has(rn)) diffs.push(`${rn} active locally only`);
  const groups = db
    .prepare<[number], { rn: string; name: string }>(
      `SELECT resource_name AS rn, name FROM contact_groups
       WHERE account_id = ? AND deleted_at IS NULL ORDER BY 1`,
    )
    .all(accountId)
    .map((g) => `${g.rn}=${g.name}`);
  const serverGroups = fake
    .listGroups()
    .map((g) => `${g.resourceName}=${g.name}`)
    .sort();
  if (JSON.stringify(groups) !== JSON.stringify(serverGroups)) {
    diffs.push(`labels differ: local [${groups.join('; ')}] server [${serverGroups.join('; ')}]`);
  }
  if (diffs.length > 0) {
    throw new ModelFailure(
      `mirror differs from Google after a confirmed sync:\n${diffs.slice(0, 8).join('\n')}`,
    );
  }
}
