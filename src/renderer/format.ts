/**
 * Small display helpers shared by the sections. Every time shown goes through the helpers below,
 * so the whole window follows the locale's 12- or 24-hour convention (2:30 PM in en-US, 14:30
 * in de-DE) instead of mixing a fixed "14:30" with the locale's "2:30 PM".
 */
export const count = (n: number): string => n.toLocaleString('en-US');

/** `undefined` is the runtime's locale (the person's, in the app); tests pass one. */
type Locale = string | undefined;

const toDate = (instant: Date | string): Date =>
  instant instanceof Date ? instant : new Date(instant);

/** Hour and minute as the locale writes them: "2:05 AM" on a 12-hour clock, "02:05" on 24. */
function timeOptions(locale: Locale): Intl.DateTimeFormatOptions {
  const { hourCycle } = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions();
  const twentyFour = hourCycle === 'h23' || hourCycle === 'h24';
  return { hour: twentyFour ? '2-digit' : 'numeric', minute: '2-digit' };
}

/** Time of day of an instant: "2:30 PM" or "14:30". */
export function clockTime(instant: Date | string, locale?: Locale): string {
  return toDate(instant).toLocaleTimeString(locale, timeOptions(locale));
}

/** Date and time of an instant, short: "12/7/26, 2:30 PM" or "07.12.26, 14:30". */
export function dateTime(instant: Date | string, locale?: Locale): string {
  return toDate(instant).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });
}

/**
 * A wall-clock time "HH:MM" (a schedule's, not an instant) in the locale's convention. Read as
 * UTC so no zone or DST change can move it.
 */
export function wallClock(hhmm: string, locale?: Locale): string {
  const [hour = 0, minute = 0] = hhmm.split(':').map(Number);
  return new Date(Date.UTC(1970, 0, 1, hour, minute)).toLocaleTimeString(locale, {
    ...timeOptions(locale),
    timeZone: 'UTC',
  });
}

/** The exact local time of an ISO instant, for `title` tooltips. */
export function exactTime(iso: string | null, locale?: Locale): string | undefined {
  return iso ? new Date(iso).toLocaleString(locale) : undefined;
}

export function duration(ms: number | null): string {
  if (ms === null) return '—';
  // A median of two runs may be fractional: "100.5 ms" reads as noise.
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export const humanize = (value: string): string => value.replaceAll('_', ' ');
