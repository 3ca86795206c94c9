/** Deterministic, messy data of the fake Google server, and its speed at 100k contacts. */
import { describe, expect, it } from 'vitest';
import {
  HUGE_NOTES_BYTES,
  MANY_PHONES,
  MESSY,
  MESSY_MAX_INDEX,
  contactResourceName,
  generateFields,
  messyResourceName,
} from '../fake-google/data.js';
import type { MessyKind } from '../fake-google/data.js';
import { FakeGoogle } from '../fake-google/server.js';
import type { Person } from '../fake-google/server.js';

describe('generated data', () => {
  it('is identical for the same seed and different for another', () => {
    const a = new FakeGoogle({ contacts: 300, seed: 7 }).listContacts();
    const b = new FakeGoogle({ contacts: 300, seed: 7 }).listContacts();
    const other = new FakeGoogle({ contacts: 300, seed: 8 }).listContacts();
    expect(a).toHaveLength(300);
    expect(b).toEqual(a);
    expect(other.map((p) => p.names)).not.toEqual(a.map((p) => p.names));
    expect(generateFields(1234, 7)).toEqual(generateFields(1234, 7));
  });

  it('gives unique 10-digit resource names and exactly N active contacts', () => {
    const fake = new FakeGoogle({ contacts: 5000 });
    const names = fake.listContacts().map((p) => p.resourceName ?? '');
    expect(fake.activeCount()).toBe(5000);
    expect(new Set(names).size).toBe(5000);
    for (const n of names) expect(n).toMatch(/^people\/c\d{10}$/);
    expect(names[MESSY.cjk]).toBe(contactResourceName(MESSY.cjk));
  });

  it('is realistic: most contacts have names, emails and phones, all are in myContacts', () => {
    const people = new FakeGoogle({ contacts: 2000 }).listContacts();
    const share = (f: (p: Person) => unknown) => people.filter(f).length / people.length;
    expect(share((p) => p.names?.[0]?.displayName)).toBeGreaterThan(0.9);
    expect(share((p) => p.emailAddresses?.length)).toBeGreaterThan(0.6);
    expect(share((p) => p.phoneNumbers?.length)).toBeGreaterThan(0.6);
    expect(share((p) => p.organizations?.length)).toBeGreaterThan(0.2);
    expect(share((p) => p.memberships && p.memberships.length > 1)).toBeGreaterThan(0.4);
    for (const p of people) {
      expect(p.memberships?.[0]?.contactGroupMembership?.contactGroupResourceName).toBe(
        'contactGroups/myContacts',
      );
    }
  });

  it('places the messy contacts at their documented indices', () => {
    const fake = new FakeGoogle({ contacts: MESSY_MAX_INDEX + 1 });
    const get = (kind: MessyKind): Person => {
      const p = fake.getContact(messyResourceName(kind));
      expect(p, kind).toBeDefined();
      return p ?? {};
    };
    const display = (kind: MessyKind) => get(kind).names?.[0]?.displayName ?? '';
    expect(display('accents')).toMatch(/[À-ž]/);
    expect(display('cjk')).toMatch(/\p{Script=Han}/u);
    expect(display('japanese')).toMatch(/\p{Script=Han}/u);
    expect(display('cyrillic')).toMatch(/\p{Script=Cyrillic}/u);
    expect(display('rtlArabic')).toMatch(/\p{Script=Arabic}/u);
    expect(display('rtlHebrew')).toMatch(/\p{Script=Hebrew}/u);
    expect(display('emoji')).toMatch(/\p{Extended_Pictographic}/u);
    expect(display('decomposedUnicode')).not.toBe(display('decomposedUnicode').normalize('NFC'));
    expect(display('duplicateNameA')).toBe(display('duplicateNameB'));
    expect(get('noName').names).toBeUndefined();
    expect(get('noName').emailAddresses).toHaveLength(1);
    const phoneOnly = get('phoneOnly');
    expect(phoneOnly.names).toBeUndefined();
    expect(phoneOnly.emailAddresses).toBeUndefined();
    expect(phoneOnly.phoneNumbers).toHaveLength(1);
    expect(get('manyPhones').phoneNumbers).toHaveLength(MANY_PHONES);
    const notes = get('hugeNotes').biographies?.[0]?.value ?? '';
    expect(Buffer.byteLength(notes)).toBeGreaterThanOrEqual(HUGE_NOTES_BYTES);
    const odd = get('oddPhones').phoneNumbers?.map((p) => p.value);
    expect(odd).toEqual(expect.arrayContaining(['(555) 010-2030', '+44 20 7946 0018', 'call me']));
    expect(odd).toEqual(expect.arrayContaining(['0049 30 1234567', '555-0123 ext. 12']));
    expect(get('multiLineAddress').addresses?.[0]?.streetAddress).toContain('\n');
    expect(get('birthdayNoYear').birthdays?.[0]?.date).toEqual({ month: 2, day: 29 });
    expect(get('birthdayWithYear').birthdays?.[0]?.date?.year).toBe(1985);
    expect(get('birthdayText').birthdays?.[0]).toEqual({
      metadata: expect.any(Object),
      text: 'sometime in spring',
    });
  });

  // How fast the fake seeds and serves is measured by `npm run bench` (bench/), not asserted here.
  it('seeds 100,000 contacts and serves them in pages of 1000 distinct people', async () => {
    const fake = new FakeGoogle({ contacts: 100_000 });
    expect(fake.activeCount()).toBe(100_000);
    const url = await fake.start();
    try {
      const body = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: fake.refreshToken,
        client_id: fake.clientId,
        client_secret: fake.clientSecret,
      });
      const token = (await await fetch(`${url}/token`, { method: 'POST', body }).then((r) =>
        r.json(),
      )) as { access_token: string };
      const headers = { authorization: `Bearer ${token.access_token}` };
      let pageToken = '';
      const seen = new Set<string>();
      for (let i = 0; i < 6; i++) {
        const q = `personFields=names,emailAddresses,phoneNumbers&pageSize=1000&pageToken=${pageToken}`;
        const res = await fetch(`${url}/v1/people/me/connections?${q}`, { headers });
        const page = (await res.json()) as {
          connections: { resourceName: string }[];
          nextPageToken: string;
        };
        expect(page.connections).toHaveLength(1000);
        for (const person of page.connections) seen.add(person.resourceName);
        expect(page.nextPageToken).toBeTruthy();
        pageToken = page.nextPageToken;
      }
      expect(seen.size).toBe(6000);
    } finally {
      await fake.stop();
    }
  });
});
