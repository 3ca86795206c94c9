import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileContactsExporter } from '../../src/main/core/export/exporter.js';
import { messyResourceName } from '../fake-google/data.js';
import { cliEnv, runCli } from './cli-process.js';
import { Harness } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** A minimal RFC 4180 reader, enough to count records whose fields contain newlines. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted || (ch !== ',' && ch !== '\n' && ch !== '\r')) {
      field += ch;
    } else if (ch === ',') {
      endField();
    } else if (ch === '\n') {
      endField();
      records.push(record);
      record = [];
    }
  }
  return records;
}

describe('export', () => {
  it('writes every active contact as vCard, CSV and a Cisco directory', async () => {
    h = await Harness.start({ contacts: 400 });
    await h.sync();
    h.fake.deleteContact(h.fake.listContacts()[30]!.resourceName!);
    await h.sync();
    const target = (name: string) => path.join(h.dir, name);
    const exporter = (file: string) => new FileContactsExporter(h.db, async () => file);

    const vcard = await exporter(target('all.vcf')).export({
      format: 'vcard',
      includeDeleted: false,
    });
    expect(vcard.count).toBe(399);
    const cards = fs.readFileSync(target('all.vcf'), 'utf8');
    expect(cards.match(/^BEGIN:VCARD\r$/gm)).toHaveLength(399);
    const rtl = h.fake.getContact(messyResourceName('rtlArabic'))!.names![0]!.displayName!;
    expect(cards.replace(/\r\n /g, '')).toContain(`FN:${rtl}`);
    const manyPhones = cards
      .split('END:VCARD')
      .find((c) => c.includes(messyResourceName('manyPhones')));
    expect(manyPhones?.match(/^TEL/gm)).toHaveLength(40);

    const csv = await exporter(target('all.csv')).export({ format: 'csv', includeDeleted: true });
    expect(csv.count).toBe(400);
    expect(parseCsv(fs.readFileSync(target('all.csv'), 'utf8'))).toHaveLength(401);

    const xml = await exporter(target('dir.xml')).export({
      format: 'cisco_xml',
      includeDeleted: false,
    });
    const entries = fs.readFileSync(target('dir.xml'), 'utf8').match(/<DirectoryEntry>/g)?.length;
    const dialable = h.db
      .prepare<[], { n: number }>(
        `SELECT count(*) AS n FROM contact_phones p JOIN contacts c ON c.id = p.contact_id
         WHERE c.deleted_at IS NULL AND (p.e164 IS NOT NULL OR p.raw GLOB '*[0-9][0-9][0-9]*')`,
      )
      .get()!.n;
    expect(xml.count).toBe(399);
    expect(entries).toBe(dialable);
  });

  it('a failed export leaves no partial file and says why', async () => {
    h = await Harness.start({ contacts: 20 });
    await h.sync();
    const missing = path.join(h.dir, 'no-such-folder', 'contacts.vcf');
    const exporter = new FileContactsExporter(h.db, async () => missing);
    await expect(exporter.export({ format: 'vcard', includeDeleted: false })).rejects.toThrow(
      /Cannot write the export .* Choose another folder/,
    );
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
    const cancelled = new FileContactsExporter(h.db, async () => null);
    expect(await cancelled.export({ format: 'csv', includeDeleted: false })).toEqual({
      file: null,
      count: 0,
    });
    expect(fs.readdirSync(h.dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('is available from the command line, to a file or to stdout', async () => {
    h = await Harness.start({ contacts: 25 });
    await h.sync();
    const env = cliEnv(h.url, { CONTACTS_SYNC_DB: h.dbFile });
    const file = path.join(h.dir, 'out.csv');
    const written = await runCli(['export', '--format', 'csv', '--output', file], env);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/Exported 25 contacts/);
    expect(parseCsv(fs.readFileSync(file, 'utf8'))).toHaveLength(26);
    const piped = await runCli(['export', '--format', 'cisco-xml'], env);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toMatch(/^<\?xml[\s\S]*<\/CiscoIPPhoneDirectory>\n$/);
    const bad = await runCli(['export', '--format', 'pdf'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/vcard\|vcard4\|csv\|cisco-xml/);
  });
});
