/**
 * The list by first or last name and its A–Z sections, through the handler table over a real
 * SQLite file filled by a real sync from the fake Google server (messy names in every script).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactLetter } from '../../src/shared/api/contract.js';
import type { ContactPage, ContactSummary } from '../../src/shared/domain.js';
import { Api } from '../../src/main/core/api/api.js';
import { lettersSql } from '../../src/main/core/services/contact-letters.js';
import { searchSql } from '../../src/main/core/services/contact-search.js';
import { systemClock } from '../../src/main/core/clock.js';
import { Harness } from './harness.js';

let h: Harness;
let api: Api;

beforeAll(async () => {
  h = await Harness.start({ contacts: 400, seed: 5 });
  await h.sync();
  api = new Api({ db: h.db, clock: systemClock, orchestrator: h.orchestrator, reports: h.reports });
});

afterAll(async () => {
  api.dispose();
  await h.close();
});

async function call<T>(method: 'searchContacts' | 'contactLetters', request: object): Promise<T> {
  const result = await api.call(method, request);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value as T;
}

async function everyRow(request: object): Promise<ContactSummary[]> {
  const rows: ContactSummary[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await call<ContactPage>('searchContacts', { limit: 500, offset, ...request });
    rows.push(...page.contacts);
    if (rows.length >= page.total) return rows;
  }
}

/** SQLite's NOCASE: ASCII capitals folded, everything else compared by its UTF-8 bytes. */
const nocase = (a: string, b: string) =>
  Buffer.compare(
    Buffer.from(a.replace(/[A-Z]/g, (c) => c.toLowerCase())),
    Buffer.from(b.replace(/[A-Z]/g, (c) => c.toLowerCase())),
  );

/** Every active contact family name first, worked out in JS from the Person Google sent. */
function expectedByLastName(): Array<{ resourceName: string; name: string | null }> {
  return h.db
    .prepare<[], { id: number; resource_name: string; display_name: string | null; raw: string }>(
      'SELECT id, resource_name, display_name, raw FROM contacts WHERE deleted_at IS NULL',
    )
    .all()
    .map((row) => {
      const person = JSON.parse(row.raw) as { names?: Array<{ displayNameLastFirst?: string }> };
      const name = person.names?.[0]?.displayNameLastFirst ?? row.display_name;
      return { id: row.id, resourceName: row.resource_name, name };
    })
    .sort((a, b) =>
      a.name === null || b.name === null
        ? Number(b.name === null) - Number(a.name === null) || a.id - b.id
        : nocase(a.name, b.name) || a.id - b.id,
    )
    .map(({ resourceName, name }) => ({ resourceName, name }));
}

describe('the list by last name', () => {
  it('pages every contact family name first, with that name on each row', async () => {
    const rows = await everyRow({ text: '', sort: 'last' });
    expect(rows.map((r) => ({ resourceName: r.resourceName, name: r.sortName }))).toEqual(
      expectedByLastName(),
    );
    expect(rows.some((r) => r.sortName && /^\S+, /.test(r.sortName))).toBe(true);
    // The Chinese name Google writes family first without a comma keeps that form.
    expect(rows.map((r) => r.sortName)).toContain('王小明');
  });

  it('differs from the first-name order, which stays the default', async () => {
    const byFirst = await everyRow({ text: '' });
    const byLast = await everyRow({ text: '', sort: 'last' });
    expect(byFirst.map((r) => r.sortName)).toEqual(byFirst.map((r) => r.displayName));
    expect(new Set(byLast.map((r) => r.resourceName))).toEqual(
      new Set(byFirst.map((r) => r.resourceName)),
    );
    expect(byLast.map((r) => r.resourceName)).not.toEqual(byFirst.map((r) => r.resourceName));
  });

  it('walks its own index for a page, never sorting every contact', () => {
    for (const [shape, index] of [
      [[], 'contacts_last_name'],
      [['account'], 'contacts_account_last_name'],
    ] as const) {
      const steps = h.db
        .prepare<Record<string, number>, { id: number; parent: number; detail: string }>(
          `EXPLAIN QUERY PLAN ${searchSql(shape, { sort: 'last' })}`,
        )
        .all({ limit: 100, offset: 200, account: h.accountId });
      const page = steps.find((s) => s.detail === 'CO-ROUTINE page')!;
      const inPage = steps.filter((s) => s.parent === page.id).map((s) => s.detail);
      expect(inPage.join('; ')).toContain(`USING INDEX ${index}`);
      expect(inPage.join('; ')).not.toContain('TEMP B-TREE');
    }
  });
});

describe('A–Z sections', () => {
  /** Each section starts where its letter starts in the rows the list pages through. */
  async function expectSectionsOf(request: Record<string, unknown>) {
    const rows = await everyRow(request);
    const letters = await call<ContactLetter[]>('contactLetters', request);
    expect(letters.reduce((n, l) => n + l.count, 0)).toBe(rows.length);
    let offset = 0;
    for (const section of letters) {
      expect(section.offset).toBe(offset);
      for (const row of rows.slice(section.offset, section.offset + section.count)) {
        expect(sectionOf(row.sortName ?? null), row.sortName ?? '(none)').toBe(section.letter);
      }
      offset += section.count;
    }
    return letters;
  }

  const sectionOf = (name: string | null) => {
    const first = (name ?? '').charAt(0);
    if (first === '' || first.toLowerCase() < 'a') return '#';
    return first.toLowerCase() <= 'z' ? first.toUpperCase() : '…';
  };

  it('cover every row of the whole list, by first and by last name', async () => {
    const byFirst = await expectSectionsOf({ text: '' });
    const byLast = await expectSectionsOf({ text: '', sort: 'last' });
    expect(byFirst.map((l) => l.letter)).toContain('…');
    expect(byLast).not.toEqual(byFirst);
  });

  it('follow the filters and the search text', async () => {
    const letters = await expectSectionsOf({ text: 'a', sort: 'last' });
    expect(letters.length).toBeGreaterThan(3);
    await expectSectionsOf({ text: '', accountId: h.accountId });
    expect(await call('contactLetters', { text: 'zzqqxx' })).toEqual([]);
  });

  it('count ranges of the name index, never reading every contact', () => {
    for (const sort of ['first', 'last'] as const) {
      const plan = h.db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${lettersSql([], sort)}`)
        .all()
        .map((s) => s.detail);
      const index = sort === 'last' ? 'contacts_last_name' : 'contacts_name';
      const scans = plan.filter((d) => /^(SCAN|SEARCH) c/.test(d));
      expect(scans.length).toBe(29);
      for (const step of scans)
        expect(step).toMatch(new RegExp(`^SEARCH c USING INDEX ${index} \\(`));
    }
  });
});
