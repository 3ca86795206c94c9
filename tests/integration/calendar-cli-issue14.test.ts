/**
 * `contacts-sync calendars birthdays on|off` and a skipped calendar's own error in
 * `contacts-sync calendars` (issue 14): the real CLI process against the fake Google.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgendaItem } from '../../src/shared/calendar.js';
import { FakeGoogle } from '../fake-google/server.js';
import { cliEnv, runCli } from './cli-process.js';

const PRIMARY = 'me@example.com';
let fake: FakeGoogle;
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  fake = new FakeGoogle({ contacts: 3 });
  const url = await fake.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-cal-cli14-'));
  env = cliEnv(url, { CONTACTS_SYNC_DB: path.join(dir, 'contacts.db'), TZ: 'UTC' });
  fake.calendar.addEvent(PRIMARY, {
    summary: "Ada's birthday",
    eventType: 'birthday',
    start: { date: '2026-03-24' },
    end: { date: '2026-03-25' },
  });
  fake.calendar.addEvent(PRIMARY, {
    summary: 'Dentist',
    start: { date: '2026-03-25' },
    end: { date: '2026-03-26' },
  });
  expect((await runCli(['accounts', 'add', PRIMARY], env, fake.refreshToken)).code).toBe(0);
  expect((await runCli(['calendars', 'enable'], env)).code).toBe(0);
});

afterAll(async () => {
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const events = async () => {
  const out = await runCli(['--json', 'events', '--from', '2026-03-23', '--to', '2026-03-27'], env);
  return (JSON.parse(out.stdout) as AgendaItem[]).map((e) => e.summary);
};

describe('calendar commands (issue 14)', () => {
  it('birthdays stay out until "calendars birthdays on"', async () => {
    expect((await runCli(['sync'], env)).code).toBe(0);
    expect(await events()).toEqual(['Dentist']);
    const on = await runCli(['--json', 'calendars', 'birthdays', 'on'], env);
    expect(JSON.parse(on.stdout)).toEqual({ showBirthdays: true });
    expect((await runCli(['sync'], env)).code).toBe(0);
    expect(await events()).toEqual(["Ada's birthday", 'Dentist']);
    const bad = await runCli(['calendars', 'birthdays', 'maybe'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('calendars birthdays on|off');
  });

  it("lists a skipped calendar's own error under the table", async () => {
    fake.calendar.breakCalendar(PRIMARY, 'forbidden');
    // The only mirrored calendar failed: nothing synced, so the sync fails.
    expect((await runCli(['sync'], env)).code).not.toBe(0);
    const listed = await runCli(['calendars'], env);
    expect(listed.stdout).toMatch(/me@example\.com: Google Calendar refused to list the events/);
  });
});
