import { afterEach, describe, expect, it } from 'vitest';
import { PERSON_FIELDS } from '../../src/main/core/google/person.js';
import { MESSY, messyResourceName, type MessyKind } from '../fake-google/data.js';
import { searchIndexMismatch } from '../../src/main/core/db/search-invariants.js';
import { Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('full sync', () => {
  it('mirrors the server exactly: every contact, etag and label, in pages of 1000', async () => {
    h = await Harness.start({ contacts: 2_345 });
    const run = await h.sync();
    expect(run.status).toBe('success');
    expect(run.kind).toBe('full');
    expect(run.counts).toMatchObject({ fetched: 2_345, created: 2_345, updated: 0, deleted: 0 });
    // 1 labels page + 3 contact pages of at most 1000.
    expect(run.apiCalls).toBe(4);
    expect(h.fake.requestCount('connections')).toBe(3);
    expect(h.localState()).toEqual(h.serverState());
    expect(h.syncToken()).toBeTruthy();

    const stats = h.reports.statistics();
    expect(stats.contacts).toEqual({ total: 2_345, active: 2_345, deleted: 0 });
    const serverLabels = h.fake.listGroups().filter((g) => !g.metadata?.deleted);
    expect(stats.groups).toBe(serverLabels.length);
    const serverPhones = h.fake
      .listContacts()
      .reduce((n, p) => n + (p.phoneNumbers?.length ?? 0), 0);
    expect(stats.phoneNumbers).toBe(serverPhones);
  });

  it('stores every field of the messy contacts exactly as the server sent them', async () => {
    h = await Harness.start({ contacts: 50 });
    await h.sync();
    const local = new Map(h.contacts().map((c) => [c.resourceName, c]));
    const fields = new Set(PERSON_FIELDS.split(','));
    for (const kind of Object.keys(MESSY) as MessyKind[]) {
      const resourceName = messyResourceName(kind);
      const server = h.fake.getContact(resourceName);
      const row = local.get(resourceName);
      expect(row, kind).toBeDefined();
      const stored = JSON.parse(row!.raw) as Record<string, unknown>;
      for (const [field, value] of Object.entries(server ?? {})) {
        if (fields.has(field) || field === 'resourceName' || field === 'etag') {
          expect(stored[field], `${kind}.${field}`).toEqual(value);
        }
      }
    }
    const manyPhones = h.db
      .prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM contact_phones p JOIN contacts c ON c.id = p.contact_id WHERE c.resource_name = ?`,
      )
      .get(messyResourceName('manyPhones'));
    expect(manyPhones?.n).toBe(40);
    const notes = h.db
      .prepare<[string], { notes: string }>('SELECT notes FROM contacts WHERE resource_name = ?')
      .get(messyResourceName('hugeNotes'));
    expect(Buffer.byteLength(notes!.notes)).toBeGreaterThanOrEqual(60 * 1024);
    const rtl = h.fake.getContact(messyResourceName('rtlArabic'))?.names?.[0]?.displayName;
    expect(h.reports.search(rtl!.split(' ')[0]!).contacts.map((r) => r.resourceName)).toContain(
      messyResourceName('rtlArabic'),
    );
  });

  it('does not stop at an empty page that still has a next page', async () => {
    h = await Harness.start({ contacts: 2_200 });
    h.fake.setEmptyPages(true);
    const run = await h.sync();
    expect(run.status).toBe('success');
    expect(run.pages).toBeGreaterThan(1 + 3);
    expect(h.localState()).toEqual(h.serverState());
    h.fake.addContacts(3);
    const next = await h.sync();
    expect(next.counts.created).toBe(3);
    expect(h.localState()).toEqual(h.serverState());
  });

  it('a second full sync of unchanged data changes nothing and duplicates nothing', async () => {
    h = await Harness.start({ contacts: 1_200 });
    await h.sync();
    const before = h.contacts();
    const run = await h.sync({ forceFull: true });
    expect(run.counts).toMatchObject({
      fetched: 1_200,
      created: 0,
      updated: 0,
      deleted: 0,
      unchanged: 1_200,
    });
    expect(h.contacts()).toEqual(before);
  });
});

describe('incremental sync', () => {
  it('a contact re-keyed and then deleted between two syncs is deleted under its old name', async () => {
    h = await Harness.start({ contacts: 300 });
    await h.sync();
    const target = h.fake.listContacts()[7]!.resourceName!;
    h.fake.deleteContact(h.fake.rekeyContact(target));

    const run = await h.sync();
    expect(run).toMatchObject({ status: 'success', kind: 'incremental', counts: { deleted: 1 } });
    expect(h.localState()).toEqual(h.serverState());
    expect(h.contacts().some((c) => c.resourceName === target)).toBe(false);
  });

  it('applies adds, edits, deletes and a re-key without duplicates', async () => {
    h = await Harness.start({ contacts: 300 });
    await h.sync();
    const server = h.fake.listContacts();
    const [edited, deleted, rekeyed] = [server[40]!, server[41]!, server[42]!];
    const rekeyedLocalId = h.contacts().find((c) => c.resourceName === rekeyed.resourceName)!.id;

    const added = h.fake.addContacts(2);
    h.fake.updateContact(edited.resourceName!, {
      names: [{ givenName: 'Renamed', familyName: 'Person', displayName: 'Renamed Person' }],
    });
    h.fake.deleteContact(deleted.resourceName!);
    const newName = h.fake.rekeyContact(rekeyed.resourceName!);
    h.fake.resetCounts();

    const run = await h.sync();
    expect(run.status).toBe('success');
    expect(run.kind).toBe('incremental');
    expect(run.counts).toMatchObject({ created: 2, updated: 2, deleted: 1 });
    expect(h.localState()).toEqual(h.serverState());
    expect(h.contacts()).toHaveLength(301);
    // The re-keyed person is the same row under its new name, not a second contact.
    const moved = h.contacts().find((c) => c.resourceName === newName);
    expect(moved?.id).toBe(rekeyedLocalId);
    expect(
      h.contacts({ includeDeleted: true }).filter((c) => c.resourceName === rekeyed.resourceName),
    ).toEqual([]);
    expect(added.every((rn) => h.localState().has(rn))).toBe(true);
    expect(h.reports.search('Renamed Person').contacts[0]?.resourceName).toBe(edited.resourceName);
    const gone = h
      .contacts({ includeDeleted: true })
      .find((c) => c.resourceName === deleted.resourceName);
    expect(gone?.deletedAt).toBeTruthy();
    expect(
      h.reports.search(deleted.names?.[0]?.displayName ?? 'x').contacts.map((r) => r.resourceName),
    ).not.toContain(deleted.resourceName);
    // The journal says what changed in this run.
    const journal = h.db
      .prepare<[number], { change: string; n: number }>(
        'SELECT change, count(*) AS n FROM contact_changes WHERE run_id = ? GROUP BY change ORDER BY change',
      )
      .all(run.runId);
    expect(journal).toEqual([
      { change: 'created', n: 2 },
      { change: 'deleted', n: 1 },
      { change: 'updated', n: 2 },
    ]);
  });

  it('a run with no changes costs exactly one API call per resource', async () => {
    h = await Harness.start({ contacts: 2_500 });
    await h.sync();
    h.fake.resetCounts();
    const run = await h.sync();
    expect(run.kind).toBe('incremental');
    expect(run.counts).toMatchObject({ fetched: 0, created: 0, updated: 0, deleted: 0 });
    expect(run.apiCalls).toBe(2);
    expect(h.fake.requestCount('connections')).toBe(1);
    expect(h.fake.requestCount('contactGroups')).toBe(1);
  });

  it('follows labels: a new label and a membership change arrive', async () => {
    h = await Harness.start({ contacts: 30 });
    await h.sync();
    const label = h.fake.addGroup('Climbing partners');
    const member = h.fake.listContacts()[25]!.resourceName!;
    h.fake.addMembership(member, label);
    await h.sync();
    const row = h.db
      .prepare<[string, string], { n: number }>(
        `SELECT count(*) AS n FROM contact_memberships m JOIN contacts c ON c.id = m.contact_id
         WHERE c.resource_name = ? AND m.group_resource_name = ?`,
      )
      .get(member, label);
    expect(row?.n).toBe(1);
    const name = h.db
      .prepare<[string], { name: string }>(
        'SELECT name FROM contact_groups WHERE resource_name = ?',
      )
      .get(label);
    expect(name?.name).toBe('Climbing partners');
  });
});

describe('expired sync token', () => {
  it('falls back to a full sync in the same run and removes contacts deleted meanwhile', async () => {
    h = await Harness.start({ contacts: 1_500 });
    await h.sync();
    const victims = h.fake
      .listContacts()
      .slice(100, 105)
      .map((p) => p.resourceName!);
    for (const rn of victims) h.fake.deleteContact(rn);
    h.fake.updateContact(h.fake.listContacts()[7]!.resourceName!, {
      nicknames: [{ value: 'Sparky' }],
    });
    h.fake.expireSyncTokens();

    const run = await h.sync();
    expect(run.status).toBe('success');
    expect(run.kind).toBe('full_after_expired_token');
    expect(run.counts).toMatchObject({ deleted: 5, updated: 1 });
    expect(h.localState()).toEqual(h.serverState());
    const next = await h.sync();
    expect(next.kind).toBe('incremental');
  });
});

describe('progress of a contacts run', () => {
  it('tells the labels page, then each contacts page, by phase', async () => {
    h = await Harness.start({ contacts: 2_500 });
    const seen: Array<[string, number]> = [];
    const stop = h.orchestrator.onProgress((p) => seen.push([p.phase, p.fetched]));
    await h.sync();
    stop();
    const pages = seen.filter(([phase]) => phase !== 'sweep');
    expect(pages[0]?.[0]).toBe('labels');
    expect(pages.filter(([phase]) => phase === 'contacts')).toEqual([
      ['contacts', 1_000],
      ['contacts', 2_000],
      ['contacts', 2_500],
    ]);
  });
});

describe('an address book empty at the first sync', () => {
  it('takes its first contacts from an incremental listing, searchable at once', async () => {
    h = await Harness.start({ contacts: 0 });
    expect((await h.sync()).kind).toBe('full');
    h.fake.addContacts(3);
    const run = await h.sync();
    expect(run).toMatchObject({ kind: 'incremental', counts: { created: 3 } });
    // Only a full listing is a first import (whose search entries wait for its last page).
    expect(searchIndexMismatch(h.db)).toEqual({ orphaned: [], missing: [] });
    for (const contact of h.contacts()) {
      const word = contact.displayName!.split(' ')[0]!;
      const found = h.reports.search(word, { limit: 500 }).contacts.map((c) => c.resourceName);
      expect(found).toContain(contact.resourceName);
    }
  });
});
