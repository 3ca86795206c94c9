import { describe, expect, it } from 'vitest';
import {
  formatBirthday,
  normalizePhone,
  toContactRecord,
} from '../../src/main/core/google/person.js';

describe('Person → contact record', () => {
  it('takes the primary name and organization and keeps the raw person', () => {
    const person = {
      resourceName: 'people/c1',
      etag: '%abc',
      names: [
        { displayName: 'Other', metadata: { primary: false } },
        {
          displayName: 'Zoë Ångström',
          givenName: 'Zoë',
          familyName: 'Ångström',
          metadata: { primary: true },
        },
      ],
      organizations: [{ name: 'Acme', title: 'CTO' }],
      emailAddresses: [{ value: 'zoe@example.com', type: 'work' }, { value: '' }],
      memberships: [
        { contactGroupMembership: { contactGroupResourceName: 'contactGroups/myContacts' } },
        { contactGroupMembership: { contactGroupResourceName: 'contactGroups/myContacts' } },
      ],
    };
    const record = toContactRecord(person);
    expect(record.displayName).toBe('Zoë Ångström');
    expect(record.familyName).toBe('Ångström');
    expect(record.organization).toBe('Acme');
    expect(record.title).toBe('CTO');
    expect(record.emails).toEqual([{ value: 'zoe@example.com', type: 'work' }]);
    expect(record.memberships).toEqual(['contactGroups/myContacts']);
    expect(JSON.parse(record.raw)).toEqual(person);
  });

  it('a person with no name keeps null fields rather than inventing one', () => {
    const record = toContactRecord({
      resourceName: 'people/c2',
      phoneNumbers: [{ value: 'call me' }],
    });
    expect(record.displayName).toBeNull();
    expect(record.phones).toEqual([{ raw: 'call me', e164: null, type: null }]);
  });

  it('normalizes phone numbers to E.164, keeping the raw value', () => {
    expect(normalizePhone('(555) 010-2030', '+15550102030')).toBe('+15550102030');
    expect(normalizePhone('+44 20 7946 0018', undefined)).toBe('+442079460018');
    expect(normalizePhone('030 1234567', undefined, 'DE')).toBe('+49301234567');
    expect(normalizePhone('call me', undefined, 'US')).toBeNull();
    expect(normalizePhone('12', undefined, 'US')).toBeNull();
    // A canonical form that is not E.164 is not trusted.
    expect(normalizePhone('+44 20 7946 0018', 'garbage')).toBe('+442079460018');
  });

  it('formats birthdays with and without a year', () => {
    expect(formatBirthday({ date: { year: 1990, month: 2, day: 3 } })).toBe('1990-02-03');
    expect(formatBirthday({ date: { month: 12, day: 24 } })).toBe('--12-24');
    expect(formatBirthday({ text: 'sometime in May' })).toBe('sometime in May');
    expect(formatBirthday(undefined)).toBeNull();
  });
});
