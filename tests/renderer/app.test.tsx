/** The renderer against a typed fake of `window.api`, in jsdom. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { SEARCH_DEBOUNCE_MS } from '../../src/renderer/sections/ContactsSection.js';
import type { ApiResult } from '../../src/shared/api/contract.js';
import { emptyCounts, type ContactSummary, type SyncRun } from '../../src/shared/domain.js';
import { account, FakeApi, idleStatus } from './fake-api.js';

afterEach(cleanup);

const contact = (name: string): ContactSummary => ({
  resourceName: `people/c${name.length}${name.charCodeAt(0)}`,
  displayName: name,
  emails: [`${name.toLowerCase()}@example.com`],
  phones: [],
});

describe('Status', () => {
  it('disables Sync Now while a run is active, shows Cancel and the progress, then re-enables', async () => {
    const api = new FakeApi();
    api.answers.getStatus = () => ({
      ok: true,
      value: idleStatus({
        state: 'syncing',
        accounts: [account({ running: true })],
        progress: [
          {
            runId: 7,
            accountId: 1,
            account: 'ada@example.com',
            phase: 'contacts',
            fetched: 250,
            total: 1000,
            pages: 1,
          },
        ],
      }),
    });
    render(<App api={api} initialSection="Status" />);

    const syncNow = await screen.findByRole('button', { name: 'Sync Now' });
    await waitFor(() => expect((syncNow as HTMLButtonElement).disabled).toBe(true));
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByTestId('progress-text').textContent).toBe('250 contacts fetched · 25%');

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(api.callsOf('cancelSync')).toHaveLength(1));

    act(() => api.emit('statusChanged', idleStatus()));
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Sync Now' }) as HTMLButtonElement).disabled).toBe(
        false,
      ),
    );
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows a failed call by its message, never its code', async () => {
    const api = new FakeApi();
    api.answers.syncNow = () => ({
      ok: false,
      error: { code: 'NETWORK', message: 'Google could not be reached. Check your connection.' },
    });
    render(<App api={api} initialSection="Status" />);
    const syncNow = await screen.findByRole('button', { name: 'Sync Now' });
    await waitFor(() => expect((syncNow as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(syncNow);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Google could not be reached. Check your connection.');
    expect(alert.textContent).not.toContain('NETWORK');
  });
});

describe('Contacts search', () => {
  it('waits for typing to pause, then asks once with the latest text', async () => {
    const api = new FakeApi();
    api.answers.searchContacts = (r) => ({
      ok: true,
      value: r?.text === 'ada' ? [contact('Ada')] : [],
    });
    render(<App api={api} initialSection="Contacts" />);
    const box = await screen.findByRole('searchbox', { name: 'Search contacts' });
    await waitFor(() => expect(api.callsOf('searchContacts')).toHaveLength(1)); // the initial list

    fireEvent.change(box, { target: { value: 'a' } });
    fireEvent.change(box, { target: { value: 'ad' } });
    fireEvent.change(box, { target: { value: 'ada' } });
    expect(api.callsOf('searchContacts')).toHaveLength(1);

    expect(await screen.findByText('Ada')).toBeTruthy();
    const texts = api.callsOf('searchContacts').map((r) => (r as { text: string }).text);
    expect(texts).toEqual(['', 'ada']);
  });

  it('discards an answer that arrives after a newer query was sent', async () => {
    const api = new FakeApi();
    let releaseSlow: (value: ApiResult<ContactSummary[]>) => void = () => {};
    api.answers.searchContacts = (r) => {
      if (r?.text === 'old') return new Promise((resolve) => (releaseSlow = resolve));
      return { ok: true, value: r?.text === 'new' ? [contact('Newton')] : [] };
    };
    render(<App api={api} initialSection="Contacts" />);
    const box = await screen.findByRole('searchbox', { name: 'Search contacts' });

    fireEvent.change(box, { target: { value: 'old' } });
    await waitFor(() =>
      expect(api.callsOf('searchContacts')).toContainEqual(
        expect.objectContaining({ text: 'old' }),
      ),
    );
    fireEvent.change(box, { target: { value: 'new' } });
    await screen.findByText('Newton');

    await act(async () => releaseSlow({ ok: true, value: [contact('Oldham')] }));
    await new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS));
    const list = screen.getByRole('list', { name: 'Contacts' });
    expect(within(list).queryByText('Oldham')).toBeNull();
    expect(within(list).getByText('Newton')).toBeTruthy();
  });
});

describe('Navigation', () => {
  it('marks the current section and moves between sections', async () => {
    const api = new FakeApi();
    render(<App api={api} initialSection="Status" />);
    const nav = screen.getByRole('navigation');
    expect(within(nav).getByRole('button', { name: 'Status' }).getAttribute('aria-current')).toBe(
      'page',
    );
    fireEvent.click(within(nav).getByRole('button', { name: 'History' }));
    expect(within(nav).getByRole('button', { name: 'History' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(
      within(nav).getByRole('button', { name: 'Status' }).getAttribute('aria-current'),
    ).toBeNull();
    expect(await screen.findByText(/No sync has run yet/)).toBeTruthy();
  });
});

describe('History', () => {
  it('filters by status and clears the history after a confirmation', async () => {
    const api = new FakeApi();
    const runs: SyncRun[] = [
      {
        runId: 1,
        accountId: 1,
        account: 'ada@example.com',
        resource: 'contacts',
        kind: 'full',
        trigger: 'manual',
        status: 'failed',
        skipReason: null,
        startedAt: '2026-01-02T03:04:05Z',
        finishedAt: '2026-01-02T03:04:07Z',
        durationMs: 2000,
        counts: emptyCounts(),
        pages: 1,
        apiCalls: 3,
        bytesReceived: 0,
        error: { code: 'QUOTA', message: 'Google asked us to slow down.' },
      },
    ];
    api.answers.listHistory = () => ({ ok: true, value: runs });
    api.answers.clearHistory = () => {
      runs.length = 0;
      return { ok: true, value: { removed: 1 } };
    };
    render(<App api={api} initialSection="History" />);
    expect(await screen.findByText('Google asked us to slow down.')).toBeTruthy();

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), {
      target: { value: 'failed' },
    });
    await waitFor(() =>
      expect(api.callsOf('listHistory')).toContainEqual({ limit: 200, status: 'failed' }),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Clear history' }));
    expect(api.callsOf('clearHistory')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, clear' }));
    await screen.findByText(/No runs match these filters/);
    expect(api.callsOf('clearHistory')).toHaveLength(1);
  });
});

describe('Accounts', () => {
  it('offers Reconnect for an account that needs signing in, with its email as the hint', async () => {
    const api = new FakeApi();
    const needsSignIn = account();
    needsSignIn.account.status = 'reconnect_needed';
    api.answers.getStatus = () => ({
      ok: true,
      value: idleStatus({ state: 'sign_in_needed', accounts: [needsSignIn] }),
    });
    render(<App api={api} initialSection="Status" />);
    const card = await screen.findByRole('article', { name: 'ada@example.com' });
    expect(within(card).getByText('sign-in needed')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Reconnect' }));
    await waitFor(() =>
      expect(api.callsOf('connectAccount')).toEqual([{ loginHint: 'ada@example.com' }]),
    );
    // The fake refuses the sign-in; its message is shown.
    expect((await screen.findByRole('alert')).textContent).toContain('Sign-in was cancelled.');
  });
});

describe('Contacts list', () => {
  it('moves through the contacts with the arrow keys and shows the details of the focused one', async () => {
    const api = new FakeApi();
    const people = [contact('Ada'), contact('Brian'), contact('Clementine')];
    api.answers.searchContacts = () => ({ ok: true, value: people });
    api.answers.getContact = (r) => ({
      ok: true,
      value: {
        accountId: 1,
        resourceName: r?.resourceName ?? '',
        displayName: people.find((p) => p.resourceName === r?.resourceName)?.displayName ?? null,
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
    expect(within(details).getByText('+442079460000')).toBeTruthy();
    expect(within(details).getByText('Friends')).toBeTruthy();
    expect(within(details).getByRole('button', { name: 'Copy phone (mobile)' })).toBeTruthy();
  });
});

describe('Settings', () => {
  it('saves a toggle through updateSettings and shows a refused change by its message', async () => {
    const api = new FakeApi();
    render(<App api={api} initialSection="Settings" />);
    const launch = await screen.findByRole('checkbox', { name: 'Launch at login' });
    fireEvent.click(launch);
    await waitFor(() => expect(api.callsOf('updateSettings')).toEqual([{ launchAtLogin: true }]));

    api.answers.updateSettings = () => ({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: 'Expected a time like 02:00' },
    });
    fireEvent.change(screen.getByLabelText('Daily sync time'), { target: { value: '03:30' } });
    expect((await screen.findByRole('alert')).textContent).toBe('Expected a time like 02:00');
  });
});
