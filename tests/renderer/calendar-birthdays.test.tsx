/** Settings → Calendar: "Show birthdays" and a calendar's own sync error (issue 14). */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/App.js';
import { FakeApi } from './fake-api.js';
import { access, calendar, ok, SLOW } from './calendar-fixtures.js';

afterEach(cleanup);

describe('Calendar settings (issue 14)', () => {
  it('"Show birthdays" is off by default and turns birthdays on', async () => {
    const api = new FakeApi();
    api.settings.calendarSync = true;
    api.answers.getCalendarStatus = () => ok([access()]);
    api.calendars = [calendar({})];
    render(<App api={api} initialSection="Settings" />);
    const birthdays = (await screen.findByRole(
      'checkbox',
      { name: /Show birthdays/ },
      SLOW,
    )) as HTMLInputElement;
    expect(birthdays.checked).toBe(false);
    fireEvent.click(birthdays);
    await waitFor(() => expect(api.settings.calendarShowBirthdays).toBe(true));
    expect(birthdays.checked).toBe(true);
  });

  it("shows a mirrored calendar's own sync error beside it", async () => {
    const api = new FakeApi();
    api.settings.calendarSync = true;
    api.answers.getCalendarStatus = () => ok([access()]);
    const message = 'Google Calendar no longer finds the calendar "Team".';
    api.calendars = [
      calendar({}),
      calendar({
        calendarId: 'team@group',
        summary: 'Team',
        primary: false,
        syncError: { code: 'NOT_FOUND', message, at: '2026-04-01T08:00:00.000Z' },
      }),
    ];
    render(<App api={api} initialSection="Settings" />);
    expect(await screen.findByText(message, {}, SLOW)).toBeTruthy();
  });
});
