/**
 * Issue 17 item 5: a full listing interrupted at page k continues from its stored page token in
 * the next run while Google still accepts it, and starts over (once, in the same run) when not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Page 6 of the contacts and each of its retries fail (the harness retries 3 times). */
const failPageSix = () =>
  h.fake.injectFault({
    path: 'connections',
    kind: 'status',
    status: 503,
    count: 4,
    afterRequests: 5,
  });

const count = (sql: string): number =>
  (h.db.prepare<[], { n: number }>(sql).get() as { n: number }).n;

describe('an interrupted full listing', () => {
  it('first import of 10,000, failed at page 6: the next run fetches only pages 6–10, and search is complete', async () => {
    h = await Harness.start({ contacts: 10_000 });
    failPageSix();
    const failed = await h.sync();
    expect(failed).toMatchObject({ status: 'failed', counts: { created: 5_000 } });
    h.fake.clearFaults();
    h.fake.resetCounts();

    const resumed = await h.sync();
    expect(resumed).toMatchObject({ status: 'success', kind: 'full', counts: { created: 5_000 } });
    expect(h.fake.requestCount('connections')).toBe(5);
    expect(h.localState()).toEqual(h.serverState());
    // The first import's bulk mode finished across the two runs: every contact is searchable.
    expect(count('SELECT count(*) AS n FROM contacts_fts')).toBe(10_000);
    expect(count('SELECT count(*) AS n FROM contacts_fts_pending')).toBe(0);
    expect(count('SELECT count(*) AS n FROM deferred_indexes')).toBe(0);
    expect((await h.sync()).kind).toBe('incremental');
  });

  it('over an existing mirror: the resumed sweep removes only what the whole listing did not see', async () => {
    h = await Harness.start({ contacts: 7_000 });
    await h.sync();
    failPageSix();
    expect((await h.sync({ forceFull: true })).status).toBe('failed');
    h.fake.clearFaults();
    // Meanwhile in Google: one contact of a page still to come is deleted.
    const gone = h.fake.listContacts()[6_500]!.resourceName!;
    h.fake.deleteContact(gone);
    h.fake.resetCounts();

    const resumed = await h.sync();
    expect(resumed).toMatchObject({ status: 'success', kind: 'full', counts: { deleted: 1 } });
    expect(h.fake.requestCount('connections')).toBe(2);
    expect(h.localState()).toEqual(h.serverState());
  });

  it('resumed after Google stopped accepting the page token: one fresh listing in the same run', async () => {
    h = await Harness.start({ contacts: 3_000 });
    h.fake.injectFault({
      path: 'connections',
      kind: 'status',
      status: 503,
      count: 4,
      afterRequests: 1,
    });
    expect((await h.sync()).status).toBe('failed');
    h.fake.clearFaults();
    h.fake.advanceClock(2 * 3_600_000); // page tokens live an hour on the fake
    h.fake.resetCounts();

    const run = await h.sync();
    expect(run).toMatchObject({ status: 'success', kind: 'full_after_rejected_token' });
    expect(h.fake.requestCount('connections')).toBe(1 + 3);
    expect(h.localState()).toEqual(h.serverState());
    expect(count('SELECT count(*) AS n FROM contacts_fts')).toBe(3_000);
  });
});
