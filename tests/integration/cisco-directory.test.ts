/**
 * The Cisco IP phone directory over a synced mirror: the search form, 32-entry pages with
 * Next/Previous, numbers dial-ready, XML a parser accepts within the phones' field limits, and
 * the allow-list.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { CiscoDirectoryServer, isAllowed } from '../../src/main/core/directory/cisco-directory.js';
import { CISCO_LIMITS, directoryXml } from '../../src/main/core/directory/cisco-xml.js';
import { dialString, E164_DIAL_PLAN } from '../../src/main/core/directory/dial-plan.js';
import { Harness } from './harness.js';

let h: Harness | undefined;
let server: CiscoDirectoryServer | undefined;
afterEach(async () => {
  await server?.stop();
  await h?.close();
  h = server = undefined;
});

interface Directory {
  CiscoIPPhoneDirectory: {
    Title: string;
    Prompt: string;
    DirectoryEntry?: { Name: string; Telephone: string }[];
    SoftKeyItem: { Name: string; URL: string; Position: number }[];
  };
}
const parser = new XMLParser({
  isArray: (name) => name === 'DirectoryEntry' || name === 'SoftKeyItem',
  parseTagValue: false,
});

async function page(url: string): Promise<Directory['CiscoIPPhoneDirectory']> {
  const text = await fetch(url).then((r) => r.text());
  expect(XMLValidator.validate(text)).toBe(true);
  const directory = (parser.parse(text) as Directory).CiscoIPPhoneDirectory;
  expect([...directory.Title].length).toBeLessThanOrEqual(CISCO_LIMITS.title);
  expect([...directory.Prompt].length).toBeLessThanOrEqual(CISCO_LIMITS.prompt);
  for (const entry of directory.DirectoryEntry ?? []) {
    expect([...entry.Name].length).toBeLessThanOrEqual(CISCO_LIMITS.name);
    expect(entry.Telephone).toMatch(/^\+?\d{3,31}$/);
  }
  return directory;
}

describe('Cisco phone directory', () => {
  it('pages every dialable number, 32 at a time, with Next and Previous', async () => {
    h = await Harness.start({ contacts: 150 });
    await h.sync();
    server = new CiscoDirectoryServer(h.db, {
      host: '127.0.0.1',
      allowList: [],
      dialPlan: E164_DIAL_PLAN,
    });
    const base = await server.start(0);
    const expected = h.db
      .prepare(
        `SELECT count(*) AS n FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
         WHERE c.deleted_at IS NULL AND length(coalesce(p.e164, '')) BETWEEN 4 AND 32`,
      )
      .get() as { n: number };
    let url: string | undefined = `${base}search?f=&l=&n=`;
    let seen = 0;
    let pages = 0;
    while (url) {
      const directory = await page(url);
      const count = directory.DirectoryEntry?.length ?? 0;
      expect(count).toBeLessThanOrEqual(32);
      seen += count;
      pages++;
      const keys = new Map(directory.SoftKeyItem.map((k) => [k.Name, k.URL]));
      expect(keys.get('Dial')).toBe('SoftKey:Dial');
      if (pages > 1) expect(keys.get('Previous')).toContain(`page=${pages - 2}`);
      else expect(keys.has('Previous')).toBe(false);
      url = keys.get('Next');
      if (url) expect(count).toBe(32);
    }
    expect(pages).toBeGreaterThan(2);
    expect(seen).toBeGreaterThanOrEqual(expected.n);
  });

  it('finds by first name, last name and digits of the number', async () => {
    h = await Harness.start({ contacts: 60 });
    await h.sync();
    server = new CiscoDirectoryServer(h.db, {
      host: '127.0.0.1',
      allowList: [],
      dialPlan: E164_DIAL_PLAN,
    });
    const base = await server.start(0);
    const row = h.db
      .prepare(
        `SELECT c.display_name, c.given_name, c.family_name, p.e164 FROM contacts c
         JOIN contact_phones p ON p.contact_id = c.id
         WHERE c.given_name IS NOT NULL AND c.family_name IS NOT NULL AND p.e164 IS NOT NULL LIMIT 1`,
      )
      .get() as { display_name: string; given_name: string; family_name: string; e164: string };
    const names = async (query: string) =>
      ((await page(`${base}search?${query}`)).DirectoryEntry ?? []).map((e) => e.Name);
    expect(await names(`f=${encodeURIComponent(row.given_name.toLowerCase())}`)).toContain(
      [...row.display_name].slice(0, 32).join(''),
    );
    expect(await names(`l=${encodeURIComponent(row.family_name)}`)).toContain(
      [...row.display_name].slice(0, 32).join(''),
    );
    expect(await names(`n=${row.e164.slice(-7)}`)).toContain(
      [...row.display_name].slice(0, 32).join(''),
    );
    const none = await page(`${base}search?f=zzzzzz-nobody`);
    expect(none.DirectoryEntry).toBeUndefined();
    expect(none.Prompt).toBe('No contact matches');
  });

  it('keeps names with control characters, markup and long text valid and within limits', () => {
    const xml = directoryXml(
      'A title that is far longer than thirty-two characters',
      'Prompt',
      [
        {
          name: 'Ann\u0000\u0007 <b>&"\'\r\n O’Neil 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀',
          telephone: '+4930123456',
        },
      ],
      [],
    );
    expect(XMLValidator.validate(xml)).toBe(true);
    const entry = (parser.parse(xml) as Directory).CiscoIPPhoneDirectory.DirectoryEntry![0]!;
    expect([...entry.Name]).toHaveLength(32);
    expect(entry.Name.startsWith('Ann <b>&"\' O’Neil')).toBe(true);
  });

  it('dials by the dial plan: E.164, national with an outside line, international prefix', () => {
    const berlin = { raw: '030 1234567', e164: '+49301234567' };
    const newYork = { raw: '(212) 555-0100', e164: '+12125550100' };
    expect(dialString(berlin, E164_DIAL_PLAN)).toBe('+49301234567');
    const german = {
      outsideLinePrefix: '0',
      homeCountry: 'DE' as const,
      internationalPrefix: '00',
    };
    expect(dialString(berlin, german)).toBe('00301234567');
    expect(dialString(newYork, german)).toBe('00012125550100');
    expect(dialString({ raw: '12', e164: null }, E164_DIAL_PLAN)).toBeNull();
  });

  it('answers only addresses on the allow-list', () => {
    expect(isAllowed('192.168.1.31', ['192.168.1.0/24'])).toBe(true);
    expect(isAllowed('::ffff:192.168.1.31', ['192.168.1.0/24'])).toBe(true);
    expect(isAllowed('192.168.2.31', ['192.168.1.0/24'])).toBe(false);
    expect(isAllowed('10.0.0.5', ['10.0.0.5'])).toBe(true);
    expect(isAllowed('10.0.0.6', ['10.0.0.5'])).toBe(false);
    expect(isAllowed('10.0.0.6', ['10.0.0.0/99'])).toBe(false);
    expect(isAllowed('10.0.0.6', [])).toBe(false);
  });

  it('refuses a client that is not on the allow-list', async () => {
    h = await Harness.start({ contacts: 1 });
    // Listening on loopback with an allow-list naming another machine only: this one is refused.
    server = new CiscoDirectoryServer(h.db, {
      host: '127.0.0.2',
      allowList: ['192.0.2.7'],
      dialPlan: E164_DIAL_PLAN,
    });
    const base = await server.start(0);
    const response = await fetch(base);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('not allowed to read the directory');
  });
});
