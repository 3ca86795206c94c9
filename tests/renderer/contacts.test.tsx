/** The Contacts section against the typed fake of `window.api`, in jsdom. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { HEADER_HEIGHT, ROW_HEIGHT } from '../../src/renderer/sections/ContactList.js';
import { PAGE_SIZE, SEARCH_PAUSE_MS } from '../../src/renderer/sections/ContactsSection.js';
import type { ApiRequest, ApiResult, Label } from '../../src/shared/api/contract.js';
import type { ContactPage } from '../../src/shared/domain.js';
import { account, FakeApi, idleStatus } from './fake-api.js';
import { contact, contactPage } from './fake-contacts.js';
import { run } from '../unit/api-fixtures.js';

afterEach(cleanup);

type SearchRequest = ApiRequest<'searchContacts'>;
const searches = (api: FakeApi) => api.callsOf('searchContacts') as SearchRequest[];

/** `count` contacts named "Person 00000" … in name order. */
const people = (count: number) =>
  Array.from({ length: count }, (_, i) => contact(`Person ${String(i).padStart(5, '0')}`));

/** jsdom does not lay out: scrolling is setting scrollTop and firing the event. */
function scrollTo(list: HTMLElement, top: number) {
  Object.defineProperty(list, 'scrollTop', { value: top, writable: true, configurable: true });
  fireEvent.scroll(list);
}

describe('Contacts search', () => {
  it('asks at once for a keystroke after a pause, and once for a quick run of keystrokes', async () => {
    const api = new FakeApi();
    api.contacts = [contact('Ada Lovelace'), contact('Brian Kernighan')];
    render(<App api={api} initialSection="Contacts" />);
    const box = await screen.findByRole('searchbox', { name: 'Search contacts' });
    await waitFor(() => expect(searches(api)).toHaveLength(1)); // the whole list

    fireEvent.change(box, { target: { value: 'a' } });
    expect(searches(api).map((r) => r.text)).toEqual(['', 'a']);
    fireEvent.change(box, { target: { value: 'ad' } });
    fireEvent.change(box, { target: { value: 'ada' } });
    expect(searches(api)).toHaveLength(2);

    const list = screen.getByRole('list', { name: 'Contacts' });
    await waitFor(() => expect(searches(api).map((r) => r.text)).toEqual(['', 'a', 'ada']));
    await waitFor(() => expect(within(list).queryByText('Brian Kernighan')).toBeNull());
    expect(within(list).getByText('Ada Lovelace')).toBeTruthy();
    expect(screen.getByTestId('result-count').textContent).toBe('1 contact');
  });

  it('discards an answer that arrives after a newer query was sent', async () => {
    const api = new FakeApi();
    let releaseSlow: (value: ApiResult<ContactPage>) => void = () => {};
    api.answers.searchContacts = (r) => {
      if (r?.text === 'old') return new Promise((resolve) => (releaseSlow = resolve));
      return { ok: true, value: contactPage(r?.text === 'new' ? [contact('Newton')] : [], r) };
    };
    render(<App api={api} initialSection="Contacts" />);
    const box = await screen.findByRole('searchbox', { name: 'Search contacts' });

    fireEvent.change(box, { target: { value: 'old' } });
    await waitFor(() => expect(searches(api).map((r) => r.text)).toContain('old'));
    await new Promise((resolve) => setTimeout(resolve, SEARCH_PAUSE_MS));
    fireEvent.change(box, { target: { value: 'new' } });
    await screen.findByText('Newton');

    await act(async () =>
      releaseSlow({ ok: true, value: { contacts: [contact('Oldham')], total: 1, offset: 0 } }),
    );
    const list = screen.getByRole('list', { name: 'Contacts' });
    expect(within(list).queryByText('Oldham')).toBeNull();
    expect(within(list).getByText('Newton')).toBeTruthy();
  });
});

describe('Contacts list', () => {
  it('is as tall as every match, and loads the page under the scroll position', async () => {
    const api = new FakeApi();
    api.contacts = people(1_000);
    const pending: Array<() => void> = [];
    api.answers.searchContacts = (r) => {
      const page = { ok: true as const, value: contactPage(api.contacts, r) };
      if (!r?.offset) return page;
      return new Promise((resolve) => pending.push(() => resolve(page)));
    };
    render(<App api={api} initialSection="Contacts" />);
    const list = await screen.findByRole('list', { name: 'Contacts' });
    await screen.findByText('Person 00000');
    expect(screen.getByTestId('result-count').textContent).toBe('1,000 contacts');
    // Every row, and the header of its one A–Z section ("P").
    await waitFor(() => expect(list.style.height).toBe(`${1_000 * ROW_HEIGHT + HEADER_HEIGHT}px`));
    expect(searches(api).map((r) => r.offset)).toEqual([0]);

    scrollTo(screen.getByTestId('contact-list'), 550 * ROW_HEIGHT);
    await waitFor(() => expect(searches(api).map((r) => r.offset)).toContain(5 * PAGE_SIZE));
    // While the page loads, its rows are placeholders of the same height: nothing moves.
    expect(within(list).getAllByRole('button', { name: 'Loading contact' }).length).toBeGreaterThan(
      0,
    );
    expect(list.style.height).toBe(`${1_000 * ROW_HEIGHT + HEADER_HEIGHT}px`);
    await act(async () => pending.forEach((release) => release()));
    expect(await within(list).findByText('Person 00550')).toBeTruthy();
    expect(within(list).queryByRole('button', { name: 'Loading contact' })).toBeNull();

    scrollTo(screen.getByTestId('contact-list'), 1_000 * ROW_HEIGHT - 600);
    await waitFor(() => expect(searches(api).map((r) => r.offset)).toContain(9 * PAGE_SIZE));
    await act(async () => pending.forEach((release) => release()));
    expect(await within(list).findByText('Person 00999')).toBeTruthy();
  });

  it('drops a page that belongs to the previous query', async () => {
    const api = new FakeApi();
    api.contacts = people(1_000);
    let releaseOld: () => void = () => {};
    api.answers.searchContacts = (r) => {
      const page = { ok: true as const, value: contactPage(api.contacts, r) };
      if (r?.text === '' && r.offset === 3 * PAGE_SIZE)
        return new Promise((resolve) => (releaseOld = () => resolve(page)));
      return page;
    };
    render(<App api={api} initialSection="Contacts" />);
    const list = await screen.findByRole('list', { name: 'Contacts' });
    await screen.findByText('Person 00000');
    scrollTo(screen.getByTestId('contact-list'), 320 * ROW_HEIGHT);
    await waitFor(() => expect(searches(api).map((r) => r.offset)).toContain(3 * PAGE_SIZE));

    api.contacts = [contact('Zed Shaw')];
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search contacts' }), {
      target: { value: 'zed' },
    });
    await within(list).findByText('Zed Shaw');
    await act(async () => releaseOld());
    expect(within(list).queryByText(/^Person/)).toBeNull();
    await waitFor(() => expect(list.style.height).toBe(`${ROW_HEIGHT + HEADER_HEIGHT}px`));
  });

  it('moves through the contacts with the arrow keys and shows the details of the focused one', async () => {
    const api = new FakeApi();
    api.contacts = [contact('Ada'), contact('Brian'), contact('Clementine')];
    api.answers.getContact = (r) => ({
      ok: true,
      value: {
        accountId: 1,
        resourceName: r?.resourceName ?? '',
        displayName:
          api.contacts.find((p) => p.resourceName === r?.resourceName)?.displayName ?? null,
        givenName: null,
        familyName: null,
        nickname: null,
        organization: 'Analytical Engines Ltd',
        title: null,
        birthday: '1815-12-10',
        notes: null,
        photoUrl: null,
        emails: [{ value: 'someone@example.com', type: 'work' }],
        phones: [{ raw: '020 7946 0000', e164: '+442079460000', type: 'mobile' }],
        addresses: [],
        labels: [{ resourceName: 'contactGroups/friends', name: 'Friends' }],
        deletedAt: null,
        createdAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
        syncedAt: '2026-01-01T00:00:00Z',
      },
    });
    render(<App api={api} initialSection="Contacts" />);
    const first = await screen.findByRole('button', { name: /^Ada/ });
    expect(first.tabIndex).toBe(0);
    expect(screen.getByRole('button', { name: /^Brian/ }).tabIndex).toBe(-1);

    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    const details = await screen.findByRole('article', { name: 'Contact details' });
    await waitFor(() => expect(within(details).getByRole('heading').textContent).toBe('Brian'));
    expect(document.activeElement?.textContent).toContain('Brian');
    expect(api.callsOf('getContact')).toEqual([{ accountId: 1, resourceName: 'people/cBrian' }]);
    expect(within(details).getByText('+44 20 7946 0000')).toBeTruthy();
    expect(within(details).getByText('Friends')).toBeTruthy();
    expect(within(details).getByRole('button', { name: 'Copy phone (mobile)' })).toBeTruthy();

    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await waitFor(() =>
      expect(within(details).getByRole('heading').textContent).toBe('Clementine'),
    );
  });
});

describe('Contacts filters', () => {
  const friends: Label = {
    accountId: 2,
    resourceName: 'contactGroups/friends',
    name: 'Friends',
    groupType: 'USER_CONTACT_GROUP',
    memberCount: 1,
  };

  it('filters by label (within its account) and by account', async () => {
    const api = new FakeApi();
    const work = account();
    work.account = { ...work.account, id: 2, email: 'grace@example.com' };
    api.answers.getStatus = () => ({
      ok: true,
      value: idleStatus({ accounts: [account(), work] }),
    });
    api.answers.listLabels = () => ({ ok: true, value: [friends] });
    api.contacts = [contact('Ada', { accountId: 1 }), contact('Grace', { accountId: 2 })];
    const base = api.answers.searchContacts;
    api.answers.searchContacts = (r) =>
      r?.labelResourceName === friends.resourceName
        ? { ok: true, value: contactPage([contact('Grace', { accountId: 2 })], r) }
        : base(r);
    render(<App api={api} initialSection="Contacts" />);
    const list = await screen.findByRole('list', { name: 'Contacts' });
    await within(list).findByText('Grace');
    expect(within(list).getByText('Ada')).toBeTruthy();

    const labelFilter = screen.getByRole('combobox', { name: 'Label' });
    await within(labelFilter).findByRole('option', { name: 'Friends (1) · grace@example.com' });
    fireEvent.change(labelFilter, { target: { value: '2 contactGroups/friends' } });
    await waitFor(() =>
      expect(searches(api).at(-1)).toEqual({
        text: '',
        limit: PAGE_SIZE,
        offset: 0,
        accountId: 2,
        labelResourceName: 'contactGroups/friends',
      }),
    );
    await waitFor(() => expect(within(list).queryByText('Ada')).toBeNull());
    expect(screen.getByTestId('result-count').textContent).toBe('1 contact');

    fireEvent.change(labelFilter, { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Account' }), {
      target: { value: '1' },
    });
    await waitFor(() =>
      expect(searches(api).at(-1)).toEqual({ text: '', limit: PAGE_SIZE, offset: 0, accountId: 1 }),
    );
    await waitFor(() => expect(within(list).queryByText('Grace')).toBeNull());
    expect(within(list).getByText('Ada')).toBeTruthy();
  });

  it('asks for the labels only once the first rows are there', async () => {
    // Counting every label's members is slow at 100,000 contacts; it must not delay the list.
    const api = new FakeApi();
    api.contacts = [contact('Ada')];
    let release: () => void = () => {};
    api.answers.searchContacts = (r) =>
      new Promise(
        (resolve) => (release = () => resolve({ ok: true, value: contactPage(api.contacts, r) })),
      );
    render(<App api={api} initialSection="Contacts" />);
    await waitFor(() => expect(searches(api)).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.callsOf('listLabels')).toHaveLength(0);
    await act(async () => release());
    await screen.findByText('Ada');
    await waitFor(() => expect(api.callsOf('listLabels')).toHaveLength(1));
  });

  it('offers no account filter with a single account', async () => {
    const api = new FakeApi();
    api.contacts = [contact('Ada')];
    render(<App api={api} initialSection="Contacts" />);
    await screen.findByText('Ada');
    expect(screen.getByRole('combobox', { name: 'Label' })).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Account' })).toBeNull();
  });
});

describe('Contacts after a sync', () => {
  it('reloads the rows on screen when a contacts run finishes, keeping the query', async () => {
    const api = new FakeApi();
    api.contacts = [contact('Ada Lovelace'), contact('Brian Kernighan')];
    render(<App api={api} initialSection="Contacts" />);
    const list = await screen.findByRole('list', { name: 'Contacts' });
    await within(list).findByText('Brian Kernighan');

    api.contacts = [contact('Ada Lovelace'), contact('Brian W. Kernighan')];
    act(() => api.emit('runFinished', run({ runId: 7, resource: 'contacts' })));

    await within(list).findByText('Brian W. Kernighan');
    expect(within(list).queryByText('Brian Kernighan')).toBeNull();
    expect(searches(api).every((r) => r.text === '')).toBe(true);
  });
});
