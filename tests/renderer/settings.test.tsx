/** The Settings section (and the mass-deletion action on Status) against the typed fake API. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { emptyCounts, type SyncRun } from '../../src/shared/domain.js';
import { wallClock } from '../../src/renderer/format.js';
import { account, FakeApi, idleStatus } from './fake-api.js';

afterEach(cleanup);

const ok = <T,>(value: T) => ({ ok: true as const, value });

/** A fake whose planned next run follows the saved interval, as the core's scheduler does. */
function scheduledApi(): FakeApi {
  const api = new FakeApi();
  api.answers.getSyncHealth = () =>
    ok({
      accounts: [
        {
          accountId: 1,
          account: 'ada@example.com',
          successRate7d: null,
          successRate30d: null,
          runs30d: { success: 0, failed: 0, skipped: 0, cancelled: 0 },
          medianDurationMs: null,
          apiCallsPerDay: 0,
          bytesPerDay: 0,
          callsPerRun: 0,
          apiCallsSaved: { total: 0, byReason: {} },
          circuit: { open: false, openUntil: null, consecutiveFailures: 0 },
          token: { account: 'connected', health: 'ok', checkedAt: null },
          nextRunAt:
            api.settings.syncEveryHours === 24 ? '2026-03-02T01:00:00Z' : '2026-03-01T13:00:00Z',
        },
      ],
      autoSyncPausedUntil: null,
    });
  return api;
}

/** The runtime's locale decides 12 or 24 h; format.test.tsx pins both conventions. */
const localTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
const clock = (hhmm: string) => wallClock(hhmm);

describe('Settings: schedule', () => {
  it('switches from daily to every N hours, says when it runs and shows the next planned run', async () => {
    const api = scheduledApi();
    render(<App api={api} initialSection="Settings" />);
    const often = await screen.findByRole('combobox', { name: 'Sync' });
    expect((often as HTMLSelectElement).value).toBe('24');
    expect(screen.getByLabelText('at')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId('next-run').textContent).toContain(
        localTime('2026-03-02T01:00:00Z'),
      ),
    );

    fireEvent.change(often, { target: { value: '6' } });
    await waitFor(() => expect(api.callsOf('updateSettings')).toEqual([{ syncEveryHours: 6 }]));
    expect(await screen.findByLabelText('starting at')).toBeTruthy();
    expect(screen.getByTestId('schedule-slots').textContent).toBe(
      `Runs at ${clock('02:00')}, ${clock('08:00')}, ${clock('14:00')} and ${clock('20:00')} every day (Europe/Berlin time).`,
    );
    await waitFor(() =>
      expect(screen.getByTestId('next-run').textContent).toBe(
        `Next scheduled run: ${localTime('2026-03-01T13:00:00Z')} (ada@example.com).`,
      ),
    );

    fireEvent.change(screen.getByLabelText('starting at'), { target: { value: '03:30' } });
    await waitFor(() =>
      expect(api.callsOf('updateSettings')).toContainEqual({ dailySyncTime: '03:30' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('schedule-slots').textContent).toBe(
        `Runs at ${clock('03:30')}, ${clock('09:30')}, ${clock('15:30')} and ${clock('21:30')} every day (Europe/Berlin time).`,
      ),
    );
  });

  it('defaults to the computer’s time zone, finds a zone from part of its name, and goes back', async () => {
    const api = scheduledApi();
    render(<App api={api} initialSection="Settings" />);
    const zone = (await screen.findByRole('combobox', { name: 'Time zone' })) as HTMLInputElement;
    expect(zone.value).toBe('Europe/Berlin');
    expect(screen.getByText(/^This computer’s time zone\./)).toBeTruthy();
    const list = document.getElementById(zone.getAttribute('list') ?? '') as HTMLDataListElement;
    const values = Array.from(list.options).map((o) => o.value);
    expect(values).toContain('America/New_York');
    expect(values.length).toBeGreaterThan(300);

    // Part of a name is no choice yet; the browser suggests from the list as one types.
    fireEvent.change(zone, { target: { value: 'new yo' } });
    expect(api.callsOf('updateSettings')).toEqual([]);
    fireEvent.change(zone, { target: { value: 'America/New York' } });
    await waitFor(() =>
      expect(api.callsOf('updateSettings')).toEqual([{ timeZone: 'America/New_York' }]),
    );
    await waitFor(() =>
      expect(screen.getByTestId('schedule-slots').textContent).toContain('America/New_York time'),
    );
    expect(zone.value).toBe('America/New_York');

    fireEvent.click(
      screen.getByRole('button', { name: 'Use this computer’s time zone (Europe/Berlin)' }),
    );
    await waitFor(() => expect(api.callsOf('updateSettings')).toContainEqual({ timeZone: null }));
    await waitFor(() => expect(zone.value).toBe('Europe/Berlin'));
  });

  it('refuses a name that is no time zone in words, saves nothing, and Escape restores', async () => {
    const api = scheduledApi();
    render(<App api={api} initialSection="Settings" />);
    const zone = (await screen.findByRole('combobox', { name: 'Time zone' })) as HTMLInputElement;
    fireEvent.change(zone, { target: { value: 'Berl' } });
    fireEvent.keyDown(zone, { key: 'Enter' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“Berl” is not a time zone.');
    expect(zone.getAttribute('aria-invalid')).toBe('true');
    expect(zone.getAttribute('aria-describedby')).toContain(alert.id);
    expect(api.callsOf('updateSettings')).toEqual([]);
    fireEvent.keyDown(zone, { key: 'Escape' });
    expect(zone.value).toBe('Europe/Berlin');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a refused change by its message', async () => {
    const api = scheduledApi();
    api.answers.updateSettings = () => ({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: 'Invalid request. timeZone: Expected a time zone such as Europe/Berlin',
      },
    });
    render(<App api={api} initialSection="Settings" />);
    fireEvent.change(await screen.findByRole('combobox', { name: 'Time zone' }), {
      target: { value: 'Asia/Tokyo' },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Invalid request. timeZone: Expected a time zone such as Europe/Berlin',
    );
  });
});

describe('Settings: mass-deletion threshold', () => {
  it('saves a percentage when the field is left, and refuses one out of range without asking', async () => {
    const api = scheduledApi();
    render(<App api={api} initialSection="Settings" />);
    const percent = await screen.findByRole('spinbutton', { name: /Stop and ask before/ });
    expect((percent as HTMLInputElement).value).toBe('50');
    expect(percent.getAttribute('aria-describedby')).toBe('mass-deletion-help');

    fireEvent.change(percent, { target: { value: '25' } });
    expect(api.callsOf('updateSettings')).toEqual([]);
    fireEvent.blur(percent);
    await waitFor(() =>
      expect(api.callsOf('updateSettings')).toEqual([{ massDeletionPercent: 25 }]),
    );

    fireEvent.change(percent, { target: { value: '0' } });
    fireEvent.keyDown(percent, { key: 'Enter' });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Enter a whole percentage from 1 to 100.',
    );
    expect(percent.getAttribute('aria-invalid')).toBe('true');
    expect(api.callsOf('updateSettings')).toHaveLength(1);
  });
});

describe('Settings: data location', () => {
  it('shows the data folder and copies its path', async () => {
    const api = new FakeApi();
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => Promise.resolve(void copied.push(text)) },
    });
    render(<App api={api} initialSection="Settings" />);
    expect((await screen.findByTestId('data-directory')).textContent).toBe(
      '/home/ada/.config/contacts-sync-agent',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy path' }));
    expect(await screen.findByText('Path copied.')).toBeTruthy();
    expect(copied).toEqual(['/home/ada/.config/contacts-sync-agent']);
  });
});

describe('Settings: accounts', () => {
  it('asks before disconnecting: Escape cancels, then "keep" keeps the local copy', async () => {
    const api = new FakeApi();
    api.answers.getStatus = () => ok(idleStatus({ accounts: [account({ contacts: 3000 })] }));
    render(<App api={api} initialSection="Settings" />);
    const row = await screen.findByRole('listitem', { name: 'ada@example.com' });
    expect(within(row).getByText('not synced yet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Connect a Google account' })).toBeTruthy();

    const trigger = within(row).getByRole('button', { name: 'Disconnect ada@example.com…' });
    trigger.focus();
    fireEvent.click(trigger);
    const dialog = screen.getByRole('alertdialog', { name: 'Disconnect ada@example.com?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(trigger);
    expect(api.callsOf('disconnectAccount')).toEqual([]);

    fireEvent.click(trigger);
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect, keep the contacts' }));
    await waitFor(() =>
      expect(api.callsOf('disconnectAccount')).toEqual([{ accountId: 1, deleteData: false }]),
    );
    expect((await screen.findByRole('status')).textContent).toBe(
      'ada@example.com is disconnected. Its 3,000 contacts stay on this computer: you can still search and export them.',
    );
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('deletes the local copy when asked to, and says so', async () => {
    const api = new FakeApi();
    api.answers.disconnectAccount = (r) => ok({ accountId: r?.accountId ?? 0, dataDeleted: true });
    render(<App api={api} initialSection="Settings" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect ada@example.com…' }));
    const dialog = screen.getByRole('alertdialog');
    // Tab from the last button wraps to the first: focus stays in the dialog.
    const buttons = within(dialog).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Disconnect, keep the contacts',
      'Disconnect and delete them',
      'Cancel',
    ]);
    fireEvent.keyDown(buttons[2]!, { key: 'Tab' });
    expect(document.activeElement).toBe(buttons[0]);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Disconnect and delete them' }));
    await waitFor(() =>
      expect(api.callsOf('disconnectAccount')).toEqual([{ accountId: 1, deleteData: true }]),
    );
    expect((await screen.findByRole('status')).textContent).toBe(
      'ada@example.com is disconnected and its contacts were deleted from this computer. Nothing was deleted in Google.',
    );
  });
});

describe('Status: deletions withheld by the mass-deletion guard', () => {
  it('shows them as account state, whatever the last run was, and confirms them for that account', async () => {
    const api = new FakeApi();
    // The last run is a calendar run: it must not hide the contacts' pending confirmation.
    const calendarRun: SyncRun = {
      runId: 5,
      accountId: 1,
      account: 'ada@example.com',
      resource: 'calendar',
      kind: 'incremental',
      trigger: 'scheduled',
      status: 'success',
      skipReason: null,
      startedAt: '2026-01-02T03:04:05Z',
      finishedAt: '2026-01-02T03:04:07Z',
      durationMs: 2000,
      counts: emptyCounts(),
      pages: 1,
      apiCalls: 2,
      bytesReceived: 0,
      error: null,
    };
    const pendingDeletions = { count: 1_600, since: '2026-01-02T02:00:00Z' };
    api.answers.getStatus = () =>
      ok(idleStatus({ accounts: [account({ lastRun: calendarRun, pendingDeletions })] }));
    render(<App api={api} initialSection="Status" />);
    const card = await screen.findByRole('article', { name: 'ada@example.com' });
    const pending = within(card).getByTestId('pending-deletions');
    expect(pending.textContent).toMatch(/1,600 contacts were deleted in Google Contacts/);
    fireEvent.click(within(card).getByRole('button', { name: 'Yes, delete them and sync' }));
    await waitFor(() =>
      expect(api.callsOf('syncNow')).toEqual([{ accountId: 1, allowMassDeletion: true }]),
    );
    act(() => api.emit('statusChanged', idleStatus()));
    await waitFor(() =>
      expect(within(card).queryByRole('button', { name: 'Yes, delete them and sync' })).toBeNull(),
    );
  });
});
