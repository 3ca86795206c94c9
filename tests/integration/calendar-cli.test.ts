/** `contacts-sync calendars`, `events` and `sync` with calendar sync on: the real CLI process. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgendaItem, CalendarSummary } from '../../src/shared/calendar.js';
import { FakeGoogle } from '../fake-google/server.js';
import { cliEnv, runCli } from './cli-process.js';

const PRIMARY = 'me@example.com';
let fake: FakeGoogle;
let dir: string;
let env: NodeJS.ProcessEnv;
let team: string;

beforeAll(async () => {
  fake = new FakeGoogle({ contacts: 30 });
  const url = await fake.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-cal-cli-'));
  // Dates on the command line and times printed are read in the computer's zone.
  env = cliEnv(url, { CONTACTS_SYNC_DB: path.join(dir, 'contacts.db'), TZ: 'Europe/Berlin' });
  team = fake.calendar.addCalendar({ summary: 'Team' });
  fake.calendar.addEvent(PRIMARY, {
    summary: 'Stand-up',
    start: { dateTime: '2026-03-23T09:00:00+01:00', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2026-03-23T09:15:00+01:00', timeZone: 'Europe/Berlin' },
    recurrence: ['RRULE:FREQ=DAILY;COUNT=10'],
  });
  fake.calendar.addEvent(team, {
    summary: 'Offsite',
    start: { date: '2026-03-26' },
    end: { date: '2026-03-28' },
  });
  const added = await runCli(['accounts', 'add', PRIMARY], env, fake.refreshToken);
  expect(added.code).toBe(0);
});

afterAll(async () => {
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const json = <T>(stdout: string) => JSON.parse(stdout) as T;

describe('calendar commands', () => {
  it('sync covers calendars only once calendar sync is enabled', async () => {
    const before = await runCli(['--json', 'sync'], env);
    expect(json<{ resource: string }[]>(before.stdout).map((r) => r.resource)).toEqual([
      'contacts',
    ]);
    expect((await runCli(['calendars'], env)).stdout).toMatch(/calendars enable/);

    const enabled = await runCli(['calendars', 'enable'], env);
    expect(enabled.code).toBe(0);
    expect(enabled.stdout).toMatch(/contacts-sync connect --account me@example.com/);
    const after = await runCli(['--json', 'sync'], env);
    expect(after.code).toBe(0);
    const runs = json<{ resource: string; status: string; kind: string }[]>(after.stdout);
    expect(runs.map((r) => [r.resource, r.status, r.kind])).toEqual([
      ['contacts', 'success', 'incremental'],
      ['calendar', 'success', 'full'],
    ]);
    const schedule = await runCli(['--json', 'schedule'], env);
    const [row] = json<{ calendar: { baseIntervalMinutes: number } | null }[]>(schedule.stdout);
    expect(row?.calendar?.baseIntervalMinutes).toBe(240);
    expect((await runCli(['schedule'], env)).stdout).toMatch(/calendars: every 4 h from 00:00/);
  });

  it('lists the calendars and changes which are mirrored', async () => {
    const listed = json<CalendarSummary[]>((await runCli(['--json', 'calendars'], env)).stdout);
    expect(listed.map((c) => [c.calendarId, c.selected, c.events])).toEqual([
      [PRIMARY, true, 1],
      [team, false, 0],
    ]);
    const text = (await runCli(['calendars'], env)).stdout;
    expect(text).toMatch(/MIRRORED\s+CALENDAR/);
    expect(text).toMatch(/yes\s+me@example.com \(primary\)/);

    expect((await runCli(['calendars', 'select', team], env)).code).toBe(0);
    expect((await runCli(['sync'], env)).code).toBe(0);
    const now = json<CalendarSummary[]>((await runCli(['--json', 'calendars'], env)).stdout);
    expect(now.find((c) => c.calendarId === team)).toMatchObject({ selected: true, events: 1 });
    const unknown = await runCli(['calendars', 'select', 'nope@group.calendar.google.com'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no calendar "nope@group.calendar.google.com"/);
  });

  it('prints the agenda with recurring events expanded within --from/--to', async () => {
    const result = await runCli(
      ['--json', 'events', '--from', '2026-03-25', '--to', '2026-03-27'],
      env,
    );
    expect(result.code).toBe(0);
    const items = json<AgendaItem[]>(result.stdout);
    expect(items.map((i) => [i.summary, i.start])).toEqual([
      ['Stand-up', '2026-03-25T09:00:00+01:00'],
      ['Offsite', '2026-03-26'],
      ['Stand-up', '2026-03-26T09:00:00+01:00'],
      ['Stand-up', '2026-03-27T09:00:00+01:00'],
    ]);
    const text = await runCli(
      ['events', 'stand', '--from', '2026-03-30T00:00:00+02:00', '--to', '2026-04-30'],
      env,
    );
    // COUNT=10 from 23 March: the last one is on 1 April, after the DST change, still at 09:00.
    expect(text.stdout.trim().split('\n').slice(1)).toEqual([
      expect.stringMatching(/^2026-03-30 09:00–09:15\s+Stand-up/),
      expect.stringMatching(/^2026-03-31 09:00–09:15\s+Stand-up/),
      expect.stringMatching(/^2026-04-01 09:00–09:15\s+Stand-up/),
    ]);
    const bad = await runCli(['events', '--from', 'next tuesday'], env);
    expect(bad.code).toBe(2);
  });

  it('marks a series whose rule cannot be expanded (issue #14)', async () => {
    fake.calendar.addEvent(PRIMARY, {
      summary: 'Odd series',
      start: { dateTime: '2026-06-02T10:00:00+02:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-06-02T11:00:00+02:00', timeZone: 'Europe/Berlin' },
      recurrence: ['RRULE:FREQ=FORTNIGHTLY'],
    });
    expect((await runCli(['sync'], env)).code).toBe(0);
    const text = await runCli(['events', '--from', '2026-06-01', '--to', '2026-06-07'], env);
    expect(text.stdout).toMatch(
      /2026-06-02 10:00–11:00\s+Odd series \(repeats — pattern not shown\)/,
    );
  });
});
