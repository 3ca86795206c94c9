/**
 * What a contact without a photo shows: up to two initials on a colour chosen from the name, so
 * the same person always gets the same colour. Every colour carries white text at WCAG AA
 * contrast (4.5:1 or more, tests/renderer/avatar.test.tsx), in the light and the dark theme alike.
 */

export const AVATAR_COLOURS: readonly string[] = [
  '#1565C0',
  '#2E7D32',
  '#AD1457',
  '#6A1B9A',
  '#C62828',
  '#00695C',
  '#4527A0',
  '#BF360C',
  '#37474F',
  '#5D4037',
  '#283593',
  '#8E24AA',
];

export const AVATAR_TEXT_COLOUR = '#FFFFFF';

/** The same colour for the same name on every run and machine (FNV-1a of its code points). */
export function avatarColour(name: string): string {
  let hash = 0x811c9dc5;
  for (const char of name.normalize('NFC')) {
    hash = Math.imul(hash ^ (char.codePointAt(0) as number), 0x01000193);
  }
  return AVATAR_COLOURS[(hash >>> 0) % AVATAR_COLOURS.length] as string;
}

const LETTER = /\p{L}/u;
/** Scripts written without spaces between given and family name: one character says enough. */
const UNSPACED = /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u;
/** For a contact known only by a number, or a name without letters. */
export const NO_INITIALS = '#';

/** "Ada Lovelace" → "AL", "ada.l@example.com" → "A", "李小龍" → "李", "+1 415…" → "#". */
export function initialsOf(name: string): string {
  const isEmail = name.includes('@');
  const words = name
    .split(/[\s._-]+/)
    .map((word) => Array.from(word).find((char) => LETTER.test(char)))
    .filter((char): char is string => char !== undefined);
  const first = words[0];
  if (!first) return NO_INITIALS;
  const last =
    words.length > 1 && !isEmail && !UNSPACED.test(first) ? (words.at(-1) as string) : '';
  return (first + last).toLocaleUpperCase();
}
