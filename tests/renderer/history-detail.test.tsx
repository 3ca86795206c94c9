/** History: a run's detail (the contacts it changed) against a typed fake of `window.api`. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import type { RunChange, RunChanges } from '../../src/shared/api/contract.js';
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
    apiCalls: 2,
    bytesReceived: 0,
    error: null,
    ...more,
  };
}

/** 150 journal entries: a rename, a phone and email change, then creations and a deletion. */
const JOURNAL: RunChange[] = [
  ...Array.from({ length: 147 }, (_, i) => ({
    change: 'created' as const,
    accountId: 1,
    resourceName: `people/c${i}`,
    displayName: `New Person ${i}`,
  })),
  {
    change: 'updated',
    accountId: 1,
    resourceName: 'people/r',
    displayName: 'Grace Hopper',
    previousDisplayName: 'Grace Brewster',
    fieldsChanged: ['name'],
  },
  {
    change: 'updated',
    accountId: 1,
    resourceName: 'people/p',
    displayName: 'Alan Turing',
    fieldsChanged: ['email', 'phone'],
  },
  { change: 'deleted', accountId: 1, resourceName: 'people/d', displayName: 'Old Friend' },
];

const RUNS = [
  run(3, { counts: { ...emptyCounts(), created: 147, updated: 2, deleted: 1 } }),
  run(2, { resource: 'calendar' }),
  run(1, { kind: 'full', counts: { ...emptyCounts(), fetched: 3000, created: 3000 } }),
  run(4, {
    counts: { ...emptyCounts(), fetched: 1_601, updated: 1 },
    error: {
      code: 'MASS_DELETION_GUARD',
      message:
        'Stopped before deleting 1,600 of your 3,000 contacts — waiting for your confirmation.',
    },
  }),
];
const NONE = { created: 0, updated: 0, deleted: 0 };

function historyApi(): FakeApi {
  const api = new FakeApi();
  api.answers.listHistory = () => ({ ok: true, value: RUNS });
  api.answers.getRunChanges = (r) => {
    const found = RUNS.find((x) => x.runId === r?.runId);
    if (!found) return { ok: false, error: { code: 'NOT_FOUND', message: 'No such run.' } };
    const offset = r?.offset ?? 0;
    const value: RunChanges =
      found.runId === 3
        ? {
            run: found,
            changes: JOURNAL.slice(offset, offset + (r?.limit ?? 100)),
            total: JOURNAL.length,
            unlisted: NONE,
            firstImport: false,
          }
        : {
            run: found,
            changes: [],
            total: 0,
            unlisted: found.runId === 1 ? { ...NONE, created: 3000 } : NONE,
            firstImport: found.runId === 1,
          };
    return { ok: true, value };
  };
  return api;
}

const detailsButtons = () =>
  screen.findAllByRole('button', { name: /^Show details of the run at/ });

describe('History run detail', () => {
  it('opens a run, lists its changed contacts with what changed, and pages with Show more', async () => {
    const api = historyApi();
    render(<App api={api} initialSection="History" />);
    const [newest] = await detailsButtons();
    fireEvent.click(newest!);
    expect(newest!.getAttribute('aria-expanded')).toBe('true');

    const region = await screen.findByRole('region', { name: /^Run of / });
    const list = await within(region).findByRole('list', { name: 'Changed contacts' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(100);
    expect(within(region).getByText('Showing 100 of 150 changed contacts')).toBeTruthy();
    expect(api.callsOf('getRunChanges')).toEqual([{ runId: 3, limit: 100 }]);

    fireEvent.click(within(region).getByRole('button', { name: 'Show more' }));
    await within(region).findByText('Showing 150 of 150 changed contacts');
    expect(api.callsOf('getRunChanges')).toEqual([
      { runId: 3, limit: 100 },
      { runId: 3, offset: 100, limit: 100 },
    ]);
    expect(within(region).queryByRole('button', { name: 'Show more' })).toBeNull();
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(150);
    expect(items[147]!.textContent).toBe('Grace HopperUpdated: namewas Grace Brewster');
    expect(items[148]!.textContent).toBe('Alan TuringUpdated: email, phone');
    expect(items[149]!.textContent).toBe('Old FriendDeleted');
    expect(items[0]!.textContent).toBe('New Person 0Created');

    fireEvent.click(within(region).getByRole('button', { name: 'Close details' }));
    expect(screen.queryByRole('region', { name: /^Run of / })).toBeNull();
  });

  it('says what a first import and a calendar run do not list, and shows a refusal', async () => {
    const api = historyApi();
    render(<App api={api} initialSection="History" />);
    const [, calendar, first] = await detailsButtons();

    fireEvent.click(first!);
    expect(
      await screen.findByText(
        'First import: 3,000 contacts added. A first import is not listed contact by contact.',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Changed contacts' })).toBeNull();

    fireEvent.click(calendar!);
    expect(await screen.findByText(/Calendar runs are not listed contact by contact/)).toBeTruthy();

    api.answers.getRunChanges = () => ({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no sync run 1 in the history.' },
    });
    fireEvent.click(first!);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('There is no sync run 1 in the history.');
    await waitFor(() => expect(api.callsOf('getRunChanges')).toHaveLength(3));
  });

  it('tells what a run that withheld deletions did not do, as a note of a successful run', async () => {
    render(<App api={historyApi()} initialSection="History" />);
    const withheld = (await detailsButtons())[3];
    const row = withheld!.closest('tr') as HTMLElement;
    expect(row.textContent).toContain('Stopped before deleting 1,600 of your 3,000 contacts');
    fireEvent.click(withheld!);
    const region = await screen.findByRole('region', { name: /^Run of / });
    expect(within(region).getByText('Note')).toBeTruthy();
    expect(within(region).queryByText('Error')).toBeNull();
  });
});
