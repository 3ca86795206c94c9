/**
 * Calendar sync through the API as the app and preview wire it (createCoreServices): the setting,
 * calendar access asked for at the next sign-in, Sync Now covering contacts then calendars, the
 * agenda and the choice of calendars — a real database and settings file, the real Google
 * clients and sign-in against the fake Google server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../src/shared/domain.js';
import type {
  AgendaItem,
  ApiMethod,
  CalendarAccountStatus,
  CalendarSummary,
} from '../../src/shared/api/contract.js';
import { createCoreServices, type CoreServices } from '../../src/main/core/api/services.js';
import { FileTokenVault } from '../../src/main/core/auth/token-vault.js';
import { FakeBrowser } from '../fake-google/oauth-browser.js';
import { FakeGoogle } from '../fake-google/server.js';

const ME = 'me@example.com';
const TEAM = 'team@group.calendar.google.com';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let fake: FakeGoogle;
let dir: string;
let core: CoreServices;
let finished: SyncRun[];

/** A whole UTC hour `days` from now, so the events are in the agenda's next 30 days. */
const at = (days: number, hour = 10) => {
  const t = new Date(Date.now() + days * DAY);
  t.setUTCHours(hour, 0, 0, 0);
  return t.toISOString();
};
const date = (days: number) => at(days).slice(0, 10);

function seedCalendars(): void {
  const cal = fake.calendar;
  cal.addEvent(ME, {
    summary: 'Dentist',
    location: 'Main St 1',
    start: { dateTime: at(2), timeZone: 'UTC' },
    end: { dateTime: at(2, 11), timeZone: 'UTC' },
  });
  cal.addEvent(ME, {
    summary: 'Stand-up',
    start: { dateTime: at(-1, 9), timeZone: 'UTC' },
    end: { dateTime: at(-1, 10), timeZone: 'UTC' },
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=10'],
  });
  cal.addEvent(ME, { summary: 'Conference', start: { date: date(3) }, end: { date: date(5) } });
  cal.addCalendar({ id: TEAM, summary: 'Team', timeZone: 'UTC' });
  cal.addEvent(TEAM, {
    summary: 'Team offsite',
    start: { dateTime: at(4), timeZone: 'UTC' },
    end: { dateTime: at(4, 16), timeZone: 'UTC' },
  });
}

async function start(background = false): Promise<void> {
  const url = await fake.start();
  core = createCoreServices({
    databasePath: path.join(dir, 'contacts.db'),
    vault: new FileTokenVault(path.join(dir, 'tokens.json')),
    opener: new FakeBrowser().open,
    env: {
      CONTACTS_SYNC_GOOGLE_URL: url,
      GOOGLE_CLIENT_ID: fake.clientId,
      GOOGLE_CLIENT_SECRET: fake.clientSecret,
    },
    background: background ? {} : null,
  });
  core.start();
  finished = [];
  core.api.subscribe((event) => {
    if (event.name === 'runFinished') finished.push(event.payload);
  });
}

beforeEach(() => {
  fake = new FakeGoogle({ contacts: 40 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-calendar-api-'));
  seedCalendars();
});

afterEach(async () => {
  await core?.close();
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function value<T = unknown>(method: ApiMethod, payload: unknown = {}): Promise<T> {
  const result = await core.api.call(method, payload);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function errorCode(method: ApiMethod, payload: unknown): Promise<string | undefined> {
  const result = await core.api.call(method, payload);
  return result.ok ? undefined : result.error.code;
}

/** Resolves once `n` runs in all have finished since start(). */
async function runsFinished(n: number): Promise<SyncRun[]> {
  const deadline = Date.now() + 20_000;
  while (finished.length < n) {
    if (Date.now() > deadline) throw new Error(`only ${finished.length} of ${n} runs finished`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return finished.slice(0, n);
}

const summaries = (items: AgendaItem[]) => items.map((i) => i.summary);

describe('calendar sync through the API', () => {
  it('asks for calendar access, then Sync Now mirrors contacts and calendars', async () => {
    await start();
    await value('connectAccount');
    await runsFinished(1);
    expect(await value('getSettings')).toMatchObject({
      calendarSync: false,
      calendarEveryHours: 4,
    });
    expect(await value('syncNow')).toMatchObject({ runs: [{ account: ME, status: 'started' }] });
    // Calendar sync off: Sync Now covers contacts only.
    expect((await runsFinished(2)).map((r) => r.resource)).toEqual(['contacts', 'contacts']);

    expect(await value('updateSettings', { calendarSync: true })).toMatchObject({
      calendarSync: true,
    });
    // Signed in before calendar sync was on: the grant has no calendar scope.
    expect(await value<CalendarAccountStatus[]>('getCalendarStatus')).toMatchObject([
      { account: ME, access: 'missing', lastRun: null },
    ]);
    const answer = await value<{ runs: Array<{ status: string; runId: number }> }>('syncNow');
    expect(answer.runs).toHaveLength(1);
    const [contacts, calendar] = (await runsFinished(4)).slice(2);
    expect(contacts).toMatchObject({ resource: 'contacts', status: 'success' });
    expect(answer.runs[0]?.runId).toBe(contacts?.runId);
    expect(calendar).toMatchObject({
      resource: 'calendar',
      status: 'failed',
      error: { code: 'SCOPE_MISSING' },
    });

    // Reconnecting asks for the calendar scope too; the calendars follow the contacts.
    await value('connectAccount', { loginHint: ME });
    const [, afterConnect] = (await runsFinished(6)).slice(4);
    expect(afterConnect).toMatchObject({
      resource: 'calendar',
      trigger: 'after_connect',
      status: 'success',
    });
    expect(await value<CalendarAccountStatus[]>('getCalendarStatus')).toMatchObject([
      { access: 'granted', lastRun: { runId: afterConnect?.runId } },
    ]);

    const agenda = await value<AgendaItem[]>('getAgenda');
    expect(summaries(agenda)).toContain('Dentist');
    expect(summaries(agenda)).toContain('Conference');
    expect(summaries(agenda)).not.toContain('Team offsite');
    const standUps = agenda.filter((i) => i.summary === 'Stand-up');
    expect(standUps.length).toBeGreaterThanOrEqual(4);
    expect(standUps.every((i) => i.seriesId !== null)).toBe(true);
    expect(agenda.find((i) => i.summary === 'Conference')).toMatchObject({
      allDay: true,
      start: date(3),
      end: date(5),
    });
    const found = await value<AgendaItem[]>('getAgenda', { query: 'dent' });
    expect(summaries(found)).toEqual(['Dentist']);
  });

  it('mirrors a calendar once it is chosen, and leaves it out once it is not', async () => {
    await start();
    await value('updateSettings', { calendarSync: true });
    await value('connectAccount');
    await runsFinished(2);
    const calendars = await value<CalendarSummary[]>('listCalendars');
    expect(calendars.map((c) => [c.calendarId, c.selected])).toEqual([
      [ME, true],
      [TEAM, false],
    ]);
    const [account] = calendars;
    const accountId = account?.accountId;

    expect(
      await value('setCalendarSelected', { accountId, calendarId: TEAM, selected: true }),
    ).toMatchObject({ calendarId: TEAM, selected: true, events: 0 });
    await value('syncNow', { accountId });
    expect((await runsFinished(4)).slice(2).map((r) => [r.resource, r.status])).toEqual([
      ['contacts', 'success'],
      ['calendar', 'success'],
    ]);
    expect(summaries(await value('getAgenda', { accountId }))).toContain('Team offsite');
    expect(await value('listCalendars', { accountId })).toMatchObject([
      { calendarId: ME },
      { calendarId: TEAM, selected: true, events: 1 },
    ]);

    await value('setCalendarSelected', { accountId, calendarId: TEAM, selected: false });
    expect(summaries(await value('getAgenda'))).not.toContain('Team offsite');
  });

  it('Cancel during Sync Now also stops the calendar run that would follow', async () => {
    await start();
    await value('updateSettings', { calendarSync: true });
    await value('connectAccount');
    await runsFinished(2);
    fake.injectFault({ path: 'connections', kind: 'delay', delayMs: 300, count: 2 });
    await value('syncNow', { full: true });
    expect(await value('cancelSync')).toEqual({ cancelled: 1 });
    const [run] = (await runsFinished(3)).slice(2);
    expect(run).toMatchObject({ resource: 'contacts', status: 'cancelled' });
    // Give a calendar run every chance to start before checking that none did.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(finished).toHaveLength(3);
    expect(await value<SyncRun[]>('listHistory')).toHaveLength(3);
  });

  it('History filters runs by resource, and refuses a resource it does not know', async () => {
    await start();
    await value('updateSettings', { calendarSync: true });
    await value('connectAccount');
    await runsFinished(2);
    const resources = async (resource: string) =>
      (await value<SyncRun[]>('listHistory', { resource })).map((r) => r.resource);
    expect(await resources('calendar')).toEqual(['calendar']);
    expect(await resources('contacts')).toEqual(['contacts']);
    expect(await errorCode('listHistory', { resource: 'photos' })).toBe('INVALID_ARGUMENT');
  });

  it('refuses bad ranges, queries and calendars with a message', async () => {
    await start();
    await value('updateSettings', { calendarSync: true });
    await value('connectAccount');
    await runsFinished(2);
    const accountId = (await value<CalendarSummary[]>('listCalendars'))[0]?.accountId;

    const from = at(1);
    expect(await errorCode('getAgenda', { from, to: from })).toBe('INVALID_ARGUMENT');
    expect(await errorCode('getAgenda', { from, to: at(-1) })).toBe('INVALID_ARGUMENT');
    expect(await errorCode('getAgenda', { from, to: at(368) })).toBe('INVALID_ARGUMENT');
    expect(await errorCode('getAgenda', { to: at(-2) })).toBe('INVALID_ARGUMENT');
    expect(await errorCode('getAgenda', { from: '2026-13-01' })).toBe('INVALID_ARGUMENT');
    expect(await errorCode('getAgenda', { query: 'x'.repeat(201) })).toBe('INVALID_ARGUMENT');
    expect(await errorCode('getAgenda', { accountId: 999 })).toBe('ACCOUNT_NOT_FOUND');
    const tooLong = await core.api.call('getAgenda', { from, to: at(368) });
    expect(tooLong).toMatchObject({ ok: false, error: { message: /at most 366 days/ } });
    // A year is fine, and only `from`: the 30 days from it.
    expect(await errorCode('getAgenda', { from, to: at(366) })).toBeUndefined();
    expect(summaries(await value('getAgenda', { from: at(2, 12) }))).not.toContain('Dentist');

    expect(
      await errorCode('setCalendarSelected', { accountId, calendarId: 'nope', selected: true }),
    ).toBe('NOT_FOUND');
    expect(
      await errorCode('setCalendarSelected', { accountId, calendarId: 'a b', selected: true }),
    ).toBe('INVALID_ARGUMENT');
    expect(await errorCode('updateSettings', { calendarEveryHours: 5 })).toBe('INVALID_ARGUMENT');
    expect(await errorCode('updateSettings', { calendarSync: 'yes' })).toBe('INVALID_ARGUMENT');
  });

  it('plans calendar runs at their own interval only while calendar sync is on', async () => {
    await start(true);
    await value('connectAccount');
    await runsFinished(1);
    const scheduler = core.scheduler;
    const [account] = await value<Array<{ id: number; email: string }>>('listAccounts');
    if (!scheduler || !account) throw new Error('expected a scheduler and an account');
    const full = { ...account, displayName: null, status: 'connected' as const, connectedAt: '' };
    expect(scheduler.statusOf(full, 'calendar').nextRunAt).toBeNull();

    await value('updateSettings', { calendarSync: true, calendarEveryHours: 6 });
    const status = scheduler.statusOf(full, 'calendar');
    expect(status.schedule.everyHours).toBe(6);
    expect(status.nextRunAt).not.toBeNull();
    expect(Date.parse(status.nextRunAt ?? '') - Date.now()).toBeLessThanOrEqual(6 * HOUR);
    expect(scheduler.statusOf(full, 'contacts').schedule.everyHours).toBe(24);
  });
});
