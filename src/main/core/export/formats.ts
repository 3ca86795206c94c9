/**
 * Pure writers for the export formats: vCard 3.0 (address books), CSV (spreadsheets) and the
 * Cisco IP phone directory XML. Each takes one contact at a time so a 100k export streams.
 */
import type { ContactAddress, ContactDetail } from '../../../shared/api/types.js';

/** A contact as the API shows it, with label names only and the address parts a file needs. */
export type ExportContact = Pick<
  ContactDetail,
  | 'resourceName'
  | 'displayName'
  | 'givenName'
  | 'familyName'
  | 'nickname'
  | 'organization'
  | 'title'
  | 'birthday'
  | 'notes'
  | 'emails'
  | 'phones'
> & {
  addresses: Omit<ContactAddress, 'formatted' | 'countryCode'>[];
  labels: string[];
};

/** RFC 6350 §3.4 text escaping (backslash, comma, semicolon, newline). */
function vText(value: string | null | undefined): string {
  return (value ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 6350 §3.2). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const vType = (type: string | null) =>
  type ? `;TYPE=${type.toUpperCase().replace(/[^A-Z0-9-]/g, '')}` : '';

/** A name for the contact when Google has none: the first email or phone, as Google shows it. */
export function displayNameOf(c: ExportContact): string {
  return c.displayName ?? c.emails[0]?.value ?? c.phones[0]?.raw ?? c.organization ?? '(no name)';
}

export function toVCard(c: ExportContact): string {
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `UID:${vText(c.resourceName)}`,
    `FN:${vText(displayNameOf(c))}`,
    `N:${vText(c.familyName)};${vText(c.givenName)};;;`,
  ];
  if (c.nickname) lines.push(`NICKNAME:${vText(c.nickname)}`);
  if (c.organization) lines.push(`ORG:${vText(c.organization)}`);
  if (c.title) lines.push(`TITLE:${vText(c.title)}`);
  // vCard 3.0 allows a date without year only in the --MMDD form.
  if (c.birthday) {
    const noYear = c.birthday.startsWith('--');
    lines.push(`BDAY:${noYear ? `--${c.birthday.slice(2).replace('-', '')}` : c.birthday}`);
  }
  for (const e of c.emails) lines.push(`EMAIL${vType(e.type)}:${vText(e.value)}`);
  for (const p of c.phones) lines.push(`TEL${vType(p.type)}:${vText(p.e164 ?? p.raw)}`);
  for (const a of c.addresses) {
    const fields = [a.street, a.city, a.region, a.postalCode, a.country].map(vText);
    lines.push(`ADR${vType(a.type)}:;;${fields.join(';')}`);
  }
  if (c.labels.length) lines.push(`CATEGORIES:${c.labels.map(vText).join(',')}`);
  if (c.notes) lines.push(`NOTE:${vText(c.notes)}`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export const CSV_COLUMNS = [
  'Name',
  'Given name',
  'Family name',
  'Nickname',
  'Organization',
  'Title',
  'Birthday',
  'Emails',
  'Phones',
  'Addresses',
  'Labels',
  'Notes',
  'Google resource name',
] as const;

/** RFC 4180: quote every field, double the quotes inside. A leading =+-@ is defused for spreadsheets. */
function csvField(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@]/.test(text) && !/^\+?[\d\s()-]+$/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvHeader(): string {
  return CSV_COLUMNS.map(csvField).join(',') + '\r\n';
}

export function toCsvRow(c: ExportContact): string {
  const address = (a: ExportContact['addresses'][number]) =>
    [a.street, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ');
  return (
    [
      displayNameOf(c),
      c.givenName,
      c.familyName,
      c.nickname,
      c.organization,
      c.title,
      c.birthday,
      c.emails.map((e) => e.value).join('; '),
      c.phones.map((p) => p.raw).join('; '),
      c.addresses.map(address).join(' | '),
      c.labels.join('; '),
      c.notes,
      c.resourceName,
    ]
      .map(csvField)
      .join(',') + '\r\n'
  );
}

function xml(value: string): string {
  return value.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Cisco phones show at most 32 characters of a name or number. */
const cisco = (value: string) => xml([...value].slice(0, 32).join(''));

export const CISCO_HEADER =
  '<?xml version="1.0" encoding="UTF-8"?>\n<CiscoIPPhoneDirectory>\n  <Title>Contacts</Title>\n  <Prompt>Select a contact</Prompt>\n';
export const CISCO_FOOTER = '</CiscoIPPhoneDirectory>\n';

/** One directory entry per dialable number; a number is digits with an optional leading +. */
export function toCiscoEntries(c: ExportContact): string {
  return c.phones
    .map((p) => (p.e164 ?? p.raw.replace(/[^\d+]/g, '')).replace(/(?!^)\+/g, ''))
    .filter((number) => /\d{3,}/.test(number))
    .map(
      (number) =>
        `  <DirectoryEntry>\n    <Name>${cisco(displayNameOf(c))}</Name>\n    <Telephone>${cisco(number)}</Telephone>\n  </DirectoryEntry>\n`,
    )
    .join('');
}
