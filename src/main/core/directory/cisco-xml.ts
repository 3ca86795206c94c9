/**
 * The Cisco IP phone XML objects the directory service answers with, within the limits of the
 * phones (Cisco Unified IP Phone Services Application Development Notes, "CiscoIPPhone XML
 * Objects"): a Title and Prompt of at most 32 characters, at most 32 DirectoryEntry elements per
 * object, a Name and Telephone of at most 32 characters each, an InputItem DisplayName of at most
 * 32, URLs of at most 256 characters, at most 8 SoftKeyItems.
 */
import { xmlSafe, xmlText } from '../xml-text.js';

export const CISCO_LIMITS = {
  title: 32,
  prompt: 32,
  entries: 32,
  name: 32,
  telephone: 32,
  displayName: 32,
  url: 256,
  softKeys: 8,
} as const;

/**
 * At most `limit` characters (code points, so no half of an emoji) on one line, without what
 * XML 1.0 forbids (a control character in a name would make the phone reject the whole page).
 */
export function field(value: string, limit: number): string {
  const oneLine = xmlSafe(value).replace(/\s+/g, ' ').trim();
  return xmlText([...oneLine].slice(0, limit).join(''));
}

export interface SoftKey {
  name: string;
  url: string;
}

function softKeys(keys: SoftKey[]): string {
  return keys
    .slice(0, CISCO_LIMITS.softKeys)
    .map(
      (key, index) =>
        `<SoftKeyItem><Name>${field(key.name, 16)}</Name><URL>${field(key.url, CISCO_LIMITS.url)}</URL><Position>${index + 1}</Position></SoftKeyItem>`,
    )
    .join('');
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export interface InputItem {
  displayName: string;
  param: string;
  /** A plain-ASCII field (A) or a telephone-number field (T). */
  flags: 'A' | 'T';
}

export function inputXml(title: string, prompt: string, url: string, items: InputItem[]): string {
  const inputs = items
    .map(
      (item) =>
        `<InputItem><DisplayName>${field(item.displayName, CISCO_LIMITS.displayName)}</DisplayName><QueryStringParam>${field(item.param, 32)}</QueryStringParam><DefaultValue></DefaultValue><InputFlags>${item.flags}</InputFlags></InputItem>`,
    )
    .join('');
  return `${DECLARATION}<CiscoIPPhoneInput><Title>${field(title, CISCO_LIMITS.title)}</Title><Prompt>${field(prompt, CISCO_LIMITS.prompt)}</Prompt><URL>${field(url, CISCO_LIMITS.url)}</URL>${inputs}</CiscoIPPhoneInput>\n`;
}

export interface DirectoryEntry {
  name: string;
  telephone: string;
}

export function directoryXml(
  title: string,
  prompt: string,
  entries: DirectoryEntry[],
  keys: SoftKey[],
): string {
  const body = entries
    .slice(0, CISCO_LIMITS.entries)
    .map(
      (entry) =>
        `<DirectoryEntry><Name>${field(entry.name, CISCO_LIMITS.name)}</Name><Telephone>${field(entry.telephone, CISCO_LIMITS.telephone)}</Telephone></DirectoryEntry>`,
    )
    .join('');
  return `${DECLARATION}<CiscoIPPhoneDirectory><Title>${field(title, CISCO_LIMITS.title)}</Title><Prompt>${field(prompt, CISCO_LIMITS.prompt)}</Prompt>${body}${softKeys(keys)}</CiscoIPPhoneDirectory>\n`;
}

export function textXml(title: string, text: string): string {
  return `${DECLARATION}<CiscoIPPhoneText><Title>${field(title, CISCO_LIMITS.title)}</Title><Text>${field(text, 4000)}</Text></CiscoIPPhoneText>\n`;
}
