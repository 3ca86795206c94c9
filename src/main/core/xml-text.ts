/** Text for XML documents we write (CardDAV answers, the Cisco phone directory). */

/** Characters XML 1.0 forbids (C0 controls but tab/newline/return, lone surrogates, U+FFFE/F). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Drops what XML cannot hold, so a contact's stray control character never breaks a document. */
export const xmlSafe = (value: string): string => value.replace(NOT_XML, '');

/** Escaped for element text and attribute values, with named entities every parser knows. */
export const xmlText = (value: string): string =>
  xmlSafe(value).replace(/[<>&"']/g, (ch) => ENTITIES[ch] ?? ch);
