import { describe, expect, it } from 'vitest';
import {
  csvHeader,
  foldLine,
  toCiscoEntries,
  toCsvRow,
  toVCard,
  type ExportContact,
} from '../../src/main/core/export/formats.js';

const contact = (patch: Partial<ExportContact> = {}): ExportContact => ({
  resourceName: 'people/c1',
  displayName: 'Zoë Ångström',
  givenName: 'Zoë',
  familyName: 'Ångström',
  nickname: null,
  organization: 'Acme; Inc.',
  title: null,
  birthday: '--12-24',
  notes: 'line one\nline two, with comma',
  emails: [{ value: 'zoe@example.com', type: 'work' }],
  phones: [{ raw: '(555) 010-2030', e164: '+15550102030', type: 'mobile' }],
  addresses: [],
  labels: ['Family'],
  ...patch,
});

describe('vCard', () => {
  it('escapes text, writes a yearless birthday as --MMDD and uses CRLF', () => {
    const card = toVCard(contact());
    expect(card).toContain('FN:Zoë Ångström\r\n');
    expect(card).toContain('N:Ångström;Zoë;;;\r\n');
    expect(card).toContain('ORG:Acme\\; Inc.\r\n');
    expect(card).toContain('BDAY:--1224\r\n');
    expect(card).toContain('NOTE:line one\\nline two\\, with comma\r\n');
    expect(card).toContain('TEL;TYPE=CELL:+15550102030\r\n');
    expect(card).toContain('CATEGORIES:Family\r\n');
    expect(card.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\n')).toBe(true);
    expect(card.endsWith('END:VCARD\r\n')).toBe(true);
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = 'NOTE:' + '€'.repeat(100);
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('a free-text birthday with line breaks cannot forge a second card', () => {
    const forged = '1990\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Forged';
    for (const version of ['3.0', '4.0'] as const) {
      const card = toVCard(contact({ birthday: forged, notes: null }), version);
      expect(card.match(/^BEGIN:VCARD\r$/gm)).toHaveLength(1);
      expect(card).not.toContain('BDAY');
      expect(card).toContain('NOTE:Birthday: 1990 END:VCARD BEGIN:VCARD FN:Forged\r\n');
    }
  });

  it('writes vCard 4.0 dates in the basic format', () => {
    const card = toVCard(contact({ birthday: '1945-12-18' }), '4.0');
    expect(card).toContain('VERSION:4.0\r\n');
    expect(card).toContain('BDAY:19451218\r\n');
    expect(card).toContain('TEL;TYPE=cell:+15550102030\r\n');
  });

  it('names a contact without a name after its email or phone', () => {
    expect(toVCard(contact({ displayName: null }))).toContain('FN:zoe@example.com\r\n');
  });
});

describe('CSV', () => {
  it('quotes every field, doubles quotes and keeps newlines inside the field', () => {
    const row = toCsvRow(contact({ nickname: 'The "Boss"' }));
    expect(row).toContain('"The ""Boss"""');
    expect(row).toContain('"line one\nline two, with comma"');
    expect(row.endsWith('\r\n')).toBe(true);
    expect(csvHeader()).toMatch(/^"First Name","Middle Name","Last Name",/);
    expect(csvHeader()).toContain('"Labels","E-mail 1 - Label","E-mail 1 - Value"');
  });

  it('defuses spreadsheet formulas but leaves phone numbers alone', () => {
    expect(toCsvRow(contact({ nickname: '=HYPERLINK("x")' }))).toContain('"\'=HYPERLINK(""x"")"');
    // The cases the issue found missed: a leading TAB, and a CR (made a line break first).
    expect(toCsvRow(contact({ notes: '\t=1+1' }))).toContain('"\'\t=1+1"');
    expect(toCsvRow(contact({ notes: '\r=1+1' }))).toContain('"\n=1+1"');
    expect(toCsvRow(contact({ title: '-2+3' }))).toContain('"\'-2+3"');
    expect(toCsvRow(contact({ title: '@SUM(A1)' }))).toContain('"\'@SUM(A1)"');
    expect(
      toCsvRow(contact({ phones: [{ raw: '+44 20 7946 0018', e164: null, type: null }] })),
    ).toContain('"+44 20 7946 0018"');
  });
});

describe('Cisco IP phone directory', () => {
  it('writes one entry per dialable number, escaped and cut to 32 characters', () => {
    const entries = toCiscoEntries(
      contact({
        displayName: 'A <very> long name & more, longer than thirty-two characters',
        phones: [
          { raw: '(555) 010-2030', e164: '+15550102030', type: null },
          { raw: 'call me', e164: null, type: null },
          { raw: '0049 30 1234567', e164: null, type: null },
        ],
      }),
    );
    expect(entries.match(/<DirectoryEntry>/g)).toHaveLength(2);
    expect(entries).toContain('<Telephone>+15550102030</Telephone>');
    expect(entries).toContain('<Telephone>0049301234567</Telephone>');
    expect(entries).toContain('<Name>A &lt;very&gt; long name &amp; more, longe</Name>');
  });

  it('removes what XML 1.0 forbids and keeps names on one line', () => {
    const entries = toCiscoEntries(contact({ displayName: 'Bell\u0007\u001b[31mRed\nLine\uffff' }));
    expect(entries).toContain('<Name>Bell[31mRed Line</Name>');
  });
});
