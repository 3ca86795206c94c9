/** How details read: numbers for the region, birthdays in the locale, names in script order. */
import { describe, expect, it } from 'vitest';
import {
  formatBirthday,
  formatPhone,
  googleContactsUrl,
  mailtoUrl,
  personName,
  regionOfLocale,
  telUrl,
} from '../../src/renderer/contact-format.js';

describe('phone numbers', () => {
  it('takes the region from the locale, guessing it for a bare language', () => {
    expect(regionOfLocale('en-US')).toBe('US');
    expect(regionOfLocale('de-CH')).toBe('CH');
    expect(regionOfLocale('de')).toBe('DE');
    expect(regionOfLocale('not a locale')).toBeNull();
  });

  it('writes numbers of the region nationally and others internationally', () => {
    expect(formatPhone('+12125550100', '+12125550100', 'US')).toBe('(212) 555-0100');
    expect(formatPhone('+12125550100', '+12125550100', 'GB')).toBe('+1 212 555 0100');
    expect(formatPhone('+44 20 7946 0000', '+442079460000', 'GB')).toBe('020 7946 0000');
    expect(formatPhone('02079460000', null, 'GB')).toBe('020 7946 0000');
    expect(formatPhone('+12125550100', '+12125550100', null)).toBe('+1 212 555 0100');
  });

  it('shows what it cannot parse as typed', () => {
    expect(formatPhone('ext. 12 (ask for Bob)', null, 'US')).toBe('ext. 12 (ask for Bob)');
    expect(formatPhone('555', null, 'US')).toBe('555');
  });

  it('dials the E.164 form, or the digits as typed, and never a service code', () => {
    expect(telUrl('(212) 555-0100', '+12125550100')).toBe('tel:+12125550100');
    expect(telUrl('0171 555 0100', null)).toBe('tel:01715550100');
    expect(telUrl('*21*0123#', null)).toBe('tel:210123');
    expect(telUrl('call me', null)).toBeNull();
  });
});

describe('email links', () => {
  it('links one plain address and nothing that adds recipients or headers', () => {
    expect(mailtoUrl('ada@example.com')).toBe('mailto:ada@example.com');
    expect(mailtoUrl('ada@example.com?bcc=spy@example.net')).toBeNull();
    expect(mailtoUrl('ada@example.com,spy@example.net')).toBeNull();
    expect(mailtoUrl('not an address')).toBeNull();
  });
});

describe('birthdays', () => {
  it('are written in the locale’s date format', () => {
    expect(formatBirthday('1945-12-18', 'en-GB')).toBe('18 December 1945');
    expect(formatBirthday('1945-12-18', 'en-US')).toBe('December 18, 1945');
    expect(formatBirthday('1945-12-18', 'de-DE')).toBe('18. Dezember 1945');
  });

  it('without a year show the day and month, 29 February included', () => {
    expect(formatBirthday('--02-29', 'en-GB')).toBe('29 February');
    expect(formatBirthday('--12-18', 'en-US')).toBe('December 18');
  });

  it('keep free text and impossible dates as Google holds them', () => {
    expect(formatBirthday('sometime in May', 'en-GB')).toBe('sometime in May');
    expect(formatBirthday('1990-02-30', 'en-GB')).toBe('1990-02-30');
    expect(formatBirthday('--13-01', 'en-GB')).toBe('--13-01');
  });
});

describe('names', () => {
  it('are written in the order of their script', () => {
    expect(personName('小明', '王')).toBe('王小明');
    expect(personName('太郎', '山田')).toBe('山田太郎');
    expect(personName('민준', '김')).toBe('김민준');
    expect(personName('Ada', 'Lovelace')).toBe('Ada Lovelace');
    expect(personName('Анастасия', 'Кузнецова')).toBe('Анастасия Кузнецова');
    expect(personName('Cher', null)).toBe('Cher');
    expect(personName(null, ' ')).toBeNull();
  });
});

describe('Open in Google Contacts', () => {
  it('links the person page of the resource name, in the contact’s account', () => {
    expect(googleContactsUrl('people/c8692183175649231489')).toBe(
      'https://contacts.google.com/person/c8692183175649231489',
    );
    expect(googleContactsUrl('people/c1', 'ann@example.com')).toBe(
      'https://contacts.google.com/person/c1?authuser=ann%40example.com',
    );
    expect(googleContactsUrl('contactGroups/x')).toBeNull();
  });
});
