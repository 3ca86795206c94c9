/**
 * Calendar: the agenda of the next 30 days from the mirrored calendars, grouped by day (recurring
 * events come expanded from the API), with a search, and what to do when calendar sync is off or
 * an account still has to allow calendar access.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AgendaItem,
  CalendarAccountStatus,
  ContactsApi,
  Settings,
} from '../../shared/api/contract.js';
import { timeAgo } from '../../shared/api/status-text.js';
import { dayHeading, groupByDay, whenText } from '../agenda-days.js';
import { count, exactTime } from '../format.js';
import { AgendaRepeat } from './AgendaRepeat.js';

/** Typing pauses this long before the agenda is asked again. */
export const SEARCH_DEBOUNCE_MS = 250;

function AgendaRow({ item, showCalendar }: { item: AgendaItem; showCalendar: boolean }) {
  const where = [item.location, showCalendar ? item.calendarSummary : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="agenda-item">
      <span className="agenda-when">{whenText(item)}</span>
      <span className="agenda-what">
        <span className="agenda-title">{item.summary || '(No title)'}</span>
        {where && <span className="agenda-where">{where}</span>}
      </span>
      <AgendaRepeat item={item} />
    </li>
  );
}

/** The accounts that must sign in again before their calendars can sync. */
function AccessNotices({
  accounts,
  onReconnect,
}: {
  accounts: CalendarAccountStatus[];
  onReconnect: (email: string) => void;
}) {
  const missing = accounts.filter((a) => a.access === 'missing');
  if (missing.length === 0) return null;
  return (
    <div className="notice calendar-access" role="status">
      {missing.map((a) => (
        <p key={a.accountId}>
          <span>
            {a.account}: Reconnect to allow calendar access. Google asks once whether this app may
            read your calendars.
          </span>{' '}
          <button type="button" onClick={() => onReconnect(a.account)}>
            Reconnect
          </button>
        </p>
      ))}
    </div>
  );
}

export function CalendarSection({
  api,
  now,
  onReconnect,
  onOpenSettings,
}: {
  api: ContactsApi;
  now: Date;
  onReconnect: (email: string) => void;
  onOpenSettings: () => void;
}) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [accounts, setAccounts] = useState<CalendarAccountStatus[]>([]);
  const [items, setItems] = useState<AgendaItem[] | null>(null);
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** Only the newest agenda request may show its answer; a slower older one is dropped. */
  const latest = useRef(0);

  const loadAgenda = useCallback(
    async (text: string) => {
      const request = ++latest.current;
      const result = await api.getAgenda(text.trim() ? { query: text.trim() } : {});
      if (request !== latest.current) return;
      if (result.ok) {
        setItems(result.value);
        setError(null);
      } else setError(result.error.message);
    },
    [api],
  );

  const loadStatus = useCallback(async () => {
    const [settingsResult, statusResult] = await Promise.all([
      api.getSettings(),
      api.getCalendarStatus(),
    ]);
    if (settingsResult.ok) setSettings(settingsResult.value);
    else setError(settingsResult.error.message);
    if (statusResult.ok) setAccounts(statusResult.value);
  }, [api]);

  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);

  const enabled = settings?.calendarSync === true;
  const queryRef = useRef(query);
  useEffect(() => {
    queryRef.current = query;
  }, [query]);

  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => void loadAgenda(query), query ? SEARCH_DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [enabled, query, loadAgenda]);

  // A finished calendar run may have brought new events, or told that access is missing.
  useEffect(
    () =>
      api.onRunFinished((run) => {
        if (run.resource !== 'calendar') return;
        void loadStatus();
        void loadAgenda(queryRef.current);
      }),
    [api, loadAgenda, loadStatus],
  );

  const turnOn = async () => {
    const result = await api.updateSettings({ calendarSync: true });
    if (result.ok) {
      setSettings(result.value);
      void loadStatus();
    } else setError(result.error.message);
  };

  const syncNow = async () => {
    const result = await api.syncNow();
    if (!result.ok) setError(result.error.message);
  };

  if (!settings) {
    return error ? (
      <p className="error" role="alert">
        {error}
      </p>
    ) : (
      <p className="muted">Loading…</p>
    );
  }

  if (!enabled) {
    return (
      <div className="empty calendar-off">
        <p>Calendar sync is off — turn it on in Settings.</p>
        <p className="muted">
          The app then mirrors the Google calendars you choose (your primary calendar to begin with)
          and shows their next 30 days here.
        </p>
        <div className="actions">
          <button type="button" onClick={() => void turnOn()}>
            Turn on calendar sync
          </button>
          <button type="button" className="secondary" onClick={onOpenSettings}>
            Open Settings
          </button>
        </div>
      </div>
    );
  }

  const lastSync = accounts
    .map((a) => (a.lastRun?.status === 'success' ? (a.lastRun.finishedAt ?? null) : null))
    .reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
  const neverSynced = accounts.length > 0 && accounts.every((a) => a.lastRun === null);
  const days = items ? groupByDay(items, now) : [];
  // The calendar's name tells rows apart only when the agenda holds more than one calendar.
  const showCalendar = new Set(items?.map((i) => `${i.accountId}/${i.calendarId}`) ?? []).size > 1;
  const searching = query.trim() !== '';

  return (
    <>
      <div className="toolbar">
        <input
          type="search"
          className="agenda-search"
          aria-label="Search events"
          placeholder="Search events"
          value={query}
          maxLength={200}
          onChange={(e) => setQuery(e.target.value)}
        />
        <p className="muted" aria-live="polite">
          {items === null
            ? ''
            : `${count(items.length)}${searching ? ' matching' : ''} event${items.length === 1 ? '' : 's'} in the next 30 days`}
          {lastSync && (
            <>
              {' · '}
              <span title={exactTime(lastSync)}>synced {timeAgo(lastSync, now)}</span>
            </>
          )}
        </p>
      </div>
      <AccessNotices accounts={accounts} onReconnect={onReconnect} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {items !== null && items.length === 0 && (
        <div className="empty">
          {searching ? (
            <p>No events match “{query.trim()}” in the next 30 days.</p>
          ) : neverSynced ? (
            <>
              <p>Your calendars have not synced yet.</p>
              <button type="button" onClick={() => void syncNow()}>
                Sync now
              </button>
            </>
          ) : (
            <p>No events in the next 30 days.</p>
          )}
        </div>
      )}
      {days.map((day) => (
        <section key={day.date} className="agenda-day" aria-labelledby={`day-${day.date}`}>
          <h3 id={`day-${day.date}`}>{dayHeading(day.date, now)}</h3>
          <ul className="agenda-list">
            {day.items.map((item) => (
              <AgendaRow
                key={`${item.accountId}/${item.calendarId}/${item.eventId}`}
                item={item}
                showCalendar={showCalendar}
              />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
