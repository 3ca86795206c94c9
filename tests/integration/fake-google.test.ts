/**
 * The fake Google server driven by the REAL client libraries (@googleapis/people and
 * google-auth-library): paging, sync tokens, tombstones, re-keys, expiry and OAuth.
 */
import type { people_v1 } from '@googleapis/people';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { googleClients } from '../fake-google/clients.js';
import type { GoogleClients } from '../fake-google/clients.js';
import { FakeGoogle } from '../fake-google/server.js';

type ListParams = people_v1.Params$Resource$People$Connections$List;
const PARAMS = {
  resourceName: 'people/me',
  personFields: 'names,emailAddresses',
  pageSize: 1000,
  requestSyncToken: true,
} satisfies ListParams;

const fake = new FakeGoogle({ contacts: 2500 });
let c: GoogleClients;

beforeAll(async () => {
  await fake.start();
  c = googleClients(fake);
});
afterAll(() => fake.stop());
afterEach(() => fake.reset());

async function list(params: ListParams): Promise<people_v1.Schema$ListConnectionsResponse> {
  return (await c.api.people.connections.list(params, { retry: false })).data;
}

/** Pages through a listing; returns every page body. */
async function pages(params: ListParams): Promise<people_v1.Schema$ListConnectionsResponse[]> {
  const out: people_v1.Schema$ListConnectionsResponse[] = [];
  let pageToken: string | undefined;
  do {
    const page = await list({ ...params, ...(pageToken ? { pageToken } : {}) });
    out.push(page);
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return out;
}

/** The shape of gaxios' GaxiosError that the tests look at. */
interface GaxiosError extends Error {
  status?: number;
  code?: string;
  response?: { status: number; data: unknown; headers: Headers };
}

/** Awaits a call that must fail with a GaxiosError (gaxios is not a direct dependency). */
async function caught(p: Promise<unknown>): Promise<GaxiosError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).constructor.name).toBe('GaxiosError');
  return err as GaxiosError;
}

const names = (ps: people_v1.Schema$ListConnectionsResponse[]) =>
  ps.flatMap((p) => p.connections ?? []).map((x) => x.resourceName);

describe('full listing', () => {
  it('pages 2500 contacts in pages of 1000 with a sync token only on the last page', async () => {
    const ps = await pages(PARAMS);
    expect(ps.map((p) => p.connections?.length)).toEqual([1000, 1000, 500]);
    expect(ps.map((p) => p.totalPeople)).toEqual([2500, 2500, 2500]);
    expect(ps.map((p) => p.totalItems)).toEqual([2500, 2500, 2500]);
    expect(ps.map((p) => Boolean(p.nextSyncToken))).toEqual([false, false, true]);
    expect(ps.map((p) => Boolean(p.nextPageToken))).toEqual([true, true, false]);
    const listed = names(ps);
    expect(new Set(listed).size).toBe(2500);
    expect(listed).toEqual(fake.listContacts().map((p) => p.resourceName));
    const first = ps[0]?.connections?.[0];
    expect(Object.keys(first ?? {}).sort()).toEqual(
      expect.arrayContaining(['etag', 'metadata', 'resourceName']),
    );
    expect(first?.phoneNumbers).toBeUndefined();
    expect(fake.requestCount('connections')).toBe(3);
    expect(fake.requestCount('token')).toBeLessThanOrEqual(1);
  });

  it('gives no sync token without requestSyncToken', async () => {
    const ps = await pages({ ...PARAMS, requestSyncToken: false });
    expect(ps.every((p) => !p.nextSyncToken)).toBe(true);
  });

  it('inserts empty pages (no connections key) that still carry a nextPageToken', async () => {
    fake.setEmptyPages(true);
    const ps = await pages(PARAMS);
    expect(ps[0]).not.toHaveProperty('connections');
    expect(ps[0]?.nextPageToken).toBeTruthy();
    expect(ps.filter((p) => !p.connections).length).toBe(2);
    expect(names(ps)).toHaveLength(2500);
    expect(ps.at(-1)?.nextSyncToken).toBeTruthy();
  });

  it('rejects a missing personFields, bad pageSize, garbage tokens and mismatched params', async () => {
    const missing = await caught(list({ resourceName: 'people/me' }));
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.response?.data)).toContain('personFields mask is required');
    expect((await caught(list({ ...PARAMS, personFields: 'names,bogus' }))).status).toBe(400);
    expect((await caught(list({ ...PARAMS, pageSize: 1001 }))).status).toBe(400);
    expect((await caught(list({ ...PARAMS, pageToken: 'garbage' }))).status).toBe(400);
    expect((await caught(list({ ...PARAMS, syncToken: 'garbage' }))).status).toBe(400);
    const first = await list(PARAMS);
    const pageToken = first.nextPageToken ?? '';
    for (const changed of [
      { pageSize: 500 },
      { personFields: 'names' },
      { requestSyncToken: false },
    ]) {
      const err = await caught(list({ ...PARAMS, ...changed, pageToken }));
      expect(err.status).toBe(400);
      expect(err.response?.data).toMatchObject({ error: { status: 'INVALID_ARGUMENT' } });
      expect(JSON.stringify(err.response?.data)).toContain('do not match');
    }
    expect((await list({ ...PARAMS, pageToken })).connections).toHaveLength(1000);
  });
});

describe('incremental listing', () => {
  async function syncToken(): Promise<string> {
    const token = (await pages(PARAMS)).at(-1)?.nextSyncToken;
    expect(token).toBeTruthy();
    return token ?? '';
  }

  it('reports updates, creations, tombstones and re-keys, then nothing', async () => {
    const token = await syncToken();
    const [a, b, d] = fake.listContacts().map((p) => p.resourceName ?? '');
    fake.updateContact(a ?? '', { names: [{ givenName: 'Renamed', displayName: 'Renamed' }] });
    fake.deleteContact(b ?? '');
    const rekeyed = fake.rekeyContact(d ?? '');
    const [added] = fake.addContacts(1);
    const ps = await pages({ ...PARAMS, syncToken: token });
    const got = new Map(ps.flatMap((p) => p.connections ?? []).map((x) => [x.resourceName, x]));
    expect([...got.keys()].sort()).toEqual([a, b, rekeyed, added].sort());
    expect(got.get(a)?.names?.[0]?.displayName).toBe('Renamed');
    expect(got.get(b)).toEqual({
      resourceName: b,
      etag: expect.any(String),
      metadata: { deleted: true, objectType: 'PERSON', sources: expect.any(Array) },
    });
    expect(got.get(rekeyed)?.metadata?.previousResourceNames).toEqual([d]);
    expect(ps.at(-1)?.totalPeople).toBe(4);
    const next = ps.at(-1)?.nextSyncToken ?? '';
    const empty = await list({ ...PARAMS, syncToken: next });
    expect(empty).toEqual({ nextSyncToken: expect.any(String), totalPeople: 0, totalItems: 0 });
  });

  it('captures the seq of the first page, so edits made while paging show up next time', async () => {
    const first = await list(PARAMS);
    const seen = first.connections?.[5]?.resourceName ?? '';
    fake.updateContact(seen, { nicknames: [{ value: 'Edited mid-listing' }] });
    const rest = await pages({ ...PARAMS, pageToken: first.nextPageToken ?? '' });
    const inc = await list({ ...PARAMS, syncToken: rest.at(-1)?.nextSyncToken ?? '' });
    expect(inc.connections?.map((p) => p.resourceName)).toEqual([seen]);
  });

  it('answers an expired sync token with FAILED_PRECONDITION / EXPIRED_SYNC_TOKEN', async () => {
    const token = await syncToken();
    fake.expireSyncTokens();
    const err = await caught(list({ ...PARAMS, syncToken: token }));
    expect(err.status).toBe(400);
    expect(err.response?.data).toEqual({
      error: {
        code: 400,
        message: 'Sync token is expired. Clear local cache and retry call without the sync token.',
        status: 'FAILED_PRECONDITION',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'EXPIRED_SYNC_TOKEN',
            domain: 'people.googleapis.com',
            metadata: {
              service: 'people.googleapis.com',
              method: 'google.internal.people.v2.minimal.ListPeopleService.ListPeople',
            },
          },
        ],
      },
    });
  });

  it('expires sync tokens after seven days and on re-seed', async () => {
    let token = await syncToken();
    fake.advanceClock(6 * 86_400_000);
    expect((await list({ ...PARAMS, syncToken: token })).totalPeople).toBe(0);
    fake.advanceClock(2 * 86_400_000);
    expect((await caught(list({ ...PARAMS, syncToken: token }))).status).toBe(400);
    token = await syncToken();
    fake.seed(10);
    const err = await caught(list({ ...PARAMS, syncToken: token }));
    expect(JSON.stringify(err.response?.data)).toContain('EXPIRED_SYNC_TOKEN');
  });
});

describe('refused tokens', () => {
  it('refuses sync and page tokens issued before refuseTokens: 400 INVALID_ARGUMENT, or 404', async () => {
    const first = await list(PARAMS);
    const pageToken = first.nextPageToken ?? '';
    const syncToken = (await pages(PARAMS)).at(-1)?.nextSyncToken ?? '';
    fake.refuseTokens();
    for (const token of [{ pageToken }, { syncToken }]) {
      const err = await caught(list({ ...PARAMS, ...token }));
      expect(err.response?.data).toMatchObject({
        error: { code: 400, status: 'INVALID_ARGUMENT', message: expect.stringMatching(/match/) },
      });
    }
    // Tokens issued afterwards are accepted; a listing started afresh goes through.
    const fresh = await pages(PARAMS);
    expect(names(fresh)).toHaveLength(2500);
    fake.refuseTokens(404);
    const err = await caught(list({ ...PARAMS, syncToken: fresh.at(-1)?.nextSyncToken ?? '' }));
    expect(err.response?.data).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });

  it('accepts a page token for an hour, then answers that it has expired', async () => {
    const first = await list(PARAMS);
    const pageToken = first.nextPageToken ?? '';
    fake.advanceClock(59 * 60_000);
    expect((await list({ ...PARAMS, pageToken })).connections).toHaveLength(1000);
    fake.advanceClock(2 * 60_000);
    const err = await caught(list({ ...PARAMS, pageToken }));
    expect(err.response?.data).toMatchObject({
      error: { code: 400, status: 'INVALID_ARGUMENT', message: 'Page token has expired.' },
    });
  });
});

describe('contact groups', () => {
  it('lists system and user groups with correct member counts, then changes', async () => {
    const res = await c.api.contactGroups.list({}, { retry: false });
    const groups = res.data.contactGroups ?? [];
    expect(groups).toHaveLength(8);
    expect(res.data.totalItems).toBe(8);
    expect(res.data.nextSyncToken).toBeTruthy();
    const contacts = fake.listContacts();
    for (const g of groups) {
      const members = contacts.filter((p) =>
        p.memberships?.some(
          (m) => m.contactGroupMembership?.contactGroupResourceName === g.resourceName,
        ),
      );
      expect(g.memberCount, g.name ?? '').toBe(members.length);
    }
    const [, , family, work] = groups;
    fake.renameGroup(family?.resourceName ?? '', 'Famiglia');
    fake.deleteGroup(work?.resourceName ?? '');
    const syncToken = res.data.nextSyncToken ?? '';
    const inc = (await c.api.contactGroups.list({ syncToken }, { retry: false })).data;
    const changed = new Map(inc.contactGroups?.map((g) => [g.resourceName, g]));
    expect(changed.size).toBe(2);
    expect(changed.get(family?.resourceName)?.name).toBe('Famiglia');
    expect(changed.get(work?.resourceName)?.metadata?.deleted).toBe(true);
    const paged = (await c.api.contactGroups.list({ pageSize: 3 }, { retry: false })).data;
    expect(paged.contactGroups).toHaveLength(3);
    expect(paged.nextPageToken).toBeTruthy();
  });
});

describe('oauth', () => {
  it('answers 401 for expired access tokens; a client that refreshes on failure recovers', async () => {
    const forcing = googleClients(fake, fake.refreshToken, { forceRefreshOnFailure: true });
    await forcing.api.people.connections.list({ ...PARAMS, pageSize: 1 }, { retry: false });
    await list({ ...PARAMS, pageSize: 1 });
    fake.expireAccessTokens();
    const err = await caught(list({ ...PARAMS, pageSize: 1 }));
    expect(err.status).toBe(401);
    expect(JSON.stringify(err.response?.data)).toContain('ACCESS_TOKEN_EXPIRED');
    const before = fake.requestCount('token');
    await forcing.api.people.connections.list({ ...PARAMS, pageSize: 1 }, { retry: false });
    expect(fake.requestCount('token')).toBe(before + 1);
    c = googleClients(fake);
  });

  it('fails the token request with invalid_grant once the refresh token is revoked', async () => {
    const token = fake.issueRefreshToken();
    const other = googleClients(fake, token);
    await other.api.people.connections.list({ ...PARAMS, pageSize: 1 }, { retry: false });
    await other.auth.revokeToken(token);
    const fresh = googleClients(fake, token);
    const err = await caught(fresh.api.people.connections.list(PARAMS, { retry: false }));
    expect(err.status).toBe(400);
    expect(err.response?.data).toEqual({
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });
    // The revoked grant's access token is dead too.
    const stale = await caught(other.api.people.connections.list(PARAMS, { retry: false }));
    expect(stale.status).toBe(401);
  });

  it('rejects unauthenticated API calls and unknown clients', async () => {
    const res = await fetch(`${fake.url}/v1/people/me/connections?personFields=names`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: fake.refreshToken,
      client_id: 'someone-else',
      client_secret: 'x',
    });
    const bad = await fetch(`${fake.url}/token`, { method: 'POST', body });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({
      error: 'invalid_client',
      error_description: 'The OAuth client was not found.',
    });
  });
});
