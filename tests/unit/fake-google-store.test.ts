/** Store bookkeeping, tokens and fault scheduling of the fake Google server. */
import { describe, expect, it } from 'vitest';
import { Faults } from '../fake-google/faults.js';
import { listConnections, PERSON_FIELDS } from '../fake-google/people.js';
import { FakeGoogle } from '../fake-google/server.js';
import { Store } from '../fake-google/store.js';
import { SYNC_TOKEN_TTL_MS, TokenCodec } from '../fake-google/tokens.js';

const memberCounts = (fake: FakeGoogle) =>
  Object.fromEntries(fake.listGroups().map((g) => [g.resourceName, g.memberCount]));

function countedMembers(fake: FakeGoogle): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const g of fake.listGroups()) counts[g.resourceName ?? ''] = 0;
  for (const p of fake.listContacts()) {
    for (const m of p.memberships ?? []) {
      const rn = m.contactGroupMembership?.contactGroupResourceName ?? '';
      counts[rn] = (counts[rn] ?? 0) + 1;
    }
  }
  return counts;
}

describe('store', () => {
  it('keeps member counts right through membership changes, deletions and label deletion', () => {
    const fake = new FakeGoogle({ contacts: 500, groups: 4 });
    expect(fake.listGroups().map((g) => g.name)).toEqual([
      'myContacts',
      'starred',
      'Family',
      'Work',
      'Ünïcödé Friends',
      'Book Club 📚',
    ]);
    expect(memberCounts(fake)).toEqual(countedMembers(fake));
    const label = fake.addGroup('Climbing');
    const [a, b, d] = fake.listContacts().map((p) => p.resourceName ?? '');
    fake.addMembership(a ?? '', label);
    fake.addMembership(b ?? '', label);
    fake.addMembership(b ?? '', 'contactGroups/starred');
    fake.removeMembership(a ?? '', label);
    fake.deleteContact(d ?? '');
    expect(memberCounts(fake)).toEqual(countedMembers(fake));
    expect(memberCounts(fake)[label]).toBe(1);
    const family = fake.listGroups()[2]?.resourceName ?? '';
    fake.deleteGroup(family);
    expect(fake.listGroups().map((g) => g.resourceName)).not.toContain(family);
    expect(memberCounts(fake)).toEqual(countedMembers(fake));
    expect(memberCounts(fake)['contactGroups/myContacts']).toBe(499);
  });

  it('bumps seq and etag on every change and keeps tombstones', () => {
    const store = new Store(() => Date.UTC(2025, 0, 1));
    store.seed(10, 1, 2);
    const rec = store.records[3];
    if (!rec) throw new Error('no record');
    const before = { seq: store.seq, etag: store.toPerson(rec).etag };
    store.update(rec.resourceName, { nicknames: [{ value: 'x' }] });
    expect(rec.seq).toBe(before.seq + 1);
    expect(store.toPerson(rec).etag).not.toBe(before.etag);
    expect(store.toPerson(rec).metadata?.sources?.[0]?.updateTime).toBe('2025-01-01T00:00:00.000Z');
    const old = rec.resourceName;
    const renamed = store.rekey(old);
    expect(store.get(old)).toBeUndefined();
    expect(store.toPerson(rec, undefined, before.seq).metadata?.previousResourceNames).toEqual([
      old,
    ]);
    expect(store.toPerson(rec, undefined, rec.seq).metadata?.previousResourceNames).toBeUndefined();
    store.delete(renamed);
    expect(store.records).toHaveLength(10);
    expect(store.active).toBe(9);
    expect(store.toPerson(rec, new Set(['names']))).toEqual({
      resourceName: renamed,
      etag: expect.stringMatching(/^%/),
      metadata: { deleted: true, objectType: 'PERSON', sources: [expect.any(Object)] },
    });
    expect(() => store.update(renamed, {})).toThrow(/No active contact/);
    const live = store.records[4]?.resourceName ?? '';
    expect(() => store.update(live, { memberships: [] })).toThrow(/memberships/);
    store.update(live, { phoneNumbers: null, emailAddresses: [] });
    const person = store.toPerson(store.records[4] ?? rec);
    expect(person.phoneNumbers).toBeUndefined();
    expect(person.emailAddresses).toBeUndefined();
  });

  it('reset returns to the constructed state', () => {
    const fake = new FakeGoogle({ contacts: 20 });
    const initial = fake.listContacts();
    fake.addContacts(5);
    fake.deleteContact(initial[0]?.resourceName ?? '');
    fake.setEmptyPages(true);
    fake.reset();
    expect(fake.listContacts()).toEqual(initial);
    expect(fake.requestCount()).toBe(0);
  });

  it('serves listing bytes cached per contact until it changes or the store is reseeded', () => {
    const store = new Store(() => Date.UTC(2025, 0, 1));
    store.seed(30, 1, 2);
    const at = (i: number) => {
      const rec = store.records[i];
      if (!rec) throw new Error(`no record ${i}`);
      return rec;
    };
    const names = new Set(['names', 'memberships']);
    const cached = (i: number, mask = names, since?: number) =>
      store.personBytes(at(i), mask, [...mask].sort().join(','), since).toString('utf8');
    const fresh = (i: number, mask = names, since?: number) =>
      JSON.stringify(store.toPerson(at(i), mask, since));
    expect(cached(2)).toBe(fresh(2));
    expect(cached(2)).toBe(fresh(2));
    const every = new Set(PERSON_FIELDS);
    expect(cached(2, every)).toBe(fresh(2, every));
    store.update(at(2).resourceName, { names: [{ displayName: 'Ann Example' }] });
    expect(cached(2)).toContain('Ann Example');
    const old = at(3).resourceName;
    expect(cached(3, names, 0)).toBe(fresh(3, names, 0));
    store.rekey(old);
    expect(cached(3, names, 0)).toBe(fresh(3, names, 0));
    expect(cached(3, names, 0)).toContain(old);
    store.seed(30, 2, 2); // same seqs, other contacts
    expect(cached(0)).toBe(fresh(0));

    const page = listConnections(
      { store, tokens: new TokenCodec(() => 0), epoch: 0, emptyPages: false },
      new URL('http://fake/v1/people/me/connections?personFields=names,memberships&pageSize=7'),
    );
    const text = page.body.toString();
    const body = JSON.parse(text) as { connections: unknown[] };
    expect(JSON.stringify(body)).toBe(text);
    expect(body.connections).toEqual(
      store.records.slice(0, 7).map((r) => store.toPerson(r, names)),
    );
  });
});

describe('tokens', () => {
  it('rejects garbage, tampering and tokens of the other kind; expires by watermark and age', () => {
    let now = 1_000;
    const codec = new TokenCodec(() => now);
    const sync = codec.issueSync('people-sync', 0, 'h', 42);
    const state = codec.decodeSync('people-sync', sync);
    expect(state).toMatchObject({ seq: 42, hash: 'h', epoch: 0 });
    expect(codec.decodeSync('groups-sync', sync)).toBeNull();
    expect(codec.decodeSync('people-sync', 'garbage')).toBeNull();
    expect(codec.decodeSync('people-sync', sync.slice(0, -2) + 'AA')).toBeNull();
    expect(new TokenCodec(() => now).decodeSync('people-sync', sync)).toBeNull();
    if (!state) throw new Error('no state');
    expect(codec.isExpired(state, 0)).toBe(false);
    expect(codec.isExpired(state, 1)).toBe(true);
    now += SYNC_TOKEN_TTL_MS + 1;
    expect(codec.isExpired(state, 0)).toBe(true);
    now = 1_000;
    codec.expireAll();
    expect(codec.isExpired(state, 0)).toBe(true);
    const later = codec.decodeSync('people-sync', codec.issueSync('people-sync', 0, 'h', 50));
    expect(later && codec.isExpired(later, 0)).toBe(false);
  });
});

describe('faults', () => {
  it('honours path, afterRequests and count', () => {
    const faults = new Faults();
    faults.inject({ kind: 'status', path: 'connections', count: 2, afterRequests: 1 });
    faults.inject({ kind: 'reset', path: 'token' });
    expect(faults.take('contactGroups')).toBeUndefined();
    expect(faults.take('connections')).toBeUndefined();
    expect(faults.take('connections')?.kind).toBe('status');
    expect(faults.take('token')?.kind).toBe('reset');
    expect(faults.take('token')).toBeUndefined();
    expect(faults.take('connections')?.kind).toBe('status');
    expect(faults.take('connections')).toBeUndefined();
    faults.inject({ kind: 'delay' });
    expect(faults.take('revoke')?.kind).toBe('delay');
    expect(() => faults.inject({ kind: 'status', status: 200 })).toThrow();
    expect(() => faults.inject({ kind: 'nope' as 'reset' })).toThrow();
  });
});
