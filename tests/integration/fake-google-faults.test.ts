/**
 * Fault injection observed through the real client libraries, request counting, the HTTP
 * control API and the CLI entry point of the fake Google server.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { googleClients } from '../fake-google/clients.js';
import type { GoogleClients } from '../fake-google/clients.js';
import { FakeGoogle } from '../fake-google/server.js';
import type { Person } from '../fake-google/server.js';

const PARAMS = {
  resourceName: 'people/me',
  personFields: 'names,emailAddresses',
  pageSize: 100,
  requestSyncToken: true,
};

const fake = new FakeGoogle({ contacts: 250 });
let c: GoogleClients;

beforeAll(async () => {
  await fake.start();
  c = googleClients(fake);
  await c.auth.getAccessToken();
});
afterAll(() => fake.stop());
afterEach(() => {
  fake.clearFaults();
  fake.resetCounts();
});

const list = () => c.api.people.connections.list(PARAMS, { retry: false });

interface ClientError extends Error {
  status?: number;
  code?: string;
  response?: { status: number; data: unknown; headers: Headers };
}

async function failure(p: Promise<unknown>): Promise<ClientError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as ClientError;
}

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${fake.url}/__control/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  const data: unknown = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(data)}`);
  return data;
}

describe('faults seen by the real client', () => {
  it('500 with Retry-After', async () => {
    fake.injectFault({ path: 'connections', kind: 'status', status: 500, retryAfterSeconds: 7 });
    const err = await failure(list());
    expect(err.status).toBe(500);
    expect(err.response?.headers.get('retry-after')).toBe('7');
    expect(err.response?.data).toMatchObject({ error: { code: 500, status: 'INTERNAL' } });
    expect((await list()).data.connections).toHaveLength(100);
  });

  it('429 RESOURCE_EXHAUSTED and 403 rateLimitExceeded', async () => {
    fake.injectFault({ kind: 'status', status: 429 });
    const tooMany = await failure(list());
    expect(tooMany.status).toBe(429);
    expect(tooMany.response?.data).toMatchObject({ error: { status: 'RESOURCE_EXHAUSTED' } });
    fake.injectFault({ kind: 'status', status: 403 });
    const limited = await failure(list());
    expect(limited.status).toBe(403);
    expect(limited.response?.data).toMatchObject({
      error: { status: 'PERMISSION_DENIED', errors: [{ reason: 'rateLimitExceeded' }] },
    });
  });

  it('connection reset, truncated body and malformed JSON', async () => {
    fake.injectFault({ path: 'connections', kind: 'reset' });
    const reset = await failure(list());
    expect(reset.response).toBeUndefined();
    expect(reset.code).toBe('ECONNRESET');
    fake.injectFault({ path: 'connections', kind: 'truncate' });
    const truncated = await failure(list());
    expect(truncated.message).toMatch(/Invalid response body|aborted|terminated/);
    fake.injectFault({ path: 'connections', kind: 'malformed' });
    const malformed = await list();
    expect(malformed.status).toBe(200);
    expect(typeof malformed.data).toBe('string');
    expect((await list()).data.connections).toHaveLength(100);
    expect(fake.requestCount('connections')).toBe(4);
  });

  it('delays, afterRequests and count', async () => {
    fake.injectFault({ path: 'connections', kind: 'delay', delayMs: 200 });
    const start = Date.now();
    await list();
    expect(Date.now() - start).toBeGreaterThanOrEqual(190);
    fake.injectFault({
      path: 'connections',
      kind: 'status',
      status: 503,
      count: 2,
      afterRequests: 1,
    });
    await list();
    expect((await failure(list())).status).toBe(503);
    expect((await failure(list())).status).toBe(503);
    await list();
    expect(fake.requestCount('connections')).toBe(5);
  });

  it('token endpoint faults fail the refresh', async () => {
    const other = googleClients(fake);
    fake.injectFault({
      path: 'token',
      kind: 'status',
      status: 400,
      body: { error: 'invalid_grant' },
    });
    const err = await failure(other.auth.getAccessToken());
    expect(err.status).toBe(400);
    expect(fake.requestCount('token')).toBe(1);
    expect(fake.requestCount('connections')).toBe(0);
  });
});

describe('HTTP control API', () => {
  it('seeds, edits, counts and resets over HTTP', async () => {
    expect(await control('POST', 'seed', { count: 30, seed: 9 })).toEqual({ activeContacts: 30 });
    const people = (await control('GET', 'contacts')) as Person[];
    expect(people).toHaveLength(30);
    const [a, b] = people.map((p) => p.resourceName);
    await control('POST', 'contacts/update', {
      resourceName: a,
      patch: { names: [{ displayName: 'Via HTTP', givenName: 'Via' }] },
    });
    expect(fake.getContact(a ?? '')?.names?.[0]?.displayName).toBe('Via HTTP');
    await control('POST', 'contacts/delete', { resourceName: b });
    const { resourceName } = (await control('POST', 'contacts/rekey', { resourceName: a })) as {
      resourceName: string;
    };
    expect(fake.getContact(resourceName)?.names?.[0]?.displayName).toBe('Via HTTP');
    const added = (await control('POST', 'contacts/add', { count: 3 })) as { resourceNames: [] };
    expect(added.resourceNames).toHaveLength(3);
    await control('POST', 'faults', { path: 'connections', kind: 'status', status: 503 });
    expect((await failure(list())).status).toBe(503);
    await control('POST', 'faults', { kind: 'status', status: 503 });
    await control('DELETE', 'faults');
    expect((await list()).data.totalPeople).toBe(32);
    await fetch(`${fake.url}/no/such/path`);
    expect(await control('GET', 'stats')).toEqual({
      requests: { connections: 2, contactGroups: 0, token: 0, revoke: 0, total: 3 },
      activeContacts: 32,
    });
    await control('POST', 'reset-counts');
    expect(fake.requestCount()).toBe(0);
    await control('POST', 'expire-sync-tokens');
    await expect(control('POST', 'contacts/delete', { resourceName: b })).rejects.toThrow(/404/);
    await expect(control('POST', 'faults', { kind: 'explode' })).rejects.toThrow(/400/);
    await control('POST', 'reset');
    expect(fake.activeCount()).toBe(250);
  });
});

describe('CLI', () => {
  it('prints the URL and refresh token, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/fake-google/main.ts', '--contacts', '40', '--port', '0'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines: string[] = [];
    for await (const line of createInterface({ input: child.stdout })) {
      lines.push(line);
      if (lines.length === 2) break;
    }
    expect(lines[0]).toMatch(/^FAKE_GOOGLE_URL=http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toMatch(/^FAKE_GOOGLE_REFRESH_TOKEN=1\/\/fake-[0-9a-f]+$/);
    const url = (lines[0] ?? '').split('=')[1];
    const stats = (await (await fetch(`${url}/__control/stats`)).json()) as object;
    expect(stats).toMatchObject({ activeContacts: 40 });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
