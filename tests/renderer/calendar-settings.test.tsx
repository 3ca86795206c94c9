/** The calendar block of Settings, and calendar runs in History and on the Status cards. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { emptyCounts } from '../../src/shared/domain.js';
import { account, FakeApi, idleStatus } from './fake-api.js';
import { access, calendar, calendarRun, ok, SLOW } from './calendar-fixtures.js';

afterEach(cleanup);

describe('Calendar settings', () => {
  it('turns calendar sync on, sets its interval, and chooses calendars per account', async () => {
    const api = new FakeApi();
    api.answers.getCalendarStatus = () => ok([access()]);
    api.calendars = [
      calendar({}),
      calendar({ calendarId: 'team@group', summary: 'Team', primary: false, selected: false }),
    ];
    render(<App api={api} initialSection="Settings" />);
    const sync = await screen.findByRole(
      'checkbox',
      { name: 'Sync my Google calendars too' },
      SLOW,
    );
    const every = screen.getByRole('combobox', { name: 'Sync calendars' }) as HTMLSelectElement;
    expect(every.disabled).toBe(true);
    expect(screen.queryByRole('checkbox', { name: /Team/ })).toBeNull();

    fireEvent.click(sync);
    await waitFor(() => expect(every.disabled).toBe(false));
    fireEvent.change(every, { target: { value: '6' } });
    await waitFor(() => expect(api.settings.calendarEveryHours).toBe(6));
    expect(every.value).toBe('6');

    const group = await screen.findByRole('list', { name: 'Calendars of ada@example.com' });
    const primary = within(group).getByRole('checkbox', { name: /Ada \(primary\)/ });
    const team = within(group).getByRole('checkbox', { name: /Team/ }) as HTMLInputElement;
    expect((primary as HTMLInputElement).checked).toBe(true);
    expect(team.checked).toBe(false);
    fireEvent.click(team);
    await waitFor(() => expect(team.checked).toBe(true));
    expect(api.callsOf('setCalendarSelected')).toEqual([
      { accountId: 1, calendarId: 'team@group', selected: true },
    ]);
  });

  it('shows a refused choice as a message and asks for calendar access', async () => {
    const api = new FakeApi();
    api.settings.calendarSync = true;
    api.answers.getCalendarStatus = () => ok([access({ access: 'missing' })]);
    api.calendars = [calendar({})];
    api.answers.setCalendarSelected = () => ({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no calendar "ada@example.com".' },
    });
    render(<App api={api} initialSection="Settings" />);
    // The Settings section is large (every time zone): give it time on a busy machine.
    expect(await screen.findByText(/Reconnect to allow calendar access/, {}, SLOW)).toBeTruthy();
    fireEvent.click(await screen.findByRole('checkbox', { name: /Ada \(primary\)/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('There is no calendar');
  });
});

describe('calendar runs elsewhere', () => {
  it('lists calendar runs in History by what they synced, access problems in plain words', async () => {
    const api = new FakeApi();
    api.answers.listHistory = () =>
      ok([
        calendarRun({
          runId: 2,
          status: 'failed',
          error: { code: 'SCOPE_MISSING', message: 'contacts-sync connect --account ada' },
        }),
        calendarRun({ runId: 1, resource: 'contacts' }),
      ]);
    render(<App api={api} initialSection="History" />);
    // One row group per run: its row, and the second line a narrow window shows.
    const openers = () => screen.getAllByRole('button', { name: /^Show details of the run/ });
    await waitFor(() => expect(openers()).toHaveLength(2));
    const runs = openers().map((button) => button.closest('tbody') as HTMLElement);
    expect(runs[0]!.textContent).toContain('Calendar');
    expect(runs[0]!.textContent).toContain('Reconnect to allow calendar access');
    expect(runs[0]!.textContent).not.toContain('contacts-sync');
    expect(runs[1]!.textContent).toContain('Contacts');
  });

  it('offers Reconnect on the account card when calendar access is missing', async () => {
    const api = new FakeApi();
    const failed = calendarRun({
      status: 'failed',
      error: { code: 'SCOPE_MISSING', message: 'contacts-sync connect --account ada' },
    });
    api.answers.getStatus = () =>
      ok(idleStatus({ state: 'error', accounts: [account({ lastRun: failed })] }));
    render(<App api={api} initialSection="Status" />);
    const card = await screen.findByRole('article', { name: 'ada@example.com' });
    await waitFor(() => expect(card.textContent).toContain('Reconnect to allow calendar access.'));
    expect(card.textContent).not.toContain('contacts-sync');
    fireEvent.click(within(card).getByRole('button', { name: 'Reconnect' }));
    await waitFor(() =>
      expect(api.callsOf('connectAccount')).toEqual([{ loginHint: 'ada@example.com' }]),
    );
    const synced = calendarRun({ counts: { ...emptyCounts(), fetched: 12 } });
    api.answers.listHistory = () => ok([synced]);
    act(() => api.emit('runFinished', synced));
    expect((await screen.findByTestId('last-run')).textContent).toMatch(
      / · ada@example\.com · calendar · synced 12 calendars and events \(0 new, 0 updated, 0 deleted\)$/,
    );
  });
});
