/**
 * How a contact's details read to a person: phone numbers in the way their region writes them,
 * birthdays in their locale's date format, names in the order of their script, and the links
 * that turn an email, a number or the contact itself into an action.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/**
 * The region a locale implies ("de-CH" → CH; "de" → DE through the likely-subtags data), or
 * null when there is none. Numbers of that region are written nationally, others in full.
 */
export function regionOfLocale(locale: string): CountryCode | null {
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region && /^[A-Z]{2}$/.test(region) ? (region as CountryCode) : null;
  } catch {
    return null;
  }
}

/**
 * A number as the person's region writes it: national format for their own country
 * ("(212) 555-0100" in the US), international otherwise ("+44 20 7946 0000"). What cannot be
 * parsed is shown as typed; nothing is ever dropped.
 */
export function formatPhone(raw: string, e164: string | null, region: CountryCode | null): string {
  const parsed =
    parsePhoneNumberFromString(e164 ?? raw, region ?? undefined) ??
    (e164 ? parsePhoneNumberFromString(raw, region ?? undefined) : undefined);
  if (!parsed?.isValid()) return raw;
  return parsed.country !== undefined && parsed.country === region
    ? parsed.formatNational()
    : parsed.formatInternational();
}

/** `tel:` for a number: E.164 when known (dials from anywhere), else the digits as typed. */
export function telUrl(raw: string, e164: string | null): string | null {
  const number = e164 ?? raw.replace(/[^\d+]/g, '');
  return /\d/.test(number) ? `tel:${number}` : null;
}

/** `mailto:` for one address; anything that could add headers or recipients gets no link. */
export function mailtoUrl(address: string): string | null {
  return /^[^\s@?&#,;:<>"/\\]+@[^\s@?&#,;:<>"/\\]+$/.test(address) ? `mailto:${address}` : null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAY = /^--(\d{2})-?(\d{2})$/;

/**
 * A birthday in the locale's words: "18 December 1945" / "December 18, 1945", and without a
 * year "29 February" / "February 29". Free text Google kept as typed stays as it is. Dates are
 * built in UTC and formatted in UTC, so no time zone moves a birthday by a day.
 */
export function formatBirthday(birthday: string, locale: string): string {
  const full = ISO_DATE.exec(birthday);
  const partial = full ? null : MONTH_DAY.exec(birthday);
  const [year, month, day] = full
    ? [Number(full[1]), Number(full[2]), Number(full[3])]
    : partial
      ? [null, Number(partial[1]), Number(partial[2])]
      : [null, 0, 0];
  if (month < 1 || month > 12 || day < 1 || day > 31) return birthday;
  // A leap year stands in for a missing one, so 29 February exists.
  const date = new Date(Date.UTC(2000, month - 1, day));
  if (year !== null) date.setUTCFullYear(year);
  if (date.getUTCDate() !== day) return birthday;
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    ...(year !== null ? { year: 'numeric' } : {}),
  }).format(date);
}

/** Scripts written family name first, without a space between the names. */
const FAMILY_FIRST = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * A person's full name in the order of its script: 王小明 and 山田太郎 (family first, no space),
 * Ada Lovelace (given first). Null when there is no structured name.
 */
export function personName(given: string | null, family: string | null): string | null {
  const parts = [given, family].filter((p): p is string => Boolean(p?.trim()));
  if (parts.length === 0) return null;
  if (given && family && FAMILY_FIRST.test(given + family)) return `${family}${given}`;
  return parts.join(' ');
}

/**
 * The contact's page in Google Contacts (contacts.google.com/person/c123 for people/c123),
 * opened in the right Google account when the person has several (`authuser`).
 */
export function googleContactsUrl(resourceName: string, accountEmail?: string): string | null {
  const match = /^people\/([A-Za-z0-9_-]+)$/.exec(resourceName);
  if (!match) return null;
  const url = new URL(`https://contacts.google.com/person/${match[1]}`);
  if (accountEmail) url.searchParams.set('authuser', accountEmail);
  return url.toString();
}
