/**
 * Calendar sync: on/off, how often, and per account the calendars to mirror. Turning it on asks
 * Google for calendar access at the next sign-in, so an account connected before shows
 * "Reconnect to allow calendar access" until it has signed in again.
 */
import { useCallback, useEffect, useState } from 'react';
import type {
  CalendarAccountStatus,
  CalendarSummary,
  ContactsApi,
} from '../../../shared/api/contract.js';
import { count } from '../../format.js';
import type { AppState } from '../../useAppState.js';
import { IntervalSelect } from './IntervalSelect.js';
import type { SettingsControlProps } from './ScheduleSettings.js';

const eventsText = (n: number) => `${count(n)} event${n === 1 ? '' : 's'}`;

function CalendarChoice({
  calendar,
  onChange,
}: {
  calendar: CalendarSummary;
  onChange: (selected: boolean) => void;
}) {
  return (
    <li>
      <label className="check">
        <input
          type="checkbox"
          checked={calendar.selected}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span
          className="calendar-swatch"
          aria-hidden="true"
          style={{ background: calendar.backgroundColor ?? 'var(--accent)' }}
        />
        {calendar.summary ?? calendar.calendarId}
        {calendar.primary && <span className="muted"> (primary)</span>}
        {calendar.selected && <span className="muted"> · {eventsText(calendar.events)}</span>}
      </label>
      {calendar.selected && calendar.syncError && (
        <p className="error calendar-error">{calendar.syncError.message}</p>
      )}
    </li>
  );
}

export function CalendarSettings({
  api,
  app,
  settings,
  update,
}: SettingsControlProps & { api: ContactsApi; app: Pick<AppState, 'connect' | 'busy'> }) {
  const [accounts, setAccounts] = useState<CalendarAccountStatus[]>([]);
  const [calendars, setCalendars] = useState<CalendarSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const enabled = settings.calendarSync;

  const load = useCallback(async () => {
    const [status, list] = await Promise.all([api.getCalendarStatus(), api.listCalendars()]);
    if (status.ok) setAccounts(status.value);
    if (list.ok) setCalendars(list.value);
    const failed = !status.ok ? status.error : !list.ok ? list.error : null;
    setError(failed?.message ?? null);
  }, [api]);

  useEffect(() => {
    void load();
    // A calendar run brings the calendar list (and says whether access is missing).
    return api.onRunFinished((run) => {
      if (run.resource === 'calendar') void load();
    });
  }, [api, load, enabled]);

  const choose = async (calendar: CalendarSummary, selected: boolean) => {
    const result = await api.setCalendarSelected({
      accountId: calendar.accountId,
      calendarId: calendar.calendarId,
      selected,
    });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    setCalendars((list) =>
      list.map((c) =>
        c.accountId === result.value.accountId && c.calendarId === result.value.calendarId
          ? result.value
          : c,
      ),
    );
  };

  const reconnect = async (email: string) => {
    await app.connect(email);
    void load();
  };

  return (
    <fieldset>
      <legend>Calendar</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(e) => void update({ calendarSync: e.target.checked })}
        />
        Sync my Google calendars too
      </label>
      <label>
        Sync calendars{' '}
        <IntervalSelect
          value={settings.calendarEveryHours}
          disabled={!enabled}
          onChange={(hours) => void update({ calendarEveryHours: hours })}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.calendarShowBirthdays}
          disabled={!enabled}
          onChange={(e) => void update({ calendarShowBirthdays: e.target.checked })}
        />
        Show birthdays
        <span className="muted"> (your contacts' birthdays from Google Calendar)</span>
      </label>
      {enabled &&
        accounts.map((account) => {
          const own = calendars.filter((c) => c.accountId === account.accountId);
          return (
            <fieldset key={account.accountId} className="calendar-account">
              <legend>{account.account}</legend>
              {account.access === 'missing' && (
                <p className="notice">
                  Reconnect to allow calendar access.{' '}
                  <button
                    type="button"
                    onClick={() => void reconnect(account.account)}
                    disabled={app.busy === 'connect'}
                  >
                    Reconnect
                  </button>
                </p>
              )}
              {own.length === 0 ? (
                account.access !== 'missing' && (
                  <p className="muted">
                    The calendars of this account appear here after its first calendar sync.
                  </p>
                )
              ) : (
                <ul className="calendar-choices" aria-label={`Calendars of ${account.account}`}>
                  {own.map((calendar) => (
                    <CalendarChoice
                      key={calendar.calendarId}
                      calendar={calendar}
                      onChange={(selected) => void choose(calendar, selected)}
                    />
                  ))}
                </ul>
              )}
            </fieldset>
          );
        })}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
