/**
 * The two controls the engine model (tests/model) needs from the fake: pages capped below
 * pageSize, so changes spread over several pages with few contacts, and sync tokens refused with
 * 400 INVALID_ARGUMENT as Google does once a request's parameters no longer match them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleClients, type GoogleClients } from '../fake-google/clients.js';
import { FakeGoogle } from '../fake-google/server.js';

const PARAMS = {
  resourceName: 'people/me',
  personFields: 'names',
  pageSize: 1000,
  requestSyncToken: true,
};

const fake = new FakeGoogle({ contacts: 25 });
let c: GoogleClients;

beforeAll(async () => {
  await fake.start();
  c = googleClients(fake);
});
afterAll(() => fake.stop());

describe('fake Google controls for the engine model', () => {
  it('caps connections pages at the set size and serves every contact once', async () => {
    fake.setMaxPageSize(10);
    const sizes: number[] = [];
    let pageToken: string | undefined;
    do {
      const res = await c.api.people.connections.list({ ...PARAMS, pageToken }, { retry: false });
      sizes.push(res.data.connections?.length ?? 0);
      pageToken = res.data.nextPageToken ?? undefined;
    } while (pageToken);
    fake.setMaxPageSize(undefined);
    expect(sizes).toEqual([10, 10, 5]);
    const whole = await c.api.people.connections.list(PARAMS, { retry: false });
    expect(whole.data.connections).toHaveLength(25);
  });

  it('refuses sync tokens issued before refuseSyncTokens with 400 INVALID_ARGUMENT', async () => {
    const first = await c.api.people.connections.list(PARAMS, { retry: false });
    const old = first.data.nextSyncToken as string;
    fake.refuseSyncTokens();
    const refused = await c.api.people.connections
      .list({ ...PARAMS, syncToken: old }, { retry: false })
      .then(
        () => null,
        (e: { status?: number; response?: { data: { error: { status: string } } } }) => e,
      );
    expect(refused?.status).toBe(400);
    expect(refused?.response?.data.error.status).toBe('INVALID_ARGUMENT');
    // A token issued afterwards is accepted.
    const fresh = await c.api.people.connections.list(PARAMS, { retry: false });
    const again = await c.api.people.connections.list(
      { ...PARAMS, syncToken: fresh.data.nextSyncToken as string },
      { retry: false },
    );
    expect(again.status).toBe(200);
  });
});
