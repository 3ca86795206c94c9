/**
 * The Cisco IP phone directory (`CiscoIPPhoneDirectory`), one entry per dialable number. Text is
 * filtered by text-safety (nothing invalid in XML 1.0 remains), XML-escaped, and cut to the
 * phones' limits: Title, Prompt, Name and Telephone at most 32 characters each.
 */
import { displayNameOf, type ExportContact } from './contact.js';
import { oneLine } from './text-safety.js';

/** Cisco's limit for every text element of the directory. */
export const CISCO_FIELD_MAX = 32;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** One line, at most 32 characters (whole code points, then trimmed), XML-escaped. */
export function ciscoText(value: string): string {
  const cut = [...oneLine(value)].slice(0, CISCO_FIELD_MAX).join('').trim();
  return cut.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

export const CISCO_HEADER =
  '<?xml version="1.0" encoding="UTF-8"?>\n<CiscoIPPhoneDirectory>\n  <Title>Contacts</Title>\n  <Prompt>Select a contact</Prompt>\n';
export const CISCO_FOOTER = '</CiscoIPPhoneDirectory>\n';

/** What a phone dials: digits with an optional leading +, or null when there are too few. */
export function dialable(phone: ExportContact['phones'][number]): string | null {
  const number = (phone.e164 ?? phone.raw.replace(/[^\d+]/g, '')).replace(/(?!^)\+/g, '');
  return /\d{3,}/.test(number) ? number.slice(0, CISCO_FIELD_MAX) : null;
}

export function toCiscoEntries(c: ExportContact): string {
  const name = ciscoText(displayNameOf(c));
  return c.phones
    .map(dialable)
    .filter((n): n is string => n !== null)
    .map(
      (number) =>
        `  <DirectoryEntry>\n    <Name>${name}</Name>\n    <Telephone>${number}</Telephone>\n  </DirectoryEntry>\n`,
    )
    .join('');
}
