/** History: the resource filter, Escape on a run's details, plain words and a calm cancel. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { emptyCounts, type SyncRun } from '../../src/shared/domain.js';
import { FakeApi } from './fake-api.js';

afterEach(cleanup);

function run(runId: number, more: Partial<SyncRun> = {}): SyncRun {
  return {
    runId,
    accountId: 1,
    account: 'ada@example.com',
    resource: 'contacts',
    kind: 'incremental',
    trigger: 'manual',
    status: 'success',
    skipReason: null,
    startedAt: `2026-01-0${runId}T03:04:05Z`,
    finishedAt: `2026-01-0${runId}T03:04:07Z`,
    durationMs: 2000,
    counts: emptyCounts(),
    pages: 1,
    apiCalls: 36,
    bytesReceived: 0,
    error: null,
    ...more,
  };
}

const RUNS = [
  run(3, {
    status: 'cancelled',
    error: { code: 'CANCELLED', message: 'The sync was cancelled. What was saved stays saved.' },
  }),
  run(2, { resource: 'calendar', kind: 'full_after_expired_token', trigger: 'scheduled' }),
  run(1, { kind: 'full', counts: { ...emptyCounts(), created: 3000 } }),
];

function historyApi(): FakeApi {
  const api = new FakeApi();
  api.answers.listHistory = (r) => ({
    ok: true,
    value: RUNS.filter((x) => !r?.resource || x.resource === r.resource),
  });
  api.answers.getRunChanges = (r) => {
    const found = RUNS.find((x) => x.runId === r?.runId) ?? RUNS[0]!;
    const none = { created: 0, updated: 0, deleted: 0 };
    return {
      ok: true,
      value: { run: found, changes: [], total: 0, unlisted: none, firstImport: false },
    };
  };
  return api;
}

const detailsButtons = () =>
  screen.findAllByRole('button', { name: /^Show details of the run at/ });

describe('History', () => {
  it('filters by resource as well as account and status', async () => {
    const api = historyApi();
    render(<App api={api} initialSection="History" />);
    expect(await detailsButtons()).toHaveLength(3);
    fireEvent.change(screen.getByRole('combobox', { name: 'Synced' }), {
      target: { value: 'calendar' },
    });
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: /^Show details/ })).toHaveLength(1),
    );
    expect(api.callsOf('listHistory').at(-1)).toEqual({ limit: 200, resource: 'calendar' });
  });

  it('closes a run’s details on Escape and gives focus back to the run that opened them', async () => {
    render(<App api={historyApi()} initialSection="History" />);
    const opener = (await detailsButtons())[1]!;
    fireEvent.click(opener);
    const region = await screen.findByRole('region', { name: /^Run of / });
    const close = within(region).getByRole('button', { name: 'Close details' });
    close.focus();
    fireEvent.keyDown(close, { key: 'Escape' });
    expect(screen.queryByRole('region', { name: /^Run of / })).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(opener.getAttribute('aria-expanded')).toBe('false');
  });

  it('Close details also gives focus back to the run', async () => {
    render(<App api={historyApi()} initialSection="History" />);
    const opener = (await detailsButtons())[2]!;
    fireEvent.click(opener);
    const region = await screen.findByRole('region', { name: /^Run of / });
    fireEvent.click(within(region).getByRole('button', { name: 'Close details' }));
    expect(document.activeElement).toBe(opener);
  });

  it('shows a cancelled run as neutral, with a note rather than an error', async () => {
    render(<App api={historyApi()} initialSection="History" />);
    const cancelled = (await detailsButtons())[0]!;
    const row = cancelled.closest('tbody') as HTMLElement;
    const badge = within(row).getByText('cancelled');
    expect(badge.className).toBe('badge badge-run-cancelled');
    expect(row.textContent).toContain('Cancelled — what was saved stays saved');
    fireEvent.click(cancelled);
    const region = await screen.findByRole('region', { name: /^Run of / });
    expect(within(region).getByText('Note')).toBeTruthy();
    expect(within(region).queryByText('Error')).toBeNull();
  });

  it('says what a run did in plain words, on the second line a narrow window shows', async () => {
    render(<App api={historyApi()} initialSection="History" />);
    const expired = (await detailsButtons())[1]!.closest('tbody') as HTMLElement;
    expect(expired.textContent).not.toContain('full after expired token');
    const second = expired.querySelector('.run-second-line') as HTMLElement;
    expect(second.textContent).toBe(
      'Everything (Google asked for a fresh start) · Schedule · no changes · 36 API calls',
    );
    const first = (await detailsButtons())[2]!.closest('tbody') as HTMLElement;
    expect(first.querySelector('.run-second-line')?.textContent).toContain('3,000 created');
  });
});
