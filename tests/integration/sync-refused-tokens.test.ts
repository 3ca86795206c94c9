/**
 * Issue 17 item 3: a sync or page token Google refuses (400 INVALID_ARGUMENT or 404, as when the
 * request's parameters no longer match the token's) heals with one full listing in the same run,
 * and a deliberate change of parameters starts a full listing without asking Google first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PERSON_FIELDS } from '../../src/main/core/google/person.js';
import type { PeopleSourceOptions } from '../../src/main/core/google/people-source.js';
import { localState, serverState, syncCalendars } from './calendar-support.js';
import { Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('a refused token', () => {
  it.each([400, 404] as const)(
    'answered %i to the stored sync token: one full listing in the same run, then incremental again',
    async (status) => {
      h = await Harness.start({ contacts: 1_500 });
      await h.sync();
      const gone = h.fake.listContacts()[7]!.resourceName!;
      h.fake.deleteContact(gone);
      h.fake.refuseTokens(status);
      h.fake.resetCounts();

      const run = await h.sync();
      expect(run).toMatchObject({ status: 'success', kind: 'full_after_rejected_token' });
      // Labels and contacts: each refused once, then listed in full (contacts in 2 pages).
      expect(h.fake.requestCount('contactGroups')).toBe(2);
      expect(h.fake.requestCount('connections')).toBe(3);
      expect(run.counts.deleted).toBe(1);
      expect(h.localState()).toEqual(h.serverState());

      const next = await h.sync();
      expect(next).toMatchObject({ status: 'success', kind: 'incremental', apiCalls: 2 });
    },
  );

  it('refused again within the same run fails plainly, without a loop; the next run heals', async () => {
    h = await Harness.start({ contacts: 1_500 });
    await h.sync();
    h.fake.resetCounts();
    // The incremental request, then the fresh listing's second page (the first has no token).
    h.fake.injectFault({ path: 'connections', kind: 'status', status: 400 });
    h.fake.injectFault({ path: 'connections', kind: 'status', status: 400, afterRequests: 2 });

    const run = await h.sync();
    expect(run).toMatchObject({ status: 'failed', kind: 'full_after_rejected_token' });
    expect(run.error?.code).toBe('REJECTED_SYNC_TOKEN');
    expect(run.error?.message).toMatch(/even after starting the listing over/);
    expect(h.fake.requestCount('connections')).toBe(3);

    const next = await h.sync();
    expect(next.status).toBe('success');
    expect(h.localState()).toEqual(h.serverState());
  });

  it('does not send a refused token again when the fresh listing after it failed', async () => {
    h = await Harness.start({ contacts: 50 });
    await h.sync();
    h.fake.refuseTokens();
    // The refused incremental request goes through; the fresh listing's page fails every retry.
    h.fake.injectFault({
      path: 'connections',
      kind: 'status',
      status: 500,
      count: 4,
      afterRequests: 1,
    });
    const failed = await h.sync();
    expect(failed).toMatchObject({ status: 'failed', kind: 'full_after_rejected_token' });
    const next = await h.sync();
    expect(next).toMatchObject({ status: 'success', kind: 'full' });
    expect(h.localState()).toEqual(h.serverState());
  });

  it('a 400 to a request that carried no token is an ordinary error, not a reason to start over', async () => {
    h = await Harness.start({ contacts: 10 });
    h.fake.injectFault({ path: 'connections', kind: 'status', status: 400 });
    const run = await h.sync();
    expect(run).toMatchObject({ status: 'failed', kind: 'full', error: { code: 'BAD_REQUEST' } });
    expect(h.fake.requestCount('connections')).toBe(1);
  });

  it('heals a calendar listing the same way', async () => {
    h = await Harness.start();
    const primary = 'me@example.com';
    h.fake.calendar.seedEvents(primary, 300);
    await syncCalendars(h);
    h.fake.refuseTokens();
    const run = await syncCalendars(h);
    expect(run).toMatchObject({ status: 'success', kind: 'full_after_rejected_token' });
    expect(localState(h, primary)).toEqual(serverState(h, primary));
    expect((await syncCalendars(h)).kind).toBe('incremental');
  });
});

describe('token fingerprints', () => {
  it('a changed field list starts a full listing by design: Google never answers 400', async () => {
    const peopleSource: PeopleSourceOptions = {};
    h = await Harness.start({ contacts: 50, peopleSource });
    expect((await h.sync()).kind).toBe('full');
    expect((await h.sync()).kind).toBe('incremental');

    // An upgrade that asks for one field less: the stored token belongs to the old list.
    peopleSource.personFields = PERSON_FIELDS.replace(/(^|,)nicknames/, '');
    h.fake.resetCounts();
    const labels = h.syncState.get(h.accountId, 'contact_groups');
    const run = await h.sync();
    expect(run).toMatchObject({ status: 'success', kind: 'full' });
    // The labels' own parameters did not change: their listing stayed incremental.
    expect(h.syncState.get(h.accountId, 'contact_groups')).toMatchObject({
      generation: labels.generation,
      lastFullSyncAt: labels.lastFullSyncAt,
    });
    // No refused request: one labels call (its parameters did not change) and one full page.
    expect(run.apiCalls).toBe(2);
    expect(h.fake.requestCount('connections')).toBe(1);
    expect((await h.sync()).kind).toBe('incremental');
  });
});
