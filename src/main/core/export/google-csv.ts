/**
 * CSV in Google Contacts' own layout (the columns of its "Google CSV" export, which its import
 * maps without asking), RFC 4180: every field quoted, quotes doubled, CRLF between records, line
 * breaks inside a field kept as LF. Several values in one cell are joined with " ::: " as Google
 * does; values beyond the fixed slots go into the last slot that way.
 */
import { displayNameOf, type ExportContact } from './contact.js';
import { multiLine, oneLine } from './text-safety.js';

const EMAIL_SLOTS = 3;
const PHONE_SLOTS = 4;
const ADDRESS_SLOTS = 2;
export const MULTI_VALUE_SEPARATOR = ' ::: ';
const ADDRESS_PARTS = [
  'Label',
  'Formatted',
  'Street',
  'City',
  'PO Box',
  'Region',
  'Postal Code',
  'Country',
  'Extended Address',
] as const;

const slots = (name: string, count: number, parts: readonly string[]) =>
  Array.from({ length: count }, (_, i) => parts.map((p) => `${name} ${i + 1} - ${p}`)).flat();

export const GOOGLE_CSV_COLUMNS: readonly string[] = [
  'First Name',
  'Middle Name',
  'Last Name',
  'Phonetic First Name',
  'Phonetic Middle Name',
  'Phonetic Last Name',
  'Name Prefix',
  'Name Suffix',
  'Nickname',
  'File As',
  'Organization Name',
  'Organization Title',
  'Organization Department',
  'Birthday',
  'Notes',
  'Photo',
  'Labels',
  ...slots('E-mail', EMAIL_SLOTS, ['Label', 'Value']),
  ...slots('Phone', PHONE_SLOTS, ['Label', 'Value']),
  ...slots('Address', ADDRESS_SLOTS, ADDRESS_PARTS),
];

/** A number as people write it (`+44 20 7946 0018`): a spreadsheet shows it, never computes it. */
const PHONE_LIKE = /^\+[\d\s().-]*\d$/;

/**
 * One RFC 4180 field. A cell a spreadsheet would take for a formula (= + - @ TAB CR first) gets
 * a leading apostrophe (OWASP "CSV injection"); CR cannot remain, as text-safety made it LF.
 */
export function csvCell(value: string, { phone = false } = {}): string {
  const risky = /^[=+\-@\t\r]/.test(value) && !(phone && PHONE_LIKE.test(value));
  return `"${(risky ? `'${value}` : value).replace(/"/g, '""')}"`;
}

export function csvHeader(): string {
  return GOOGLE_CSV_COLUMNS.map((c) => csvCell(c)).join(',') + '\r\n';
}

/** Google writes types capitalised ("Mobile", "Work"); custom ones as they are. */
const labelOf = (type: string | null) =>
  type ? oneLine(type.charAt(0).toUpperCase() + type.slice(1)) : '';

/** `count` slots of `[label, value]`; what does not fit joins the last slot's value. */
function fill<T>(items: T[], count: number, label: (t: T) => string, value: (t: T) => string) {
  const cells: string[][] = [];
  for (let i = 0; i < count; i++) {
    const rest = i === count - 1 ? items.slice(i) : items.slice(i, i + 1);
    cells.push(
      rest.length === 0 ? ['', ''] : [label(rest[0]!), rest.map(value).join(MULTI_VALUE_SEPARATOR)],
    );
  }
  return cells;
}

type Address = ExportContact['addresses'][number];
function addressCells(a: Address | undefined): string[] {
  if (!a) return ADDRESS_PARTS.map(() => '');
  const parts = [a.street, a.city, a.region, a.postalCode, a.country].map(multiLine);
  const formatted = parts.filter(Boolean).join('\n');
  const [street, city, region, postalCode, country] = parts;
  return [labelOf(a.type), formatted, street!, city!, '', region!, postalCode!, country!, ''];
}

export function toCsvRow(c: ExportContact): string {
  // A contact with no name parts keeps the name Google shows as its first name.
  const named = c.givenName || c.familyName;
  const cells = [
    oneLine(named ? c.givenName : displayNameOf(c)),
    '',
    oneLine(c.familyName),
    '',
    '',
    '',
    '',
    '',
    oneLine(c.nickname),
    '',
    oneLine(c.organization),
    oneLine(c.title),
    '',
    oneLine(c.birthday),
    multiLine(c.notes),
    '',
    c.labels.map(oneLine).join(MULTI_VALUE_SEPARATOR),
  ].map((v) => csvCell(v));
  const emails = fill(
    c.emails,
    EMAIL_SLOTS,
    (e) => labelOf(e.type),
    (e) => oneLine(e.value),
  );
  const phones = fill(
    c.phones,
    PHONE_SLOTS,
    (p) => labelOf(p.type),
    (p) => oneLine(p.raw),
  );
  for (const [label, value] of emails) cells.push(csvCell(label!), csvCell(value!));
  for (const [label, value] of phones)
    cells.push(csvCell(label!), csvCell(value!, { phone: true }));
  for (let i = 0; i < ADDRESS_SLOTS; i++)
    cells.push(...addressCells(c.addresses[i]).map((v) => csvCell(v)));
  return cells.join(',') + '\r\n';
}
