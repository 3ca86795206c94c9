/**
 * Finding your way at 100k (issue 12): the order by first or last name, remembered; A–Z headers
 * and the jump index; the focus in Search contacts; and an empty result that names its filters.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import type { ApiRequest, Label } from '../../src/shared/api/contract.js';
import { account, FakeApi, idleStatus } from './fake-api.js';
import { contact } from './fake-contacts.js';
import { SEARCH_DEBOUNCE_MS } from '../../src/renderer/sections/ContactsSection.js';

afterEach(cleanup);

const searches = (api: FakeApi) => api.callsOf('searchContacts') as ApiRequest<'searchContacts'>[];

/** Three contacts whose first and last names start with different letters. */
const trio = () => [
  contact('Ada Lovelace', { sortName: 'Lovelace, Ada' }),
  contact('Brian Kernighan', { sortName: 'Kernighan, Brian' }),
  contact('Grace Hopper', { sortName: 'Hopper, Grace' }),
];

const rowNames = (list: HTMLElement) =>
  [...list.querySelectorAll('.contact-row .name')].map((n) => n.textContent);

describe('Sort by', () => {
  it('asks for the remembered order first, and remembers a new choice', async () => {
    const api = new FakeApi();
    api.contacts = trio();
    api.settings.contactSort = 'last';
    render(<App api={api} initialSection="Contacts" />);
    const list = await screen.findByRole('list', { name: 'Contacts' });
    await waitFor(() =>
      expect(rowNames(list)).toEqual(['Hopper, Grace', 'Kernighan, Brian', 'Lovelace, Ada']),
    );
    // One query, already in the remembered order: no flash of the first-name order.
    expect(searches(api).map((r) => r.sort)).toEqual(['last']);
    const choice = screen.getByRole('combobox', { name: 'Sort by' }) as HTMLSelectElement;
    expect(choice.value).toBe('last');

    fireEvent.change(choice, { target: { value: 'first' } });
    await waitFor(() =>
      expect(rowNames(list)).toEqual(['Ada Lovelace', 'Brian Kernighan', 'Grace Hopper']),
    );
    expect(api.callsOf('updateSettings')).toEqual([{ contactSort: 'first' }]);
    expect(api.settings.contactSort).toBe('first');
  });
});

describe('A–Z sections', () => {
  it('draws a header before each letter’s first contact, in the chosen order', async () => {
    const api = new FakeApi();
    api.contacts = trio();
    render(<App api={api} initialSection="Contacts" />);
    const list = await screen.findByRole('list', { name: 'Contacts' });
    await waitFor(() =>
      expect([...list.querySelectorAll('.contact-letter')].map((h) => h.textContent)).toEqual([
        'A',
        'B',
        'G',
      ]),
    );
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), {
      target: { value: 'last' },
    });
    await waitFor(() =>
      expect([...list.querySelectorAll('.contact-letter')].map((h) => h.textContent)).toEqual([
        'H',
        'K',
        'L',
      ]),
    );
  });

  it('are asked for search text only once the typing pauses', async () => {
    const api = new FakeApi();
    api.contacts = trio();
    render(<App api={api} initialSection="Contacts" />);
    const box = await screen.findByRole('searchbox', { name: 'Search contacts' });
    await waitFor(() => expect(api.callsOf('contactLetters')).toEqual([{ text: '' }]));
    for (const text of ['g', 'gr', 'gra']) {
      fireEvent.change(box, { target: { value: text } });
      await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 20));
    }
    // Each of those answered, but none was left alone long enough to ask for its sections.
    await waitFor(() => expect(searches(api).map((r) => r.text)).toEqual(['', 'g', 'gr', 'gra']));
    expect(api.callsOf('contactLetters')).toEqual([{ text: '' }]);
    await waitFor(() =>
      expect(api.callsOf('contactLetters')).toEqual([{ text: '' }, { text: 'gra' }]),
    );
  });

  it('jumps to the first contact of a letter, asking the core where it starts', async () => {
    const api = new FakeApi();
    // 300 names from "Name 000 A…" on: 100 per letter A, M and Z; the page of "Z" not loaded yet.
    api.contacts = ['A', 'M', 'Z'].flatMap((letter) =>
      Array.from({ length: 100 }, (_, i) => contact(`${letter}name ${String(i).padStart(3, '0')}`)),
    );
    render(<App api={api} initialSection="Contacts" />);
    const index = await screen.findByRole('navigation', { name: 'Jump to letter' });
    expect(api.callsOf('contactLetters')).toEqual([{ text: '' }]);
    const z = within(index).getByRole('button', { name: 'Jump to Z' }) as HTMLButtonElement;
    expect(
      (within(index).getByRole('button', { name: 'Jump to B' }) as HTMLButtonElement).disabled,
    ).toBe(true);

    // One tab stop for the strip; the arrow keys move along the letters that have contacts.
    const a = within(index).getByRole('button', { name: 'Jump to A' });
    expect(
      within(index)
        .getAllByRole('button')
        .filter((b) => b.tabIndex === 0),
    ).toEqual([a]);
    a.focus();
    fireEvent.keyDown(a, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('M');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(z);

    fireEvent.click(z);
    const list = screen.getByTestId('contact-list');
    // The header of Z at the top: after 200 rows and the headers of A and M.
    expect(list.scrollTop).toBe(200 * 52 + 2 * 28);
    await waitFor(() => expect(searches(api).map((r) => r.offset)).toContain(200));
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Zname 000'));
  });
});

describe('Search contacts focus', () => {
  it('lands in the search box when Contacts opens from the navigation', async () => {
    const api = new FakeApi();
    api.contacts = trio();
    render(<App api={api} initialSection="Status" />);
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    fireEvent.click(within(nav).getByRole('button', { name: 'Contacts' }));
    const box = await screen.findByRole('searchbox', { name: 'Search contacts' });
    await waitFor(() => expect(document.activeElement).toBe(box));

    // Pressing Contacts again, with the focus elsewhere, brings it back to the box.
    const contactsButton = within(nav).getByRole('button', { name: 'Contacts' });
    contactsButton.focus();
    fireEvent.click(contactsButton);
    await waitFor(() => expect(document.activeElement).toBe(box));
  });

  it('/ focuses it from any section, but is text while typing in a field', async () => {
    const api = new FakeApi();
    api.contacts = trio();
    render(<App api={api} initialSection="Status" />);
    await screen.findByRole('button', { name: 'Sync Now' });
    expect(fireEvent.keyDown(document.body, { key: '/' })).toBe(false); // taken by the shortcut
    const box = await screen.findByRole('searchbox', { name: 'Search contacts' });
    await waitFor(() => expect(document.activeElement).toBe(box));

    // From a row of the list back to the box.
    const row = await screen.findByRole('button', { name: /^Ada/ });
    row.focus();
    fireEvent.keyDown(row, { key: '/' });
    expect(document.activeElement).toBe(box);

    // In a field, "/" is text: not taken, and the focus stays.
    const choice = screen.getByRole('combobox', { name: 'Sort by' });
    choice.focus();
    expect(fireEvent.keyDown(choice, { key: '/' })).toBe(true);
    expect(fireEvent.keyDown(box, { key: '/' })).toBe(true);
    choice.focus();
    expect(fireEvent.keyDown(choice, { key: '/', ctrlKey: true })).toBe(true);
    expect(document.activeElement).toBe(choice);
  });
});

describe('/ behind a dialog', () => {
  it('does nothing while a dialog asks something', async () => {
    const api = new FakeApi();
    render(<App api={api} initialSection="Settings" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect ada@example.com…' }));
    const dialog = screen.getByRole('alertdialog');
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    expect(fireEvent.keyDown(cancel, { key: '/' })).toBe(true);
    expect(screen.getByRole('alertdialog')).toBe(dialog);
    expect(screen.queryByRole('searchbox', { name: 'Search contacts' })).toBeNull();
  });
});

describe('An empty result', () => {
  const family: Label = {
    accountId: 2,
    resourceName: 'contactGroups/family',
    name: 'Family',
    groupType: 'USER_CONTACT_GROUP',
    memberCount: 0,
  };

  it('names the search text, the label and the account', async () => {
    const api = new FakeApi();
    const work = account();
    work.account = { ...work.account, id: 2, email: 'x@y.example' };
    api.answers.getStatus = () => ({
      ok: true,
      value: idleStatus({ accounts: [account(), work] }),
    });
    api.answers.listLabels = () => ({ ok: true, value: [family] });
    api.contacts = trio();
    render(<App api={api} initialSection="Contacts" />);
    await screen.findByText('Ada Lovelace');
    const labelFilter = screen.getByRole('combobox', { name: 'Label' });
    await within(labelFilter).findByRole('option', { name: /^Family/ });
    fireEvent.change(labelFilter, { target: { value: '2 contactGroups/family' } });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search contacts' }), {
      target: { value: 'ann' },
    });
    await waitFor(() =>
      expect(document.querySelector('.contacts-master .empty')?.textContent).toBe(
        'No contacts match “ann” in label Family of account x@y.example. Try fewer letters or ' +
          'another spelling, or choose “All labels”.',
      ),
    );
  });

  it('names the account alone, and the text alone', async () => {
    const api = new FakeApi();
    const work = account();
    work.account = { ...work.account, id: 2, email: 'x@y.example' };
    api.answers.getStatus = () => ({
      ok: true,
      value: idleStatus({ accounts: [account(), work] }),
    });
    api.contacts = trio();
    render(<App api={api} initialSection="Contacts" />);
    await screen.findByText('Ada Lovelace');
    fireEvent.change(await screen.findByRole('combobox', { name: 'Account' }), {
      target: { value: '2' },
    });
    expect(
      await screen.findByText('No contacts in account x@y.example. Choose “All accounts”.'),
    ).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Account' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search contacts' }), {
      target: { value: 'zzz' },
    });
    expect(
      await screen.findByText('No contacts match “zzz”. Try fewer letters or another spelling.'),
    ).toBeTruthy();
  });
});
