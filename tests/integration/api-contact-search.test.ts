/**
 * searchContacts through the handler table over a real SQLite file filled by real syncs of two
 * accounts from the fake Google server: pages, totals, the label and account filters, and the
 * index the list by name walks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMethod } from '../../src/shared/api/contract.js';
import type { ContactPage, ContactSummary } from '../../src/shared/domain.js';
import { Api } from '../../src/main/core/api/api.js';
import { searchSql } from '../../src/main/core/services/contact-search.js';
import type { ConnectResult } from '../../src/main/core/auth/connections.js';
import { systemClock } from '../../src/main/core/clock.js';
import { FakeBrowser } from '../fake-google/oauth-browser.js';
import { Harness } from './harness.js';

let h: Harness;
let api: Api;
let me: number;
let other: number;

async function connectAs(email: string): Promise<number> {
  h.fake.authorization.signInAs(email);
  const result: ConnectResult = await h.connections(new FakeBrowser().open).connect();
  if (result.sync.status !== 'started') throw new Error('expected the first sync to start');
  await result.sync.done;
  return result.account.id;
}

beforeAll(async () => {
  h = await Harness.start({ contacts: 260, seed: 3, email: null });
  h.fake.addUser('b@example.com', { contacts: 40, seed: 11 });
  me = await connectAs('me@example.com');
  other = await connectAs('b@example.com');
  api = new Api({ db: h.db, clock: systemClock, orchestrator: h.orchestrator, reports: h.reports });
});

afterAll(async () => {
  api.dispose();
  await h.close();
});

async function search(request: Record<string, unknown>): Promise<ContactPage> {
  const result = await api.call('searchContacts' satisfies ApiMethod, request);
  if (!result.ok) throw new Error(`searchContacts failed: ${result.error.message}`);
  return result.value as ContactPage;
}

/** Every active contact, in the list's order (name without case, then row), by plain SQL. */
function expectedOrder(where = '1 = 1', ...params: unknown[]): Array<[number, string]> {
  return h.db
    .prepare<unknown[], { account_id: number; resource_name: string }>(
      `SELECT account_id, resource_name FROM contacts
       WHERE deleted_at IS NULL AND ${where}
       ORDER BY display_name COLLATE NOCASE, id`,
    )
    .all(...params)
    .map((r) => [r.account_id, r.resource_name]);
}

const keys = (rows: ContactSummary[]): Array<[number, string]> =>
  rows.map((r) => [r.accountId, r.resourceName]);

describe('searchContacts pages', () => {
  it('pages through every contact of every account by name, with the total on each page', async () => {
    const all = expectedOrder();
    expect(all).toHaveLength(300);
    const rows: ContactSummary[] = [];
    for (let offset = 0; offset < 300; offset += 70) {
      const page = await search({ text: '', limit: 70, offset });
      expect(page).toMatchObject({ total: 300, offset });
      rows.push(...page.contacts);
    }
    expect(keys(rows)).toEqual(all);
    expect(new Set(rows.map((r) => r.accountId))).toEqual(new Set([me, other]));

    // A row knows its account: getContact finds it.
    const last = rows.at(-1)!;
    const detail = await api.call('getContact', {
      accountId: last.accountId,
      resourceName: last.resourceName,
    });
    expect(detail.ok && (detail.value as { displayName: string | null }).displayName).toBe(
      last.displayName,
    );
  });

  it('answers the total for a page past the end, and an empty page', async () => {
    expect(await search({ text: '', limit: 50, offset: 1_000 })).toEqual({
      contacts: [],
      total: 300,
      offset: 1_000,
    });
    expect(await search({ text: 'zzqqxx', limit: 50 })).toEqual({
      contacts: [],
      total: 0,
      offset: 0,
    });
  });

  it('answers each kind of search’s own total for a page past its end', async () => {
    // One statement per kind of search, kept between calls: each must count its own rows.
    const matches = (await search({ text: 'example', limit: 500 })).total;
    expect(matches).toBeGreaterThan(20);
    expect(matches).toBeLessThan(300);
    const past = (request: Record<string, unknown>) =>
      search({ limit: 50, offset: 1_000, ...request }).then((p) => p.total);
    expect(await past({ text: '' })).toBe(300);
    expect(await past({ text: '', accountId: other })).toBe(40);
    expect(await past({ text: 'example' })).toBe(matches);
    expect(await past({ text: '' })).toBe(300);
  });

  it('filters by account, by label, and searches text within them', async () => {
    const page = await search({ text: '', limit: 500, accountId: other });
    expect(page.total).toBe(40);
    expect(keys(page.contacts)).toEqual(expectedOrder('account_id = ?', other));

    const label = h.db
      .prepare<[number], { resource_name: string; n: number }>(
        `SELECT m.group_resource_name AS resource_name, count(*) AS n
         FROM contact_memberships m JOIN contacts c ON c.id = m.contact_id
         WHERE c.account_id = ? AND c.deleted_at IS NULL
           AND m.group_resource_name NOT IN ('contactGroups/myContacts')
         GROUP BY 1 ORDER BY n DESC LIMIT 1`,
      )
      .get(me)!;
    expect(label.n).toBeGreaterThan(5);
    const members = expectedOrder(
      `account_id = ? AND id IN (SELECT contact_id FROM contact_memberships
                                 WHERE group_resource_name = ?)`,
      me,
      label.resource_name,
    );
    const labelled = await search({
      text: '',
      limit: 5,
      offset: 2,
      accountId: me,
      labelResourceName: label.resource_name,
    });
    expect(labelled.total).toBe(label.n);
    expect(keys(labelled.contacts)).toEqual(members.slice(2, 7));

    // Text within a label: a word of a member's name finds it, and only members.
    const member = labelled.contacts[0]!;
    const word = member.displayName!.split(' ')[0]!;
    const found = await search({
      text: word,
      limit: 500,
      accountId: me,
      labelResourceName: label.resource_name,
    });
    expect(keys(found.contacts)).toContainEqual([member.accountId, member.resourceName]);
    expect(found.total).toBe(found.contacts.length);
    const memberKeys = new Set(members.map(([, rn]) => rn));
    expect(found.contacts.every((c) => memberKeys.has(c.resourceName))).toBe(true);
  });

  it('orders text matches by name and pages them with a total', async () => {
    const all = await search({ text: 'example', limit: 500 });
    expect(all.total).toBeGreaterThan(20);
    const names = all.contacts.map((c) => (c.displayName ?? '').toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const second = await search({ text: 'example', limit: 10, offset: 10 });
    expect(second.total).toBe(all.total);
    expect(second.contacts).toEqual(all.contacts.slice(10, 20));
  });

  it('finds a contact by its email address and phone digits, and bounds the text with a typed error', async () => {
    const someone = h.db
      .prepare<[], { resource_name: string; email: string; phone: string }>(
        `SELECT c.resource_name, e.value AS email, p.raw AS phone FROM contacts c
         JOIN contact_emails e ON e.contact_id = c.id JOIN contact_phones p ON p.contact_id = c.id
         WHERE c.deleted_at IS NULL AND length(p.raw) >= 10 ORDER BY c.id LIMIT 1`,
      )
      .get()!;
    for (const text of [someone.email, someone.phone.replace(/\D/g, '').slice(-7)]) {
      const found = await search({ text, limit: 500 });
      expect(found.contacts.map((c) => c.resourceName)).toContain(someone.resource_name);
    }
    for (const text of ['"', '(*)', 'NOT', 'a AND (b OR "c']) {
      expect((await api.call('searchContacts', { text })).ok).toBe(true);
    }
    const tooLong = await api.call('searchContacts', { text: 'a '.repeat(17) });
    expect(tooLong.ok ? 'accepted' : tooLong.error).toEqual({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/up to 16 words and 200 characters/),
    });
  });

  it('refuses a label that is not a contactGroups resource name, and a negative offset', async () => {
    for (const request of [
      { text: '', labelResourceName: "contactGroups/x' OR 1=1" },
      { text: '', labelResourceName: 'people/c1' },
      { text: '', offset: -1 },
      { text: '', offset: 1.5 },
    ]) {
      const result = await api.call('searchContacts', request);
      expect(result.ok ? 'accepted' : result.error.code).toBe('INVALID_ARGUMENT');
    }
  });

  it('walks the name index for a page of the whole list, never sorting every contact', () => {
    // The page is the co-routine "page"; only its own steps matter (the outer query sorts the
    // page's rows, which is cheap).
    const steps = h.db
      .prepare<Record<string, number>, { id: number; parent: number; detail: string }>(
        `EXPLAIN QUERY PLAN ${searchSql([])}`,
      )
      .all({ limit: 100, offset: 1_000 });
    const page = steps.find((s) => s.detail === 'CO-ROUTINE page')!;
    const inPage = steps.filter((s) => s.parent === page.id).map((s) => s.detail);
    expect(inPage).toEqual(['SCAN c USING INDEX contacts_name']);
  });

  it('gives the same answers while a first import has dropped the indexes', async () => {
    const before = await search({ text: 'example', limit: 30, offset: 5 });
    h.db.exec('DROP INDEX contacts_active_by_id; DROP INDEX contacts_name');
    expect(await search({ text: 'example', limit: 30, offset: 5 })).toEqual(before);
    // A page past the end is counted apart, through the table too.
    expect((await search({ text: 'example', offset: 1_000 })).total).toBe(before.total);
    expect(keys((await search({ text: '', limit: 500 })).contacts)).toEqual(expectedOrder());
  });
});
