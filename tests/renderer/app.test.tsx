/** The renderer against a typed fake of `window.api`, in jsdom. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { emptyCounts, type SyncRun } from '../../src/shared/domain.js';
import { account, FakeApi, idleStatus } from './fake-api.js';

afterEach(cleanup);

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

  it('says when a retry is waiting, and stops saying it when the next page arrives', async () => {
    const api = new FakeApi();
    const progress = {
      runId: 7,
      accountId: 1,
      account: 'ada@example.com',
      phase: 'contacts' as const,
      fetched: 250,
      total: 1000,
      pages: 1,
    };
    api.answers.getStatus = () => ({
      ok: true,
      value: idleStatus({ state: 'syncing', accounts: [account({ running: true })], progress: [] }),
    });
    render(<App api={api} initialSection="Status" />);
    await screen.findByRole('progressbar');

    const retry = { attempt: 3, attempts: 6, delayMs: 8000, code: 'RATE_LIMITED' };
    act(() => api.emit('syncProgress', { ...progress, retry }));
    await waitFor(() =>
      expect(screen.getByTestId('progress-text').textContent).toBe(
        '250 contacts fetched · 25% · Google is busy — retrying in 8 s, attempt 3 of 6',
      ),
    );
    // The bar counts the wait down; the line above it does not repeat it.
    expect(screen.getByTestId('status-line').textContent).toBe('Syncing… 25%');

    act(() => api.emit('syncProgress', { ...progress, fetched: 500, pages: 2 }));
    await waitFor(() =>
      expect(screen.getByTestId('progress-text').textContent).toBe('500 contacts fetched · 50%'),
    );
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
    fireEvent.change(screen.getByLabelText('at'), { target: { value: '03:30' } });
    expect((await screen.findByRole('alert')).textContent).toBe('Expected a time like 02:00');
  });
});
