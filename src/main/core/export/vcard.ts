/**
 * vCard 3.0 (RFC 2426) and 4.0 (RFC 6350), one contact at a time so a 100k export streams.
 * Every value goes through text-safety first, then the format's escaping: `\` `,` `\n` always,
 * `;` where it would separate the components of a structured value (N, ADR, ORG); phone numbers
 * keep only what can be dialled (telValue). A free-text
 * birthday (Google allows one) is no date, so it is added to NOTE instead of forging a BDAY.
 */
import { multiLine, oneLine } from './text-safety.js';
import { displayNameOf, type ExportContact } from './contact.js';

export type VCardVersion = '3.0' | '4.0';

const escapeText = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/\n/g, '\\n');
/** A one-line value. */
const line = (value: string | null | undefined) => escapeText(oneLine(value));
/** A component of a structured value: its semicolons are data, not separators. */
const part = (value: string | null | undefined) => line(value).replace(/;/g, '\\;');

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 6350 §3.2). */
export function foldLine(text: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of text) {
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

/**
 * A number to dial keeps letters (vanity numbers, "ext"), digits, spaces and + * # ( ) - . /
 * only: TEL is a phone-number (3.0) or URI (4.0) value, where no escaping reads back the same.
 */
export function telValue(value: string): string {
  return oneLine(value)
    .replace(/[^\p{L}\p{N} +*#()\-./]/gu, '')
    .trim();
}

/** Google's phone and email types as vCard TYPE parameters; custom types keep letters only. */
const KNOWN_TYPES: Record<string, string[]> = {
  mobile: ['cell'],
  homefax: ['home', 'fax'],
  workfax: ['work', 'fax'],
  otherfax: ['fax'],
  main: ['voice'],
  workmobile: ['work', 'cell'],
};

function typeParam(type: string | null, version: VCardVersion): string {
  if (!type) return '';
  const key = type.toLowerCase().replace(/[^a-z0-9-]/g, '');
  const types = KNOWN_TYPES[key] ?? (key ? [key] : []);
  if (types.length === 0) return '';
  const value = types.join(',');
  return `;TYPE=${version === '3.0' ? value.toUpperCase() : value}`;
}

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const NO_YEAR = /^--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A BDAY value for a date Google holds as `YYYY-MM-DD` or `--MM-DD`; null for anything else. */
export function vCardBirthday(birthday: string | null, version: VCardVersion): string | null {
  if (!birthday) return null;
  const full = DATE.exec(birthday);
  if (full) return version === '3.0' ? birthday : `${full[1]}${full[2]}${full[3]}`;
  const noYear = NO_YEAR.exec(birthday);
  return noYear ? `--${noYear[1]}${noYear[2]}` : null;
}

/** The NOTE a card carries: the notes, plus a birthday that is free text rather than a date. */
export function vCardNote(c: ExportContact, version: VCardVersion): string {
  const notes = multiLine(c.notes);
  if (!c.birthday || vCardBirthday(c.birthday, version) !== null) return notes;
  const birthday = `Birthday: ${oneLine(c.birthday)}`;
  return notes ? `${notes}\n${birthday}` : birthday;
}

export function toVCard(c: ExportContact, version: VCardVersion = '3.0'): string {
  const lines = [
    'BEGIN:VCARD',
    `VERSION:${version}`,
    `UID:${line(c.resourceName)}`,
    `FN:${line(displayNameOf(c))}`,
    `N:${part(c.familyName)};${part(c.givenName)};;;`,
  ];
  if (c.nickname) lines.push(`NICKNAME:${line(c.nickname)}`);
  if (c.organization) lines.push(`ORG:${part(c.organization)}`);
  if (c.title) lines.push(`TITLE:${line(c.title)}`);
  const birthday = vCardBirthday(c.birthday, version);
  if (birthday) lines.push(`BDAY:${birthday}`);
  for (const e of c.emails) lines.push(`EMAIL${typeParam(e.type, version)}:${line(e.value)}`);
  for (const p of c.phones) {
    const number = telValue(p.e164 ?? p.raw);
    if (number) lines.push(`TEL${typeParam(p.type, version)}:${number}`);
  }
  for (const a of c.addresses) {
    const fields = [a.street, a.city, a.region, a.postalCode, a.country].map((f) =>
      escapeText(multiLine(f)).replace(/;/g, '\\;'),
    );
    lines.push(`ADR${typeParam(a.type, version)}:;;${fields.join(';')}`);
  }
  if (c.labels.length) lines.push(`CATEGORIES:${c.labels.map(line).join(',')}`);
  const note = vCardNote(c, version);
  if (note) lines.push(`NOTE:${escapeText(note)}`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
