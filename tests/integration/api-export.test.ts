/**
 * Export and deleted contacts through the API (issue 12 items 2 and 3): the scopes the dialog
 * offers, progress events, and the deleted list with the run that deleted each contact, over a
 * real database synced from the fake Google server.
 */
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api } from '../../src/main/core/api/api.js';
import { systemClock } from '../../src/main/core/clock.js';
import { FileContactsExporter } from '../../src/main/core/export/exporter.js';
import type {
  ApiEvent,
  ApiMethod,
  ContactDetail,
  DeletedContactPage,
  ExportResult,
} from '../../src/shared/api/contract.js';
import type { ContactPage } from '../../src/shared/domain.js';
import { Harness } from './harness.js';

let h: Harness;
let api: Api;
let events: ApiEvent[];
let files: number;

beforeEach(async () => {
  h = await Harness.start({ contacts: 2500 });
  files = 0;
  const exporter = new FileContactsExporter(h.db, async (name) =>
    path.join(h.dir, `${files++}-${name}`),
  );
  api = new Api({
    db: h.db,
    clock: systemClock,
    orchestrator: h.orchestrator,
    reports: h.reports,
    exporter,
  });
  events = [];
  api.subscribe((event) => events.push(event));
  await h.sync();
});

afterEach(async () => {
  api.dispose();
  await h.close();
});

async function value<T>(method: ApiMethod, payload: unknown = {}): Promise<T> {
  const result = await api.call(method, payload);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** The cards of a vCard file, as ical.js reads them. */
function cards(file: string): ICAL.Component[] {
  const parsed = ICAL.parse(fs.readFileSync(file, 'utf8')) as unknown[];
  const list = typeof parsed[0] === 'string' ? [parsed] : parsed;
  return list.map((c) => new ICAL.Component(c as unknown[]));
}

describe('exportContacts', () => {
  it('exports the current search and label exactly as the list finds them', async () => {
    const label = h.db
      .prepare<[], { resource_name: string }>(
        `SELECT group_resource_name AS resource_name FROM contact_memberships
         WHERE group_resource_name != 'contactGroups/myContacts'
         GROUP BY group_resource_name ORDER BY count(*) DESC LIMIT 1`,
      )
      .get()!.resource_name;
    const scope = { accountId: h.accountId, labelResourceName: label };
    const listed = await value<ContactPage>('searchContacts', { text: '', ...scope, limit: 500 });
    const labelled = await value<ExportResult>('exportContacts', { format: 'vcard4', ...scope });
    expect(labelled.count).toBe(listed.total);
    expect(cards(labelled.file!)).toHaveLength(listed.total);

    const found = await value<ContactPage>('searchContacts', { text: 'a', limit: 500 });
    expect(found.total).toBeGreaterThan(0);
    expect(found.total).toBeLessThan(2500);
    const searched = await value<ExportResult>('exportContacts', { format: 'vcard', text: 'a' });
    expect(searched.count).toBe(found.total);
    const uids = cards(searched.file!).map((c) => c.getFirstPropertyValue('uid'));
    expect(uids.slice(0, found.contacts.length)).toEqual(found.contacts.map((c) => c.resourceName));
  });

  it('reports progress as it writes, ending at the total', async () => {
    const result = await value<ExportResult>('exportContacts', { format: 'csv' });
    expect(result.count).toBe(2500);
    const progress = events.flatMap((e) => (e.name === 'exportProgress' ? [e.payload] : []));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual({ format: 'csv', done: 2500, total: 2500 });
    const done = progress.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('runs one export at a time and says so to a second', async () => {
    const [first, second] = await Promise.all([
      api.call('exportContacts', { format: 'vcard' }),
      api.call('exportContacts', { format: 'csv' }),
    ]);
    expect(first).toMatchObject({ ok: true, value: { count: 2500 } });
    expect(second).toEqual({
      ok: false,
      error: {
        code: 'EXPORT_RUNNING',
        message: 'An export is already running. Wait for it to finish.',
      },
    });
    expect(await api.call('exportContacts', { format: 'csv' })).toMatchObject({ ok: true });
  });

  it('refuses selected contacts combined with a search', async () => {
    const result = await api.call('exportContacts', {
      format: 'vcard',
      text: 'a',
      contacts: [{ accountId: h.accountId, resourceName: 'people/c1' }],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});

describe('deleted contacts', () => {
  it('lists contacts deleted in Google with the run, keeps them out of search, and exports a selection', async () => {
    const victims = h.fake.listContacts().slice(10, 13);
    for (const person of victims) h.fake.deleteContact(person.resourceName!);
    const run = await h.sync();

    const page = await value<DeletedContactPage>('listDeletedContacts');
    expect(page.total).toBe(3);
    expect(new Set(page.contacts.map((c) => c.resourceName))).toEqual(
      new Set(victims.map((p) => p.resourceName)),
    );
    for (const c of page.contacts) {
      expect(c.runId).toBe(run.runId);
      expect(Date.parse(c.deletedAt)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
    }

    for (const c of page.contacts) {
      const detail = await value<ContactDetail>('getContact', {
        accountId: c.accountId,
        resourceName: c.resourceName,
      });
      expect(detail.deletedAt).toBe(c.deletedAt);
      // By name, by email: never in the normal results.
      for (const text of [detail.displayName, detail.emails[0]?.value].filter(Boolean)) {
        const found = await value<ContactPage>('searchContacts', { text, limit: 500 });
        expect(found.contacts.map((f) => f.resourceName)).not.toContain(c.resourceName);
      }
    }
    const everything = await value<ContactPage>('searchContacts', { text: '', limit: 1 });
    expect(everything.total).toBe(2497);

    const selection = page.contacts.slice(0, 2).map(({ accountId, resourceName }) => ({
      accountId,
      resourceName,
    }));
    const exported = await value<ExportResult>('exportContacts', {
      format: 'vcard',
      contacts: selection,
    });
    expect(exported.count).toBe(2);
    const written = cards(exported.file!);
    expect(written.map((c) => c.getFirstPropertyValue('version'))).toEqual(['3.0', '3.0']);
    expect(new Set(written.map((c) => c.getFirstPropertyValue('uid')))).toEqual(
      new Set(selection.map((s) => s.resourceName)),
    );
  });
});
