/**
 * What the exporters do to text before any format sees it, so that no value can break out of
 * its field whatever Google (or a person typing into it) put there. The documented filtering:
 * - every line break (CRLF, CR, LF, NEL, U+2028, U+2029) becomes LF in multi-line values and a
 *   space in one-line values (names, numbers, emails);
 * - TAB is kept in multi-line values and becomes a space in one-line values;
 * - every other control character (C0, DEL, C1), lone surrogates and the non-characters
 *   U+FFFE/U+FFFF are removed: none of them is valid in XML 1.0 and none can be typed usefully.
 * The command line's tables use `oneLine` too, so no escape sequence reaches a terminal.
 */

const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;
/** Controls but TAB and LF, lone surrogates and the two non-characters XML forbids. */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A value that may span lines (notes, addresses): LF for every line break, no other control. */
export function multiLine(value: string | null | undefined): string {
  return (value ?? '').replace(LINE_BREAKS, '\n').replace(UNSAFE, '');
}

/** A value that must stay on one line (names, numbers, emails, labels). */
export function oneLine(value: string | null | undefined): string {
  return multiLine(value).replace(/[\n\t]/g, ' ');
}
