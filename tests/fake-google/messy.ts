/** The deliberately messy contacts, placed at fixed generation indices (see `MESSY`). */
import type { ContactFields } from './types.js';

/**
 * Generation indices of the deliberately messy contacts; all are present when seeding more than
 * `MESSY_MAX_INDEX` contacts. `messyResourceName(kind)` (data.ts) gives their resource names.
 */
export const MESSY = {
  accents: 1,
  cjk: 2,
  cyrillic: 3,
  rtlArabic: 4,
  rtlHebrew: 5,
  emoji: 6,
  noName: 7,
  phoneOnly: 8,
  manyPhones: 9,
  hugeNotes: 10,
  oddPhones: 11,
  multiLineAddress: 12,
  birthdayNoYear: 13,
  birthdayWithYear: 14,
  birthdayText: 15,
  duplicateNameA: 16,
  duplicateNameB: 17,
  decomposedUnicode: 18,
  japanese: 19,
} as const;
export type MessyKind = keyof typeof MESSY;
export const MESSY_MAX_INDEX = 19;
/** Number of phone numbers of the `manyPhones` contact. */
export const MANY_PHONES = 40;
/** Minimum UTF-8 size of the `hugeNotes` contact's biography. */
export const HUGE_NOTES_BYTES = 60 * 1024;

const TYPE_LABELS: Record<string, string> = {
  home: 'Home',
  work: 'Work',
  other: 'Other',
  mobile: 'Mobile',
  blog: 'Blog',
};

/** Adds `type` and Google's localized `formattedType` to a field item. */
export function typed<T extends object>(item: T, type: string | undefined): T {
  if (!type) return item;
  return Object.assign(item, { type, formattedType: TYPE_LABELS[type] ?? type });
}

function name(given: string, family: string | undefined, display?: string) {
  const displayName = display ?? (family ? `${given} ${family}` : given);
  return [
    {
      displayName,
      givenName: given,
      ...(family ? { familyName: family } : {}),
      displayNameLastFirst: family ? `${family}, ${given}` : given,
      unstructuredName: displayName,
    },
  ];
}

let hugeNotes: string | undefined;
function hugeNotesText(): string {
  if (hugeNotes !== undefined) return hugeNotes;
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 1; bytes < HUGE_NOTES_BYTES; i++) {
    const line = `${i}. Meeting notes — Größe, 日本語, emoji 🎉; "quotes", <tags> & tabs\tend.`;
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  hugeNotes = lines.join('\n');
  return hugeNotes;
}

const BUILDERS: Record<number, () => ContactFields> = {
  [MESSY.accents]: () => ({
    names: name('Zoë', 'Ångström-Lefèvre'),
    emailAddresses: [typed({ value: 'zoe.angstrom@example.com' }, 'home')],
  }),
  [MESSY.cjk]: () => ({
    names: [{ ...name('小明', '王', '王小明')[0], displayNameLastFirst: '王小明' }],
    phoneNumbers: [typed({ value: '+86 10 5555 0123', canonicalForm: '+861055550123' }, 'mobile')],
  }),
  [MESSY.cyrillic]: () => ({
    names: name('Анастасия', 'Кузнецова'),
    emailAddresses: [{ value: 'a.kuznetsova@example.org' }],
  }),
  [MESSY.rtlArabic]: () => ({
    names: name('محمد', 'العلي'),
    phoneNumbers: [typed({ value: '+971 50 555 0199', canonicalForm: '+971505550199' }, 'mobile')],
  }),
  [MESSY.rtlHebrew]: () => ({
    names: name('נועה', 'כהן'),
    emailAddresses: [{ value: 'noa.cohen@example.co.il' }],
  }),
  [MESSY.emoji]: () => ({
    names: name('Mum ❤️', undefined),
    nicknames: [{ value: '👩‍👧‍👦 Family boss 👍🏽' }],
    phoneNumbers: [typed({ value: '+1 206 555 0107', canonicalForm: '+12065550107' }, 'mobile')],
  }),
  [MESSY.noName]: () => ({ emailAddresses: [{ value: 'no-name-just-email@example.com' }] }),
  [MESSY.phoneOnly]: () => ({
    phoneNumbers: [typed({ value: '+1 415 555 0142', canonicalForm: '+14155550142' }, 'mobile')],
  }),
  [MESSY.manyPhones]: () => ({
    names: name('Switchboard', 'Operator'),
    phoneNumbers: Array.from({ length: MANY_PHONES }, (_, i) => {
      const line = String(100 + i).padStart(4, '0');
      const type = i % 3 === 0 ? 'work' : i % 3 === 1 ? 'mobile' : undefined;
      return typed({ value: `+1 212 555 ${line}`, canonicalForm: `+1212555${line}` }, type);
    }),
  }),
  [MESSY.hugeNotes]: () => ({
    names: name('Verbose', 'Notetaker'),
    biographies: [{ value: hugeNotesText(), contentType: 'TEXT_PLAIN' }],
  }),
  [MESSY.oddPhones]: () => ({
    names: name('Odd', 'Phones'),
    phoneNumbers: [
      typed({ value: '(555) 010-2030' }, 'home'),
      typed({ value: '+44 20 7946 0018', canonicalForm: '+442079460018' }, 'work'),
      { value: '0049 30 1234567', canonicalForm: '+49301234567' },
      { value: '555-0123 ext. 12' },
      typed({ value: '+1 (415) 555-0100 x 99', canonicalForm: '+14155550100' }, 'work'),
      { value: 'call me' },
      { value: '  030/123 45 67  ' },
      { value: '*31#0123' },
    ],
  }),
  [MESSY.multiLineAddress]: () => ({
    names: name('Sherlock', 'Holmes'),
    addresses: [
      typed(
        {
          formattedValue:
            'c/o Mrs Hudson\nFlat B\n221B Baker Street\nLondon NW1 6XE\nUnited Kingdom',
          streetAddress: 'Flat B\n221B Baker Street',
          extendedAddress: 'c/o Mrs Hudson',
          city: 'London',
          postalCode: 'NW1 6XE',
          country: 'United Kingdom',
          countryCode: 'GB',
        },
        'home',
      ),
      { formattedValue: 'Somewhere near the old mill\nturn left at the big oak\n(ask for Bob)' },
    ],
  }),
  [MESSY.birthdayNoYear]: () => ({
    names: name('Leap', 'Day'),
    birthdays: [{ date: { month: 2, day: 29 } }],
  }),
  [MESSY.birthdayWithYear]: () => ({
    names: name('New Year', 'Eve'),
    birthdays: [{ date: { year: 1985, month: 12, day: 31 } }],
  }),
  [MESSY.birthdayText]: () => ({
    names: name('Vague', 'Birthday'),
    birthdays: [{ text: 'sometime in spring' }],
  }),
  [MESSY.duplicateNameA]: () => ({
    names: name('John', 'Smith'),
    emailAddresses: [{ value: 'john.smith@example.com' }],
  }),
  [MESSY.duplicateNameB]: () => ({
    names: name('John', 'Smith'),
    emailAddresses: [{ value: 'jsmith1970@example.net' }],
  }),
  [MESSY.decomposedUnicode]: () => ({
    names: name('Jose\u0301', 'Mu\u0308ller'),
    emailAddresses: [{ value: 'jose.mueller@example.de' }],
  }),
  [MESSY.japanese]: () => ({
    names: [{ ...name('太郎', '山田', '山田太郎')[0], phoneticFullName: 'やまだ たろう' }],
  }),
};

export function buildMessy(index: number): ContactFields | undefined {
  return BUILDERS[index]?.();
}
