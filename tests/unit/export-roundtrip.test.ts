/**
 * Exports are correct by construction: each format, written from the messiest contacts
 * fast-check can make, is parsed back with a real parser (ical.js, fast-xml-parser, csv-parse),
 * and every value reads back as the original after the documented filtering (text-safety.ts).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { ciscoText, dialable } from '../../src/main/core/export/cisco-xml.js';
import {
  displayNameOf,
  FORMAT_WRITERS,
  GOOGLE_CSV_COLUMNS,
  type ExportContact,
} from '../../src/main/core/export/formats.js';
import { MULTI_VALUE_SEPARATOR } from '../../src/main/core/export/google-csv.js';
import { multiLine, oneLine } from '../../src/main/core/export/text-safety.js';
import { telValue, vCardBirthday, vCardNote } from '../../src/main/core/export/vcard.js';
import type { ExportFormat } from '../../src/shared/api/types.js';

/** Characters that have broken exports: separators, escapes, controls, emoji, RTL, XML markup. */
const NASTY = [
  ...'aZé9 ,;:\\"\'<>&=+-@*#()./',
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u2029',
  '\u202e',
  '\ufeff',
  '\uffff',
  '\ud800',
  '\udfff',
  '😀',
  '👩‍👩‍👧',
  'שלום',
  'مرحبا',
  '漢字',
  'END:VCARD',
  'BEGIN:VCARD',
  '</Name>',
  ']]>',
];
const messy = (maxLength = 12) =>
  fc.array(fc.constantFrom(...NASTY), { maxLength }).map((parts) => parts.join(''));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
/**
 * A component of a structured or list value (N, ADR, CATEGORIES). ical.js takes `\\;` (an
 * escaped backslash, then the separator) for an escaped separator, so a component ending in a
 * backslash, written correctly, reads back wrong there: the generator leaves that case out.
 */
const notEndingInBackslash = (s: string) => !multiLine(s).endsWith('\\');
const component = (maxLength?: number) => messy(maxLength).filter(notEndingInBackslash);
/** Label names come without ":" so Google's " ::: " separator stays unambiguous. */
const labelName = messy(6)
  .map((s) => s.replace(/:/g, ''))
  .filter((s) => notEndingInBackslash(s) && oneLine(s).trim() === oneLine(s) && oneLine(s) !== '');

const contactArb: fc.Arbitrary<ExportContact> = fc.record({
  resourceName: fc.stringMatching(/^people\/c[0-9]{1,12}$/),
  displayName: maybe(messy()),
  givenName: maybe(component()),
  familyName: maybe(component()),
  nickname: maybe(messy()),
  organization: maybe(messy()),
  title: maybe(messy()),
  birthday: maybe(
    fc.oneof(fc.constantFrom('1945-12-18', '--02-29', '2000-01-01'), messy(), fc.constant('1\n2')),
  ),
  notes: maybe(messy(40)),
  emails: fc.array(fc.record({ value: messy(), type: maybe(messy(3)) }), { maxLength: 3 }),
  phones: fc.array(
    fc.record({
      raw: messy(),
      e164: maybe(fc.constantFrom('+15550102030')),
      type: maybe(messy(3)),
    }),
    { maxLength: 4 },
  ),
  addresses: fc.array(
    fc.record({
      street: maybe(component()),
      city: maybe(component()),
      region: maybe(component()),
      postalCode: maybe(component()),
      country: maybe(component()),
      type: maybe(messy(3)),
    }),
    { maxLength: 2 },
  ),
  labels: fc.uniqueArray(labelName, { maxLength: 3 }),
});

/** Enough runs to meet every kind of character in every field; about a second each when idle. */
const RUNS = 200;
/** A shared 2-core machine can be ten times slower than an idle one: no timeout from load. */
const SLOW_OK = 60_000;

const write = (format: ExportFormat, contacts: ExportContact[]) => {
  const w = FORMAT_WRITERS[format];
  return w.header + contacts.map(w.render).join('') + w.footer;
};

/** What ical.js reads for a property: every value, structured ones as arrays. */
function values(card: ICAL.Component, name: string): unknown[] {
  return card.getAllProperties(name).map((p) => {
    const v = p.getValues();
    return p.name === 'categories' ? v : v[0]?.toString?.() === undefined ? v[0] : v[0];
  });
}

describe.each(['vcard', 'vcard4'] as const)('%s', (format) => {
  const version = format === 'vcard' ? '3.0' : '4.0';
  it(
    'reads back every contact and value with ical.js',
    () => {
      fc.assert(
        fc.property(fc.array(contactArb, { maxLength: 8 }), (contacts) => {
          const text = write(format, contacts);
          // No raw control but TAB (vCard's WSP) and the CRLF line ends; lines within 75 octets.
          // eslint-disable-next-line no-control-regex -- controls are what exports must not contain
          const controls = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
          expect(text.replace(/\r\n/g, '')).not.toMatch(controls);
          for (const l of text.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
          const parsed = ICAL.parse(text);
          const cards = (contacts.length === 1 ? [parsed] : parsed) as unknown[];
          expect(contacts.length === 0 ? 0 : cards.length).toBe(contacts.length);
          contacts.forEach((c, i) => {
            const card = new ICAL.Component(cards[i] as unknown[]);
            expect(card.getFirstPropertyValue('version')).toBe(version);
            expect(card.getFirstPropertyValue('uid')).toBe(c.resourceName);
            expect(card.getFirstPropertyValue('fn')).toBe(oneLine(displayNameOf(c)));
            expect(card.getFirstPropertyValue('n')).toEqual([
              oneLine(c.familyName),
              oneLine(c.givenName),
              '',
              '',
              '',
            ]);
            const org = card.getFirstPropertyValue('org');
            expect(org === null ? null : ([org].flat()[0] as string)).toBe(
              c.organization ? oneLine(c.organization) : null,
            );
            expect(card.getFirstPropertyValue('title')).toBe(c.title ? oneLine(c.title) : null);
            expect(card.getFirstPropertyValue('nickname')).toBe(
              c.nickname ? oneLine(c.nickname) : null,
            );
            const bday = card.getFirstPropertyValue('bday');
            const expectedBday = vCardBirthday(c.birthday, version);
            expect(bday === null ? null : String(bday)).toBe(
              expectedBday === null ? null : c.birthday,
            );
            const note = vCardNote(c, version);
            expect(card.getFirstPropertyValue('note')).toBe(note === '' ? null : note);
            expect(values(card, 'email')).toEqual(c.emails.map((e) => oneLine(e.value)));
            expect(values(card, 'tel')).toEqual(
              c.phones.map((p) => telValue(p.e164 ?? p.raw)).filter(Boolean),
            );
            expect(values(card, 'adr')).toEqual(
              c.addresses.map((a) => [
                '',
                '',
                ...[a.street, a.city, a.region, a.postalCode, a.country].map(multiLine),
              ]),
            );
            const categories = card.getFirstProperty('categories')?.getValues() ?? [];
            expect(categories).toEqual(c.labels.map(oneLine));
          });
        }),
        { numRuns: RUNS },
      );
    },
    SLOW_OK,
  );
});

describe('Google CSV', () => {
  it(
    'reads back every contact and value with csv-parse, formulas defused',
    () => {
      fc.assert(
        fc.property(fc.array(contactArb, { maxLength: 8 }), (contacts) => {
          const text = write('csv', contacts);
          const records = parseCsv(text, { columns: true, relax_column_count: false }) as Record<
            string,
            string
          >[];
          expect(records).toHaveLength(contacts.length);
          const defused = (value: string) => (/^[=+\-@\t]/.test(value) ? `'${value}` : value);
          const is = (cell: string | undefined, value: string) => expect(cell).toBe(defused(value));
          contacts.forEach((c, i) => {
            const r = records[i]!;
            expect(Object.keys(r)).toEqual(GOOGLE_CSV_COLUMNS);
            for (const cell of Object.values(r)) {
              expect(cell).not.toMatch(/^[=@\t\r-]/);
              // eslint-disable-next-line no-control-regex -- controls are what these exports must not contain
              expect(cell).not.toMatch(/[\r\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
              if (cell.startsWith('+')) expect(cell).toMatch(/^\+[\d\s().-]*\d$/);
            }
            const named = c.givenName || c.familyName;
            is(r['First Name'], oneLine(named ? c.givenName : displayNameOf(c)));
            is(r['Last Name'], oneLine(c.familyName));
            is(r['Organization Name'], oneLine(c.organization));
            is(r['Birthday'], oneLine(c.birthday));
            is(r['Notes'], multiLine(c.notes));
            is(r['Labels'], c.labels.map(oneLine).join(MULTI_VALUE_SEPARATOR));
            c.emails.forEach((e, n) => is(r[`E-mail ${n + 1} - Value`], oneLine(e.value)));
            c.phones.forEach((p, n) => {
              const raw = oneLine(p.raw);
              const cell = r[`Phone ${n + 1} - Value`];
              expect(cell).toBe(/^\+[\d\s().-]*\d$/.test(raw) ? raw : defused(raw));
            });
            c.addresses.forEach((a, n) => is(r[`Address ${n + 1} - Street`], multiLine(a.street)));
          });
        }),
        { numRuns: RUNS },
      );
    },
    SLOW_OK,
  );
});

describe('Cisco IP phone directory', () => {
  const parser = new XMLParser({
    isArray: (name) => name === 'DirectoryEntry',
    parseTagValue: false,
    trimValues: false,
  });
  it(
    'is valid XML 1.0 with one entry per dialable number, every field within 32 characters',
    () => {
      fc.assert(
        fc.property(fc.array(contactArb, { maxLength: 8 }), (contacts) => {
          const text = write('cisco_xml', contacts);
          expect(XMLValidator.validate(text)).toBe(true);
          // XMLValidator does not check characters: XML 1.0's Char production, checked here.
          expect(text).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
          const doc = parser.parse(text) as {
            CiscoIPPhoneDirectory: { DirectoryEntry?: { Name: string; Telephone: string }[] };
          };
          const entries = doc.CiscoIPPhoneDirectory.DirectoryEntry ?? [];
          const expected = contacts.flatMap((c) =>
            c.phones
              .map(dialable)
              .filter((n) => n !== null)
              .map((number) => ({ Name: ciscoText(displayNameOf(c)), Telephone: number })),
          );
          const decode = (s: string) =>
            s.replace(
              /&(amp|lt|gt|quot|apos);/g,
              (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!,
            );
          expect(
            entries.map((e) => ({ Name: String(e.Name ?? ''), Telephone: e.Telephone })),
          ).toEqual(expected.map((e) => ({ ...e, Name: decode(e.Name) })));
          for (const e of entries) {
            expect([...String(e.Name ?? '')].length).toBeLessThanOrEqual(32);
            expect(e.Telephone).toMatch(/^\+?\d[\d]{2,31}$/);
          }
        }),
        { numRuns: RUNS },
      );
    },
    SLOW_OK,
  );
});
