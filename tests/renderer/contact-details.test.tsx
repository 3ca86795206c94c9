/** The details pane: readable formats, links that act, and copy targets a person can hit. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { ContactDetails } from '../../src/renderer/sections/ContactDetails.js';
import type { ContactDetail } from '../../src/shared/api/contract.js';
import { FakeApi } from './fake-api.js';
import { contact } from './fake-contacts.js';

afterEach(cleanup);

const detail = (overrides: Partial<ContactDetail> = {}): ContactDetail => ({
  accountId: 1,
  resourceName: 'people/c42',
  displayName: 'Ada Lovelace',
  givenName: 'Ada',
  familyName: 'Lovelace',
  nickname: null,
  organization: null,
  title: null,
  birthday: null,
  notes: null,
  photoUrl: null,
  emails: [],
  phones: [],
  addresses: [],
  labels: [],
  deletedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  syncedAt: '2026-01-01T00:00:00Z',
  ...overrides,
});

const pane = () => screen.getByRole('article', { name: 'Contact details' });

describe('Contact details', () => {
  it('writes numbers for the person’s region, dials and copies them as Google holds them', () => {
    render(
      <ContactDetails
        locale="en-US"
        contact={detail({
          phones: [
            { raw: '+12125550100', e164: '+12125550100', type: 'work' },
            { raw: '+44 20 7946 0000', e164: '+442079460000', type: null },
          ],
        })}
      />,
    );
    const home = within(pane()).getByRole('link', { name: '(212) 555-0100' });
    expect(home.getAttribute('href')).toBe('tel:+12125550100');
    const abroad = within(pane()).getByRole('link', { name: '+44 20 7946 0000' });
    expect(abroad.getAttribute('href')).toBe('tel:+442079460000');
    expect(within(pane()).getByRole('button', { name: 'Copy phone (work)' })).toBeTruthy();
  });

  it('writes the same number nationally for a person in its country', () => {
    render(
      <ContactDetails
        locale="en-GB"
        contact={detail({ phones: [{ raw: '+442079460000', e164: '+442079460000', type: null }] })}
      />,
    );
    expect(within(pane()).getByRole('link', { name: '020 7946 0000' })).toBeTruthy();
  });

  it('makes emails mail links', () => {
    render(
      <ContactDetails
        locale="en-US"
        contact={detail({ emails: [{ value: 'ada@example.com', type: 'home' }] })}
      />,
    );
    const link = within(pane()).getByRole('link', { name: 'ada@example.com' });
    expect(link.getAttribute('href')).toBe('mailto:ada@example.com');
  });

  it('shows birthdays in the locale’s words, with or without a year', () => {
    const { rerender } = render(
      <ContactDetails locale="en-GB" contact={detail({ birthday: '1945-12-18' })} />,
    );
    expect(within(pane()).getByText('18 December 1945')).toBeTruthy();
    rerender(<ContactDetails locale="en-GB" contact={detail({ birthday: '--02-29' })} />);
    expect(within(pane()).getByText('29 February')).toBeTruthy();
    expect(within(pane()).queryByText('--02-29')).toBeNull();
  });

  it('writes a Chinese name family name first, without a space', () => {
    render(
      <ContactDetails
        locale="en-US"
        contact={detail({ displayName: 'Xiaoming', givenName: '小明', familyName: '王' })}
      />,
    );
    expect(within(pane()).getByText('王小明')).toBeTruthy();
    expect(within(pane()).queryByText('小明 王')).toBeNull();
  });

  it('links the contact in Google Contacts and names its account when there are several', () => {
    const { rerender } = render(<ContactDetails locale="en-US" contact={detail()} />);
    expect(
      within(pane()).getByRole('link', { name: 'Open in Google Contacts' }).getAttribute('href'),
    ).toBe('https://contacts.google.com/person/c42');
    expect(within(pane()).queryByText(/^In /)).toBeNull();

    rerender(<ContactDetails locale="en-US" contact={detail()} accountEmail="grace@example.com" />);
    expect(within(pane()).getByText('In grace@example.com')).toBeTruthy();
    expect(
      within(pane()).getByRole('link', { name: 'Open in Google Contacts' }).getAttribute('href'),
    ).toBe('https://contacts.google.com/person/c42?authuser=grace%40example.com');
  });
});

describe('The phone region setting', () => {
  it('is offered in Settings and saved', async () => {
    const api = new FakeApi();
    render(<App api={api} initialSection="Settings" />);
    const region = await screen.findByRole('combobox', { name: 'Write phone numbers as in' });
    expect((region as HTMLSelectElement).value).toBe('');
    expect(
      within(region).getByRole('option', { name: /from the computer’s language/ }),
    ).toBeTruthy();
    fireEvent.change(region, { target: { value: 'GB' } });
    await waitFor(() => expect(api.callsOf('updateSettings')).toEqual([{ phoneRegion: 'GB' }]));
  });

  it('writes the details’ numbers for the chosen region', async () => {
    const api = new FakeApi();
    api.settings.phoneRegion = 'GB';
    api.contacts = [contact('Ada Lovelace')];
    api.answers.getContact = () => ({
      ok: true,
      value: detail({ phones: [{ raw: '+442079460000', e164: '+442079460000', type: null }] }),
    });
    render(<App api={api} initialSection="Contacts" />);
    fireEvent.click(await screen.findByRole('button', { name: /^Ada Lovelace/ }));
    // jsdom's language is en-US: without the setting this would read +44 20 7946 0000.
    expect(
      await within(await screen.findByRole('article')).findByRole('link', {
        name: '020 7946 0000',
      }),
    ).toBeTruthy();
  });
});
