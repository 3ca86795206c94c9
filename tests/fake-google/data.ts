/**
 * Deterministic generation of realistic, messy contacts and labels. Every contact is generated
 * from its own PRNG stream (seed × index), so the same seed always yields identical data and
 * `addContacts` can continue a seeded set without regenerating it.
 */
import { chance, digits, int, mixSeed, mulberry32, pick, scramble32 } from './prng.js';
import type { Rng } from './prng.js';
import type { ContactFields } from './types.js';
import { buildMessy, MESSY, typed } from './messy.js';
import type { MessyKind } from './messy.js';
import * as W from './words.js';

export { MESSY, MESSY_MAX_INDEX, MANY_PHONES, HUGE_NOTES_BYTES } from './messy.js';
export type { MessyKind } from './messy.js';

/** Resource name of the contact generated at `index` (10 digits, unique, stable). */
export function contactResourceName(index: number): string {
  return `people/c${1_000_000_000 + scramble32(index + 0x5eed)}`;
}

export function messyResourceName(kind: MessyKind): string {
  return contactResourceName(MESSY[kind]);
}

/** 16 hex digit id, as Google uses for sources and user contact groups. */
export function hexId(n: number, salt: number): string {
  const hi = scramble32(n ^ salt)
    .toString(16)
    .padStart(8, '0');
  const lo = scramble32(n + salt * 31)
    .toString(16)
    .padStart(8, '0');
  return hi + lo;
}

export function groupName(i: number): string {
  return W.GROUP_NAMES[i] ?? `Label ${i + 1}`;
}

/** User labels (0-based positions, < labelCount) and starring of the contact at `index`. */
export function generateMemberships(
  index: number,
  seed: number,
  labelCount: number,
): { labels: number[]; starred: boolean } {
  const rng = mulberry32(mixSeed(seed ^ 0x1abe1, index));
  const labels: number[] = [];
  if (labelCount > 0) {
    const n = chance(rng, 0.35) ? 0 : chance(rng, 0.75) ? 1 : 2;
    for (let i = 0; i < n; i++) {
      const label = int(rng, 0, labelCount - 1);
      if (!labels.includes(label)) labels.push(label);
    }
  }
  return { labels, starred: chance(rng, 0.05) };
}

/** The fields of the contact generated at `index` (pure: same arguments, same result). */
export function generateFields(index: number, seed: number): ContactFields {
  const fields = buildMessy(index) ?? regularContact(mulberry32(mixSeed(seed, index)), index);
  if (!fields.photos) fields.photos = [photo(index, false)];
  return fields;
}

const folded = new Map<string, string>();

export function asciiFold(s: string): string {
  const cached = folded.get(s);
  if (cached !== undefined) return cached;
  const result = s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (folded.size < 10_000) folded.set(s, result);
  return result;
}

function regularContact(rng: Rng, index: number): ContactFields {
  const f: ContactFields = {};
  const given = pick(rng, W.GIVEN_NAMES);
  const family = pick(rng, W.FAMILY_NAMES);
  const onlyGiven = chance(rng, 0.06);
  const middle = !onlyGiven && chance(rng, 0.1) ? pick(rng, W.MIDDLE_NAMES) : undefined;
  const display = onlyGiven ? given : [given, middle, family].filter(Boolean).join(' ');
  f.names = [
    onlyGiven
      ? {
          displayName: given,
          givenName: given,
          displayNameLastFirst: given,
          unstructuredName: given,
        }
      : {
          displayName: display,
          givenName: given,
          ...(middle ? { middleName: middle } : {}),
          familyName: family,
          displayNameLastFirst: `${family}, ${[given, middle].filter(Boolean).join(' ')}`,
          unstructuredName: display,
        },
  ];
  if (chance(rng, 0.08)) f.nicknames = [{ value: pick(rng, W.NICKNAMES) }];
  const company = chance(rng, 0.4) ? pick(rng, W.COMPANIES) : undefined;
  const emailCount = chance(rng, 0.15) ? 0 : chance(rng, 0.7) ? 1 : int(rng, 2, 3);
  if (emailCount > 0) {
    f.emailAddresses = [];
    for (let i = 0; i < emailCount; i++) {
      const work = company !== undefined && i === 1;
      const domain = work ? `${asciiFold(company)}.example` : pick(rng, W.MAIL_DOMAINS);
      const type = work ? 'work' : pick(rng, ['home', 'home', 'other', undefined]);
      f.emailAddresses.push(
        typed({ value: emailLocal(rng, given, family, i) + '@' + domain }, type),
      );
    }
  }
  const phoneCount = chance(rng, 0.2) ? 0 : chance(rng, 0.7) ? 1 : int(rng, 2, 3);
  if (phoneCount > 0) {
    f.phoneNumbers = [];
    for (let i = 0; i < phoneCount; i++) {
      f.phoneNumbers.push(typed(phone(rng), pick(rng, ['mobile', 'home', 'work', undefined])));
    }
  }
  if (company) {
    const org: NonNullable<ContactFields['organizations']>[number] = { name: company };
    if (chance(rng, 0.7)) org.title = pick(rng, W.TITLES);
    if (chance(rng, 0.2)) org.department = pick(rng, W.DEPARTMENTS);
    f.organizations = [org];
  }
  if (chance(rng, 0.25)) f.addresses = [address(rng)];
  if (chance(rng, 0.2)) {
    const date = { month: int(rng, 1, 12), day: int(rng, 1, 28) };
    f.birthdays = [{ date: chance(rng, 0.7) ? { year: int(rng, 1940, 2015), ...date } : date }];
  }
  if (chance(rng, 0.1)) {
    f.biographies = [{ value: pick(rng, W.NOTES), contentType: 'TEXT_PLAIN' }];
  }
  if (chance(rng, 0.08)) {
    f.urls = [typed({ value: `https://${asciiFold(given + family)}.example.net/` }, 'blog')];
  }
  if (chance(rng, 0.15)) f.photos = [photo(index, true)];
  return f;
}

function emailLocal(rng: Rng, given: string, family: string, i: number): string {
  const g = asciiFold(given) || 'user';
  const fam = asciiFold(family) || 'x';
  const variant = int(rng, 0, 5);
  const local =
    variant === 0
      ? `${g}.${fam}`
      : variant === 1
        ? `${g}${fam}${int(rng, 1, 99)}`
        : variant === 2
          ? `${g[0] ?? 'x'}.${fam}`
          : variant === 3
            ? `${fam}.${g}+contacts`
            : variant === 4
              ? `${g}_${digits(rng, 4)}`
              : `${g.toUpperCase()}.${fam}`;
  return i > 0 ? `${local}${i}` : local;
}

export function phone(rng: Rng): { value: string; canonicalForm?: string } {
  const kind = int(rng, 0, 5);
  if (kind <= 2) {
    const area = pick(rng, ['212', '415', '312', '617', '206']);
    const line = `01${digits(rng, 2)}`;
    const canonicalForm = `+1${area}555${line}`;
    const value = pick(rng, [
      `(${area}) 555-${line}`,
      `${area}-555-${line}`,
      `+1 ${area} 555 ${line}`,
      `${area}.555.${line}`,
    ]);
    return { value, canonicalForm };
  }
  if (kind === 3) {
    const line = `0${digits(rng, 3)}`;
    const value = pick(rng, [`+44 20 7946 ${line}`, `020 7946 ${line}`]);
    return value.startsWith('+')
      ? { value, canonicalForm: `+442079460${line.slice(1)}` }
      : { value };
  }
  const sub = digits(rng, 7);
  const area = pick(rng, ['30', '89', '40', '171', '151']);
  const value = pick(rng, [`+49 ${area} ${sub}`, `0${area} ${sub}`, `0049 ${area} ${sub}`]);
  return value.startsWith('0') && !value.startsWith('00')
    ? { value }
    : { value, canonicalForm: `+49${area}${sub}` };
}

function address(rng: Rng): NonNullable<ContactFields['addresses']>[number] {
  const place = pick(rng, W.PLACES);
  const street = `${int(rng, 1, 250)} ${pick(rng, W.STREETS)}`;
  const postalCode = place.postal
    .replace(/9/g, () => digits(rng, 1))
    .replace(/A/g, () => {
      return String.fromCharCode(65 + int(rng, 0, 25));
    });
  const lines = [street, `${postalCode} ${place.city}${place.region ? ', ' + place.region : ''}`];
  return typed(
    {
      formattedValue: [...lines, place.country].join('\n'),
      streetAddress: street,
      city: place.city,
      ...(place.region ? { region: place.region } : {}),
      postalCode,
      country: place.country,
      countryCode: place.countryCode,
    },
    pick(rng, ['home', 'work', undefined]),
  );
}

export function photo(index: number, custom: boolean): { url: string; default?: boolean } {
  const id = `AL5GRJ${hexId(index, 0x70686f74)}${hexId(index, 0x746f6d6f)}`;
  return custom
    ? { url: `https://lh3.googleusercontent.com/contacts/${id}` }
    : { url: `https://lh3.googleusercontent.com/cm/${id}`, default: true };
}
