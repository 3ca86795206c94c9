/** What the Contacts search box says about text it cannot search, against the typed fake API. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { SEARCH_PAUSE_MS } from '../../src/renderer/sections/ContactsSection.js';
import type { ApiRequest } from '../../src/shared/api/contract.js';
import { FakeApi } from './fake-api.js';
import { contact } from './fake-contacts.js';

afterEach(cleanup);

const searched = (api: FakeApi) =>
  (api.callsOf('searchContacts') as ApiRequest<'searchContacts'>[]).map((r) => r.text);
const pause = () => new Promise((resolve) => setTimeout(resolve, SEARCH_PAUSE_MS));

async function contactsSection() {
  const api = new FakeApi();
  api.contacts = [contact('Ada Lovelace'), contact('Brian Kernighan')];
  render(<App api={api} initialSection="Contacts" />);
  const box = await screen.findByRole('searchbox', { name: 'Search contacts' });
  await screen.findByText('Ada Lovelace');
  return { api, box, list: screen.getByRole('list', { name: 'Contacts' }) };
}

describe('Contacts search text', () => {
  it('does not send text past the bounds: it says so calmly and keeps the last results', async () => {
    const { api, box, list } = await contactsSection();
    await pause();
    fireEvent.change(box, { target: { value: 'a '.repeat(40) } });
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toMatch(/up to 16 words and 200 characters .*40 words/);
    expect(screen.queryByRole('alert')).toBeNull();
    await pause();
    expect(searched(api)).toEqual(['']);
    expect(within(list).getByText('Ada Lovelace')).toBeTruthy();
  });

  it('says that punctuation alone searches for nothing, instead of "Nothing matches"', async () => {
    const { api, box } = await contactsSection();
    await pause();
    api.answers.searchContacts = (r) => ({
      ok: true,
      value: { contacts: [], total: 0, offset: r?.offset ?? 0 },
    });
    fireEvent.change(box, { target: { value: '" * (' } });
    await waitFor(() => expect(searched(api)).toContain('" * ('));
    expect((await screen.findByText(/Type a letter or a digit to search/)).textContent).not.toMatch(
      /Nothing matches/,
    );
  });
});
