/** The Calendar section: the agenda by day, search, empty states, access; against the fake API. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { groupByDay, whenText } from '../../src/renderer/agenda-days.js';
import type { AgendaItem, ApiResult } from '../../src/shared/api/contract.js';
import { FakeApi } from './fake-api.js';
import {
  access,
  allDay,
  calendarApi,
  calendarRun,
  item,
  localDay,
  localInstant,
  ok,
  timed,
} from './calendar-fixtures.js';

afterEach(cleanup);

const daySections = () =>
  screen.queryAllByRole('region').filter((r) => r.classList.contains('agenda-day'));

describe('agenda days', () => {
  it('groups by local day, all-day first, and an ongoing event under today', () => {
    const items = [
      timed('Lunch', 1, 12),
      // All day in a zone behind this one: its instant is late morning here, still listed first.
      { ...allDay('Holiday', 1), startUtc: localInstant(1, 10) },
      timed('Breakfast', 1, 8),
      // Began yesterday, still on: listed today.
      item({ summary: 'Night shift', startUtc: localInstant(-1, 22), endUtc: localInstant(0, 23) }),
      timed('Later', 3, 9),
    ];
    const days = groupByDay(items, new Date());
    expect(days.map((d) => d.date)).toEqual([localDay(0), localDay(1), localDay(3)]);
    expect(days[1]?.items.map((i) => i.summary)).toEqual(['Holiday', 'Breakfast', 'Lunch']);
  });

  it('says all day (with the last day, Google’s end being exclusive) or the local times', () => {
    expect(whenText(allDay('One', 2))).toBe('All day');
    expect(whenText(allDay('Three', 2, 3))).toMatch(/^All day, until /);
    const lunch = timed('Lunch', 1, 12);
    const local = (iso: string) =>
      new Date(iso).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
    expect(whenText(lunch)).toBe(`${local(lunch.startUtc)} – ${local(lunch.endUtc)}`);
  });
});

describe('Calendar section', () => {
  it('lists the next 30 days by day, recurring occurrences marked', async () => {
    const api = calendarApi([
      timed('Stand-up', 0, 23, { seriesId: 's1', location: 'Room 4' }),
      timed('Stand-up', 7, 23, { seriesId: 's1' }),
      allDay('Conference', 1, 2),
    ]);
    render(<App api={api} initialSection="Calendar" />);
    await waitFor(() => expect(daySections()).toHaveLength(3));
    const [today, tomorrow] = daySections();
    expect(within(today!).getByRole('heading').textContent).toBe('Today');
    // One calendar only: its name would repeat on every row.
    expect(today!.textContent).toContain('Room 4');
    expect(today!.textContent).not.toContain('Ada');
    expect(within(today!).getByLabelText('Repeats')).toBeTruthy();
    expect(within(tomorrow!).getByRole('heading').textContent).toBe('Tomorrow');
    expect(tomorrow!.textContent).toMatch(/All day, until .*Conference/);
    expect(screen.getByText(/3 events in the next 30 days/)).toBeTruthy();
  });

  it('names the calendar of each event when the agenda holds several', async () => {
    const api = calendarApi([
      timed('Dentist', 1, 9),
      timed('Offsite', 1, 11, { calendarId: 'team@group', calendarSummary: 'Team' }),
    ]);
    render(<App api={api} initialSection="Calendar" />);
    await waitFor(() => expect(daySections()).toHaveLength(1));
    expect(daySections()[0]!.textContent).toMatch(/Dentist.*Ada.*Offsite.*Team/);
  });

  it('searches after a pause in typing and drops answers that come back late', async () => {
    const api = calendarApi([timed('Dentist', 1, 9), timed('Yoga', 2, 18)]);
    const pending: Array<(result: ApiResult<AgendaItem[]>) => void> = [];
    render(<App api={api} initialSection="Calendar" />);
    await waitFor(() => expect(daySections()).toHaveLength(2));

    api.answers.getAgenda = () => new Promise((resolve) => pending.push(resolve));
    const search = screen.getByRole('searchbox', { name: 'Search events' });
    fireEvent.change(search, { target: { value: 'd' } });
    fireEvent.change(search, { target: { value: 'de' } });
    await waitFor(() => expect(pending).toHaveLength(1));
    // Debounced: one request for the last text, not one per keystroke.
    expect(api.callsOf('getAgenda').at(-1)).toEqual({ query: 'de' });

    fireEvent.change(search, { target: { value: 'yo' } });
    await waitFor(() => expect(pending).toHaveLength(2));
    act(() => pending[1]!(ok([timed('Yoga', 2, 18)])));
    await waitFor(() => expect(screen.queryByText('Dentist')).toBeNull());
    // The answer to "de" arrives last: it is stale and must not replace the one for "yo".
    act(() => pending[0]!(ok([timed('Dentist', 1, 9)])));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByText('Yoga')).toBeTruthy();
    expect(screen.queryByText('Dentist')).toBeNull();

    api.answers.getAgenda = () => ok([]);
    fireEvent.change(search, { target: { value: 'zzz' } });
    expect(await screen.findByText('No events match “zzz” in the next 30 days.')).toBeTruthy();
  });

  it('says when there is nothing in the next 30 days, and reloads after a calendar run', async () => {
    const api = calendarApi([]);
    render(<App api={api} initialSection="Calendar" />);
    expect(await screen.findByText('No events in the next 30 days.')).toBeTruthy();
    api.answers.getAgenda = () => ok([timed('New', 2, 10)]);
    act(() => api.emit('runFinished', calendarRun({ runId: 10 })));
    expect(await screen.findByText('New')).toBeTruthy();
  });

  it('offers to turn calendar sync on when it is off, or to open Settings', async () => {
    const api = new FakeApi();
    render(<App api={api} initialSection="Calendar" />);
    expect(await screen.findByText('Calendar sync is off — turn it on in Settings.')).toBeTruthy();
    expect(api.callsOf('getAgenda')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Open Settings' }));
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy();

    cleanup();
    render(<App api={api} initialSection="Calendar" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Turn on calendar sync' }));
    await waitFor(() => expect(api.callsOf('updateSettings')).toEqual([{ calendarSync: true }]));
    expect(await screen.findByText('No events in the next 30 days.')).toBeTruthy();
  });

  it('asks an account without calendar access to reconnect', async () => {
    const api = calendarApi([]);
    api.answers.getCalendarStatus = () => ok([access({ access: 'missing', lastRun: null })]);
    render(<App api={api} initialSection="Calendar" />);
    expect(await screen.findByText(/Reconnect to allow calendar access/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    await waitFor(() =>
      expect(api.callsOf('connectAccount')).toEqual([{ loginHint: 'ada@example.com' }]),
    );
  });
});
