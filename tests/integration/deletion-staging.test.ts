import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './harness.js';

// DESIGN §5, over listings of several pages: what the guard judges is settled only at the last
// page, from what every page of the listing said (mass-deletion-guard.test.ts has one page).

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const liveNames = (n: number) =>
  h.fake
    .listContacts()
    .slice(0, n)
    .map((p) => p.resourceName as string);
const pendingNames = () => h.pendingDeletions();

describe('an incremental listing of several pages', () => {
  it('forgets a withheld deletion listed again on its first page, though later pages follow', async () => {
    h = await Harness.start({ contacts: 40 });
    await h.sync();
    const deleted = liveNames(30);
    deleted.forEach((name) => h.fake.deleteContact(name));
    await h.sync();
    expect(pendingNames()).toHaveLength(30);

    h.fake.restoreContact(deleted[0]!); // listed first: the oldest change
    for (const name of liveNames(4).filter((n) => n !== deleted[0])) {
      h.fake.updateContact(name, { names: [{ givenName: 'Edited', displayName: 'Edited' }] });
    }
    h.fake.setMaxPageSize(1);
    const run = await h.sync();
    expect(run.pages).toBeGreaterThanOrEqual(1 + 4); // labels, then a page per change
    expect(run.error?.message).toMatch(/^Stopped before deleting 29 of your 40 contacts/);
    expect(pendingNames()).toEqual(deleted.slice(1).sort());
  });

  it('judges deletions against the contacts there were before the run, though earlier pages created some', async () => {
    h = await Harness.start({ contacts: 100 });
    await h.sync();
    h.fake.addContacts(60); // listed first, on pages committed before the tombstones come
    liveNames(51).forEach((name) => h.fake.deleteContact(name));
    h.fake.setMaxPageSize(50);
    const run = await h.sync();
    expect(run.counts).toMatchObject({ created: 60, deleted: 0 });
    expect(run.error?.message).toMatch(/^Stopped before deleting 51 of your 100 contacts/);
    expect(pendingNames()).toHaveLength(51);
  });

  it('counts tombstones of contacts it never had, or had already deleted, as unchanged', async () => {
    h = await Harness.start({ contacts: 40 });
    await h.sync();
    const withheld = liveNames(25);
    withheld.forEach((name) => h.fake.deleteContact(name));
    await h.sync(); // 25 of 40: withheld
    const [briefly] = h.fake.addContacts(1); // created and deleted between two runs
    h.fake.deleteContact(briefly!);
    const rekeyed = h.fake.rekeyContact(liveNames(1)[0]!); // a known contact, re-keyed, then deleted
    h.fake.deleteContact(rekeyed);
    h.fake.setMaxPageSize(1);
    const run = await h.sync();
    // Two tombstones: the re-keyed contact's (matched through its former name) and one for a
    // contact this mirror never had; the withheld 25 are judged again but are no tombstones.
    expect(run.counts).toMatchObject({ fetched: 2, deleted: 0, unchanged: 1 });
    expect(run.error?.message).toMatch(/^Stopped before deleting 26 of your 40 contacts/);
  });
});
