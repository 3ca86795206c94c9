import type { people_v1 } from '@googleapis/people';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

export type Person = people_v1.Schema$Person;
export type ContactGroup = people_v1.Schema$ContactGroup;

/** The fields every page asks for; page and sync tokens require the same list on every call. */
export const PERSON_FIELDS = [
  'addresses',
  'biographies',
  'birthdays',
  'emailAddresses',
  'memberships',
  'metadata',
  'names',
  'nicknames',
  'organizations',
  'phoneNumbers',
  'photos',
  'urls',
].join(',');

export interface PhoneRecord {
  raw: string;
  e164: string | null;
  type: string | null;
}

export interface AddressRecord {
  formatted: string | null;
  street: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  countryCode: string | null;
  type: string | null;
}

/** A Person flattened into the columns and child rows of the local mirror. */
export interface ContactRecord {
  resourceName: string;
  etag: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  nickname: string | null;
  organization: string | null;
  title: string | null;
  birthday: string | null;
  notes: string | null;
  photoUrl: string | null;
  raw: string;
  emails: { value: string; type: string | null }[];
  phones: PhoneRecord[];
  addresses: AddressRecord[];
  memberships: string[];
}

const E164 = /^\+[1-9]\d{5,14}$/;

/**
 * Google usually sends `canonicalForm`; parsing is the slow path, used only without it.
 * The raw value is always kept as typed.
 */
export function normalizePhone(
  raw: string,
  canonicalForm: string | null | undefined,
  defaultRegion?: CountryCode,
): string | null {
  if (canonicalForm && E164.test(canonicalForm)) return canonicalForm;
  if (!/\d/.test(raw)) return null;
  // Without a region only international numbers can be parsed; skip the (slow) failing parse.
  if (!defaultRegion && !/^\s*\+/.test(raw)) return null;
  const parsed = parsePhoneNumberFromString(raw, defaultRegion);
  return parsed?.isValid() ? parsed.number : null;
}

function primary<T extends { metadata?: { primary?: boolean | null } | null }>(
  items: T[] | null | undefined,
): T | undefined {
  if (!items || items.length === 0) return undefined;
  return items.find((item) => item.metadata?.primary) ?? items[0];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO date, or `--MM-DD` (the vCard form) when the year is unknown. */
export function formatBirthday(birthday: people_v1.Schema$Birthday | undefined): string | null {
  if (!birthday) return null;
  const date = birthday.date;
  if (date?.month && date.day) {
    const monthDay = `${pad(date.month)}-${pad(date.day)}`;
    return date.year ? `${String(date.year).padStart(4, '0')}-${monthDay}` : `--${monthDay}`;
  }
  return birthday.text ?? null;
}

export function toContactRecord(person: Person, defaultRegion?: CountryCode): ContactRecord {
  const name = primary(person.names);
  const organization = primary(person.organizations);
  const photo = person.photos?.find((p) => !p.default) ?? undefined;
  return {
    resourceName: person.resourceName as string,
    etag: person.etag ?? null,
    displayName: name?.displayName ?? null,
    givenName: name?.givenName ?? null,
    familyName: name?.familyName ?? null,
    nickname: primary(person.nicknames)?.value ?? null,
    organization: organization?.name ?? null,
    title: organization?.title ?? null,
    birthday: formatBirthday(primary(person.birthdays)),
    notes: primary(person.biographies)?.value ?? null,
    photoUrl: photo?.url ?? null,
    raw: JSON.stringify(person),
    emails: (person.emailAddresses ?? [])
      .filter((e) => e.value)
      .map((e) => ({ value: e.value as string, type: e.type ?? null })),
    phones: (person.phoneNumbers ?? [])
      .filter((p) => p.value)
      .map((p) => ({
        raw: p.value as string,
        e164: normalizePhone(p.value as string, p.canonicalForm, defaultRegion),
        type: p.type ?? null,
      })),
    addresses: (person.addresses ?? []).map((a) => ({
      formatted: a.formattedValue ?? null,
      street: a.streetAddress ?? null,
      city: a.city ?? null,
      region: a.region ?? null,
      postalCode: a.postalCode ?? null,
      country: a.country ?? null,
      countryCode: a.countryCode ?? null,
      type: a.type ?? null,
    })),
    memberships: [
      ...new Set(
        (person.memberships ?? [])
          .map((m) => m.contactGroupMembership?.contactGroupResourceName)
          .filter((rn): rn is string => typeof rn === 'string'),
      ),
    ],
  };
}
