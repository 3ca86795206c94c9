/** Status, state by state: the sentence on each card, its one action, and the filled button. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/App.js';
import type { SignInWait } from '../../src/shared/api/contract.js';
import { account, FakeApi, idleStatus } from './fake-api.js';
import { localAt, run } from './status-fixtures.js';

afterEach(cleanup);

const isFilled = (button: HTMLElement) => !button.classList.contains('secondary');
const story = (card: HTMLElement) => within(card).getByTestId('account-story').textContent;

function withStatus(status: ReturnType<typeof idleStatus>): FakeApi {
  const api = new FakeApi();
  api.answers.getStatus = () => ({ ok: true, value: status });
  return api;
}

const wait = (loginHint: string | null): SignInWait => ({
  url: 'https://accounts.example/o/oauth2/v2/auth?state=abc',
  loginHint,
  expiresAt: localAt(14, 5),
});

describe('first run and signing in', () => {
  it('makes Connect the filled button and offers no Sync Now', async () => {
    render(<App api={withStatus(idleStatus({ state: 'no_accounts', accounts: [] }))} />);
    const connect = await screen.findByRole('button', { name: 'Connect a Google account' });
    expect(isFilled(connect)).toBe(true);
    expect(screen.queryByRole('button', { name: 'Sync Now' })).toBeNull();
  });

  it('says to finish in the browser, copies the link and cancels', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const api = withStatus(idleStatus({ state: 'no_accounts', accounts: [], signIn: wait(null) }));
    render(<App api={api} />);
    const card = await screen.findByRole('article', { name: 'Signing in' });
    within(card).getByRole('heading', { name: 'Finish signing in in your browser' });
    expect(card.textContent).toMatch(/gives up at /);
    fireEvent.click(within(card).getByRole('button', { name: 'Copy link' }));
    await within(card).findByText(/Link copied/);
    expect(writeText).toHaveBeenCalledWith(wait(null).url);
    fireEvent.click(within(card).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(api.callsOf('cancelConnect')).toHaveLength(1));
    expect(screen.queryByText(/No Google account is connected yet/)).toBeNull();
  });

  it('shows the link to select when the clipboard refuses it', async () => {
    const writeText = vi.fn(() => Promise.reject(new Error('denied')));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const api = withStatus(idleStatus({ signIn: wait('ada@example.com') }));
    render(<App api={api} />);
    const card = await screen.findByRole('article', { name: 'ada@example.com' });
    expect(story(card)).toBe('Finish signing in in your browser.');
    fireEvent.click(within(card).getByRole('button', { name: 'Copy link' }));
    const field = await within(card).findByRole('textbox');
    expect((field as HTMLInputElement).value).toBe(wait(null).url);
  });

  it('says why a sign-in ended, except when the person cancelled it', async () => {
    const api = withStatus(idleStatus({ state: 'no_accounts', accounts: [] }));
    const message =
      'No answer came from the browser within 5 min, so nothing was connected. Start the sign-in again.';
    api.answers.connectAccount = () => ({ ok: false, error: { code: 'SIGN_IN_TIMEOUT', message } });
    render(<App api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Connect a Google account' }));
    expect((await screen.findByRole('alert')).textContent).toContain(message);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));

    api.answers.connectAccount = () => ({
      ok: false,
      error: { code: 'SIGN_IN_CANCELLED', message: 'The sign-in was cancelled.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Connect a Google account' }));
    await waitFor(() => expect(api.callsOf('connectAccount')).toHaveLength(2));
    await waitFor(() =>
      expect(
        (screen.getByRole('button', { name: 'Connect a Google account' }) as HTMLButtonElement)
          .disabled,
      ).toBe(false),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('account states', () => {
  it('keeps a disconnected account’s contacts calmly, with Connect again as the next step', async () => {
    const gone = account({ contacts: 3000, lastSuccessAt: '2026-01-02T03:04:07Z' });
    gone.account.status = 'disconnected';
    const api = withStatus(idleStatus({ state: 'no_accounts', accounts: [gone] }));
    render(<App api={api} />);
    const card = await screen.findByRole('article', { name: 'ada@example.com' });
    expect(story(card)).toBe(
      'Disconnected — 3,000 contacts kept. Connect again to resume syncing.',
    );
    expect(card.className).not.toMatch(/tone-error/);
    expect(card.textContent).not.toMatch(/Sign in again|not connected yet/);
    const again = within(card).getByRole('button', { name: 'Connect again' });
    expect(isFilled(again)).toBe(true);
    expect(isFilled(screen.getByRole('button', { name: 'Connect a Google account' }))).toBe(false);
    fireEvent.click(again);
    await waitFor(() =>
      expect(api.callsOf('connectAccount')).toEqual([{ loginHint: 'ada@example.com' }]),
    );
  });

  it('says until when auto-sync is paused and resumes it', async () => {
    const api = new FakeApi();
    api.autoSyncPausedUntil = localAt(9, 0, 1);
    render(<App api={api} />);
    const card = await screen.findByRole('article', { name: 'ada@example.com' });
    await waitFor(() =>
      expect(story(card)).toMatch(/^Auto-sync is paused until tomorrow at 0?9:00/),
    );
    const resume = within(card).getByRole('button', { name: 'Resume' });
    expect(isFilled(resume)).toBe(true);
    expect(isFilled(screen.getByRole('button', { name: 'Sync Now' }))).toBe(false);
    fireEvent.click(resume);
    await waitFor(() => expect(api.callsOf('resumeAutoSync')).toHaveLength(1));
    await waitFor(() => expect(within(card).queryByRole('button', { name: 'Resume' })).toBeNull());
  });

  it('says when the next sync runs, in words', async () => {
    const api = withStatus(idleStatus({ accounts: [account({ lastSuccessAt: localAt(2, 0) })] }));
    const health = { accountId: 1, nextRunAt: localAt(14, 0) };
    api.answers.getSyncHealth = () => ({
      ok: true,
      value: { accounts: [health as never], autoSyncPausedUntil: null },
    });
    render(<App api={api} />);
    const card = await screen.findByRole('article', { name: 'ada@example.com' });
    await waitFor(() => expect(card.textContent).toMatch(/Next synctoday at (14:00|2:00\s?PM)/));
    expect(story(card)).toMatch(/^Up to date — 3 contacts, last synced/);
    expect(isFilled(screen.getByRole('button', { name: 'Sync Now' }))).toBe(true);
  });

  it('shows a failed run’s message once, on its card, naming contacts or calendar', async () => {
    const message = 'Google could not be reached. Check your connection.';
    const failed = run({ status: 'failed', error: { code: 'NETWORK', message } });
    const api = withStatus(
      idleStatus({
        state: 'error',
        accounts: [account({ lastRun: failed })],
        lastError: { code: 'NETWORK', message, at: failed.finishedAt ?? '', account: 'ada' },
      }),
    );
    api.answers.listHistory = () => ({ ok: true, value: [failed] });
    render(<App api={api} />);
    const card = await screen.findByRole('article', { name: 'ada@example.com' });
    expect(story(card)).toMatch(/^The contacts sync failed .*: Google could not be reached/);
    await screen.findByText(/failed — no connection/);
    expect(screen.getAllByText(new RegExp(message.slice(0, 28)))).toHaveLength(1);
  });

  it('shows each resource’s last sync when calendars are mirrored too', async () => {
    const api = withStatus(idleStatus({ accounts: [account({ lastSuccessAt: localAt(3, 0) })] }));
    api.answers.listHistory = () => ({
      ok: true,
      value: [
        run({ runId: 2, resource: 'calendar', finishedAt: localAt(3, 0) }),
        run({ runId: 1, resource: 'contacts', finishedAt: localAt(2, 0) }),
      ],
    });
    render(<App api={api} />);
    const card = await screen.findByRole('article', { name: 'ada@example.com' });
    await within(card).findByText('Calendar synced');
    within(card).getByText('Contacts synced');
  });

  it('turns a reconnect into the card’s filled button', async () => {
    const needs = account();
    needs.account.status = 'reconnect_needed';
    render(<App api={withStatus(idleStatus({ state: 'sign_in_needed', accounts: [needs] }))} />);
    const card = await screen.findByRole('article', { name: 'ada@example.com' });
    expect(story(card)).toMatch(/Reconnect to keep syncing/);
    expect(isFilled(within(card).getByRole('button', { name: 'Reconnect' }))).toBe(true);
  });
});
