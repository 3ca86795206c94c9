/** Builders of calendar values for the renderer tests: valid by default, overridden as needed. */
import { localDate } from '../../src/renderer/agenda-days.js';
import type {
  AgendaItem,
  ApiResult,
  CalendarAccountStatus,
  CalendarSummary,
} from '../../src/shared/api/contract.js';
import { emptyCounts, type SyncRun } from '../../src/shared/domain.js';
import { FakeApi } from './fake-api.js';

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
const DAY = 86_400_000;
/** The Settings section is large (every time zone): give it time on a busy machine. */
export const SLOW = { timeout: 5000 };

/** A local wall time `days` from today, as the instant the API would send. */
export function localInstant(days: number, hour: number, minute = 0): string {
  const t = new Date();
  t.setDate(t.getDate() + days);
  t.setHours(hour, minute, 0, 0);
  return t.toISOString();
}
export const localDay = (days: number) => localDate(new Date(Date.now() + days * DAY));

export function timed(
  summary: string,
  days: number,
  hour: number,
  extra: Partial<AgendaItem> = {},
) {
  const start = localInstant(days, hour);
  const end = localInstant(days, hour + 1);
  return item({ summary, start, end, startUtc: start, endUtc: end, ...extra });
}

export function allDay(summary: string, days: number, length = 1): AgendaItem {
  return item({
    summary,
    allDay: true,
    start: localDay(days),
    end: localDay(days + length),
    startUtc: localInstant(days, 0),
    endUtc: localInstant(days + length, 0),
  });
}

export function item(overrides: Partial<AgendaItem>): AgendaItem {
  return {
    accountId: 1,
    calendarId: 'ada@example.com',
    calendarSummary: 'Ada',
    eventId: `e-${Math.random().toString(36).slice(2)}`,
    seriesId: null,
    status: 'confirmed',
    summary: 'Event',
    location: null,
    allDay: false,
    start: '',
    end: '',
    startUtc: '',
    endUtc: '',
    timeZone: 'UTC',
    ...overrides,
  };
}

export function calendar(overrides: Partial<CalendarSummary>): CalendarSummary {
  return {
    accountId: 1,
    account: 'ada@example.com',
    calendarId: 'ada@example.com',
    summary: 'Ada',
    timeZone: 'Europe/Berlin',
    accessRole: 'owner',
    backgroundColor: '#16a765',
    primary: true,
    hidden: false,
    selected: true,
    deletedAt: null,
    events: 12,
    lastFullSyncAt: null,
    lastIncrementalSyncAt: null,
    ...overrides,
  };
}

export const calendarRun = (overrides: Partial<SyncRun> = {}): SyncRun => ({
  runId: 9,
  accountId: 1,
  account: 'ada@example.com',
  resource: 'calendar',
  kind: 'full',
  trigger: 'manual',
  status: 'success',
  skipReason: null,
  startedAt: new Date().toISOString(),
  finishedAt: new Date().toISOString(),
  durationMs: 100,
  counts: { ...emptyCounts(), fetched: 5, created: 5 },
  pages: 1,
  apiCalls: 2,
  bytesReceived: 100,
  error: null,
  ...overrides,
});

export const access = (overrides: Partial<CalendarAccountStatus> = {}): CalendarAccountStatus => ({
  accountId: 1,
  account: 'ada@example.com',
  access: 'granted',
  lastRun: calendarRun(),
  ...overrides,
});

export function calendarApi(items: AgendaItem[] = []): FakeApi {
  const api = new FakeApi();
  api.settings.calendarSync = true;
  api.answers.getCalendarStatus = () => ok([access()]);
  api.answers.getAgenda = () => ok(items);
  return api;
}
