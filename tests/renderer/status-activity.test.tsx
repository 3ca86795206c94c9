/** Status while and after runs: Activity's one line per run, the retry countdown, Cancel. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { account, FakeApi, idleStatus } from './fake-api.js';
import { progress, run } from './status-fixtures.js';

afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

const syncing = () =>
  idleStatus({ state: 'syncing', accounts: [account({ running: true })], progress: [progress()] });

describe('Activity', () => {
  it('lists finished runs with time, account, resource, outcome and reason — no progress', async () => {
    const api = new FakeApi();
    const runs = [
      run({ runId: 3, status: 'skipped', skipReason: 'paused', resource: 'calendar' }),
      run({ runId: 2, status: 'cancelled' }),
      run({ runId: 1, counts: { ...run().counts, fetched: 40, created: 40 } }),
    ];
    api.answers.listHistory = () => ({ ok: true, value: runs });
    render(<App api={api} />);
    const list = await screen.findByTestId('activity');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    const [skipped, cancelled, synced] = within(list).getAllByRole('listitem');
    expect(skipped?.textContent).toMatch(/^\S.* · ada@example\.com · calendar · skipped — paused$/);
    expect(skipped?.querySelector('time')?.getAttribute('datetime')).toBe(runs[0]?.finishedAt);
    expect(cancelled?.getAttribute('data-outcome')).toBe('cancelled');
    expect(synced?.textContent).toMatch(/contacts · synced 40 contacts \(40 new, 0 updated/);

    act(() => api.emit('syncProgress', progress()));
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
  });

  it('adds the run that just finished', async () => {
    const api = new FakeApi();
    render(<App api={api} />);
    await screen.findByText('No sync has finished yet.');
    api.answers.listHistory = () => ({ ok: true, value: [run({ status: 'cancelled' })] });
    act(() => api.emit('runFinished', run({ status: 'cancelled' })));
    expect((await screen.findByTestId('last-run')).textContent).toMatch(/cancelled/);
  });
});

describe('a live run', () => {
  it('counts a waiting retry down on the bar and the card', async () => {
    const api = new FakeApi();
    api.answers.getStatus = () => ({ ok: true, value: syncing() });
    render(<App api={api} />);
    await screen.findByRole('progressbar');
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const until = new Date(Date.now() + 8000).toISOString();
    const retry = { attempt: 3, attempts: 6, delayMs: 8000, code: 'RATE_LIMITED', until };
    act(() => api.emit('syncProgress', progress({ retry })));
    const card = screen.getByRole('article', { name: 'ada@example.com' });
    expect(screen.getByTestId('progress-text').textContent).toMatch(
      /Google is busy — retrying in 8 s, attempt 3 of 6$/,
    );
    act(() => vi.advanceTimersByTime(3000));
    expect(screen.getByTestId('progress-text').textContent).toMatch(/retrying in 5 s/);
    expect(within(card).getByTestId('account-story').textContent).toBe(
      'Google is busy — retrying in 5 s, attempt 3 of 6',
    );
  });

  it('says "Cancelling…" the moment Cancel is pressed, then shows the run neutral', async () => {
    const api = new FakeApi();
    api.answers.getStatus = () => ({ ok: true, value: syncing() });
    let answer: () => void = () => undefined;
    api.answers.cancelSync = () =>
      new Promise((resolve) => (answer = () => resolve({ ok: true, value: { cancelled: 1 } })));
    render(<App api={api} />);
    await screen.findByRole('progressbar');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByTestId('progress-text').textContent).toBe('Cancelling…');
    const card = screen.getByRole('article', { name: 'ada@example.com' });
    expect(within(card).getByTestId('account-story').textContent).toBe('Cancelling…');
    act(() => answer());

    const cancelled = run({ status: 'cancelled' });
    api.answers.listHistory = () => ({ ok: true, value: [cancelled] });
    act(() => {
      api.emit('runFinished', cancelled);
      api.emit(
        'statusChanged',
        idleStatus({
          accounts: [account({ lastRun: cancelled, lastSuccessAt: '2026-01-01T00:00:00Z' })],
        }),
      );
    });
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect(card.className).toMatch(/tone-neutral/);
    expect(within(card).getByTestId('account-story').textContent).toMatch(
      /^The last sync was cancelled .*; what it saved stays saved\.$/,
    );
  });
});
