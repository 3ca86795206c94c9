import http from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { createDAVClient } from 'tsdav';
import { afterEach, describe, expect, it } from 'vitest';
import { CardDavServer, MAX_BODY_BYTES } from '../../src/main/core/carddav/carddav-server.js';
import { CardStore } from '../../src/main/core/carddav/card-store.js';
import type { Clock } from '../../src/main/core/clock.js';
import { Harness } from './harness.js';

const USER = 'contacts';
const PASSWORD = 'correct-horse-battery-staple';

let h: Harness | undefined;
let server: CardDavServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await h?.close();
  h = undefined;
});

async function serve(contacts: number, clock: Clock = { now: () => new Date() }) {
  h = await Harness.start({ contacts });
  await h.sync();
  server = new CardDavServer({
    store: new CardStore(h.db),
    clock,
    credentials: () => ({ username: USER, password: PASSWORD }),
  });
  const url = await server.start(0);
  return { h, url };
}

const basic = (user: string, password: string) =>
  'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

async function dav(
  url: string,
  method: string,
  path: string,
  body = '',
  headers: Record<string, string> = {},
) {
  const response = await fetch(new URL(path, url), {
    method,
    headers: {
      authorization: basic(USER, PASSWORD),
      'content-type': 'application/xml',
      ...headers,
    },
    ...(body ? { body } : {}),
    redirect: 'manual',
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

const xml = new XMLParser({ removeNSPrefix: true, isArray: (name) => name === 'response' });
const responsesOf = (text: string) =>
  (xml.parse(text) as { multistatus: { response?: { href: string }[] } }).multistatus.response ??
  [];

const SYNC = (token: string) => `<?xml version="1.0"?>
<d:sync-collection xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">
  <d:sync-token>${token}</d:sync-token><d:sync-level>1</d:sync-level>
  <d:prop><d:getetag/><card:address-data/></d:prop>
</d:sync-collection>`;

function tokenOf(text: string): string {
  return (xml.parse(text) as { multistatus: { 'sync-token': string } }).multistatus['sync-token'];
}

describe('CardDAV server', () => {
  it('is discovered and read by a CardDAV client library (tsdav), every card a valid vCard', async () => {
    const { h, url } = await serve(120);
    const client = await createDAVClient({
      serverUrl: url,
      credentials: { username: USER, password: PASSWORD },
      authMethod: 'Basic',
      defaultAccountType: 'carddav',
    });
    const books = await client.fetchAddressBooks();
    expect(books).toHaveLength(1);
    expect(books[0]!.displayName).toBe('me@example.com');
    const cards = await client.fetchVCards({ addressBook: books[0]! });
    expect(cards).toHaveLength(120);
    const uids = cards.map((card) => {
      const parsed = new ICAL.Component(ICAL.parse(String(card.data)));
      expect(parsed.getFirstPropertyValue('fn')).toBeTruthy();
      return parsed.getFirstPropertyValue('uid');
    });
    expect(new Set(uids)).toEqual(new Set(h.contacts().map((c) => c.resourceName)));
  });

  it('sync-collection hands over only what changed, and deletions as 404', async () => {
    const { h, url } = await serve(50);
    const first = await dav(url, 'REPORT', '/addressbooks/1/', SYNC(''));
    expect(first.status).toBe(207);
    expect(responsesOf(first.text)).toHaveLength(50);
    const token = tokenOf(first.text);

    const unchanged = await dav(url, 'REPORT', '/addressbooks/1/', SYNC(token));
    expect(responsesOf(unchanged.text)).toHaveLength(0);
    expect(tokenOf(unchanged.text)).toBe(token);

    const [a, b] = h.fake.listContacts();
    h.fake.updateContact(a!.resourceName!, { nicknames: [{ value: 'Changed' }] });
    h.fake.deleteContact(b!.resourceName!);
    h.fake.addContacts(1);
    await h.sync();
    const changed = await dav(url, 'REPORT', '/addressbooks/1/', SYNC(token));
    const responses = responsesOf(changed.text) as unknown as {
      status?: string;
      propstat?: unknown;
    }[];
    expect(responses).toHaveLength(3);
    expect(responses.filter((r) => String(r.status ?? '').includes('404'))).toHaveLength(1);
    expect(changed.text).toContain('NICKNAME:Changed');
    expect(tokenOf(changed.text)).not.toBe(token);
  });

  it('refuses a token from before a full re-listing, so the client starts over', async () => {
    const { h, url } = await serve(10);
    const token = tokenOf((await dav(url, 'REPORT', '/addressbooks/1/', SYNC(''))).text);
    await h.sync({ forceFull: true });
    const stale = await dav(url, 'REPORT', '/addressbooks/1/', SYNC(token));
    expect(stale.status).toBe(403);
    expect(stale.text).toContain('valid-sync-token');
    const forged = await dav(
      url,
      'REPORT',
      '/addressbooks/1/',
      SYNC('urn:contacts-sync:sync:1.x.99999999'),
    );
    expect(forged.status).toBe(403);
  });

  it('refuses a token whose journal rows a history clear removed, so no change is missed', async () => {
    const { h, url } = await serve(10);
    const [a, b] = h.fake.listContacts();
    h.fake.updateContact(a!.resourceName!, { nicknames: [{ value: 'First' }] });
    await h.sync();
    const token = tokenOf((await dav(url, 'REPORT', '/addressbooks/1/', SYNC(''))).text);
    await h.sync(); // nothing changed: the latest run has no journal rows
    await h.reports.clearHistory(); // keeps that run only: the journal is empty, ids start over
    h.fake.updateContact(b!.resourceName!, { nicknames: [{ value: 'Second' }] });
    await h.sync(); // its journal row takes the id the token names
    const answer = await dav(url, 'REPORT', '/addressbooks/1/', SYNC(token));
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('valid-sync-token');
  });

  it('ETags change exactly when a card changes, and GET honours If-None-Match', async () => {
    const { h, url } = await serve(5);
    const id = h.contacts()[0]!.id;
    const first = await dav(url, 'GET', `/addressbooks/1/${id}.vcf`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/vcard/);
    const etag = first.headers.get('etag')!;
    expect(
      (await dav(url, 'GET', `/addressbooks/1/${id}.vcf`, '', { 'if-none-match': etag })).status,
    ).toBe(304);
    await h.sync();
    expect((await dav(url, 'GET', `/addressbooks/1/${id}.vcf`)).headers.get('etag')).toBe(etag);
    h.fake.updateContact(h.contacts()[0]!.resourceName, { nicknames: [{ value: 'New' }] });
    await h.sync();
    expect((await dav(url, 'GET', `/addressbooks/1/${id}.vcf`)).headers.get('etag')).not.toBe(etag);
  });

  it('serves vCard 4.0 to a client that asks for it, by GET and in REPORTs', async () => {
    const { h, url } = await serve(3);
    const id = h.contacts()[0]!.id;
    const v3 = await dav(url, 'GET', `/addressbooks/1/${id}.vcf`);
    const v4 = await dav(url, 'GET', `/addressbooks/1/${id}.vcf`, '', {
      accept: 'text/vcard; version=4.0',
    });
    expect(v3.text).toContain('VERSION:3.0');
    expect(v4.text).toContain('VERSION:4.0');
    expect(v4.headers.get('etag')).toBe(v3.headers.get('etag'));
    const multiget = `<?xml version="1.0"?>
      <card:addressbook-multiget xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">
        <d:prop><d:getetag/><card:address-data content-type="text/vcard" version="4.0"/></d:prop>
        <d:href>/addressbooks/1/${id}.vcf</d:href><d:href>/addressbooks/1/999999.vcf</d:href>
      </card:addressbook-multiget>`;
    const report = await dav(url, 'REPORT', '/addressbooks/1/', multiget);
    expect(report.status).toBe(207);
    expect(report.text).toContain('VERSION:4.0');
    expect(report.text).toContain('404 Not Found');
  });

  it('answers addressbook-query text-matches on FN, EMAIL and TEL', async () => {
    const { h, url } = await serve(40);
    const person = h.fake.listContacts().find((p) => p.emailAddresses?.length)!;
    const email = person.emailAddresses![0]!.value!;
    const query = (prop: string, text: string, type = 'contains') => `<?xml version="1.0"?>
      <card:addressbook-query xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">
        <d:prop><d:getetag/></d:prop>
        <card:filter><card:prop-filter name="${prop}">
          <card:text-match collation="i;unicode-casemap" match-type="${type}">${text}</card:text-match>
        </card:prop-filter></card:filter>
      </card:addressbook-query>`;
    const byEmail = await dav(
      url,
      'REPORT',
      '/addressbooks/1/',
      query('EMAIL', email.toUpperCase(), 'equals'),
    );
    expect(byEmail.status).toBe(207);
    expect(responsesOf(byEmail.text).length).toBeGreaterThanOrEqual(1);
    const none = await dav(url, 'REPORT', '/addressbooks/1/', query('FN', 'zzzz-nobody'));
    expect(responsesOf(none.text)).toHaveLength(0);
    const unsupported = await dav(url, 'REPORT', '/addressbooks/1/', query('X-FOO', 'a'));
    expect(unsupported.status).toBe(403);
  });

  it('refuses writes with a sentence, and bad paths, bodies and passwords calmly', async () => {
    const { h, url } = await serve(3);
    const id = h.contacts()[0]!.id;
    for (const method of ['PUT', 'DELETE', 'PROPPATCH', 'MKCOL', 'MOVE', 'COPY', 'POST']) {
      const answer = await dav(url, method, `/addressbooks/1/${id}.vcf`, 'BEGIN:VCARD');
      expect(answer.status, method).toBe(403);
      expect(answer.text).toContain('read-only copy of your Google contacts');
    }
    expect((await dav(url, 'GET', '/addressbooks/1/../../etc/passwd')).status).toBe(404);
    expect((await dav(url, 'GET', '/addressbooks/1/%2e%2e%2f%2e%2e%2fetc%2fpasswd')).status).toBe(
      404,
    );
    expect((await dav(url, 'GET', '/addressbooks/2/1.vcf')).status).toBe(404);
    expect(
      (await dav(url, 'PROPFIND', '/addressbooks/1/', '<d:propfind xmlns:d="DAV:"><d:prop>'))
        .status,
    ).toBe(400);
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><d:propfind xmlns:d="DAV:"/>`;
    expect((await dav(url, 'PROPFIND', '/addressbooks/1/', bomb)).status).toBe(400);
    const huge = await dav(url, 'REPORT', '/addressbooks/1/', 'x'.repeat(MAX_BODY_BYTES + 1));
    expect(huge.status).toBe(413);
    const deep = '<a>'.repeat(50_000) + '</a>'.repeat(50_000);
    expect((await dav(url, 'REPORT', '/addressbooks/1/', deep)).status).toBe(400);
    // fetch() may not set Host; a raw request can, as a page behind DNS rebinding would.
    const rebound = await new Promise<number>((resolve, reject) => {
      const request = http.request(new URL('/', url), {
        headers: { host: 'evil.example', authorization: basic(USER, PASSWORD) },
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
    expect(rebound).toBe(421);
  });

  it('needs the app password; wrong guesses are throttled', async () => {
    let now = Date.parse('2026-12-07T10:00:00Z');
    const { url } = await serve(1, { now: () => new Date(now) });
    const none = await fetch(new URL('/addressbooks/', url), { method: 'PROPFIND' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Basic');
    const wrong = () =>
      fetch(new URL('/addressbooks/', url), {
        method: 'PROPFIND',
        headers: { authorization: basic(USER, 'guess') },
      });
    for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
    const throttled = await dav(url, 'PROPFIND', '/addressbooks/');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    now += 61_000;
    expect((await dav(url, 'PROPFIND', '/addressbooks/', '', { depth: '0' })).status).toBe(207);
  });
});
