/**
 * "Show birthdays" as the app wires it (createCoreServices): off by default, and once on, the next
 * calendar run asks Google for birthday events too — a real settings file and database, the real
 * Google clients against the fake Google server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../src/shared/domain.js';
import type { AgendaItem, ApiMethod, Settings } from '../../src/shared/api/contract.js';
import { createCoreServices, type CoreServices } from '../../src/main/core/api/services.js';
import { FileTokenVault } from '../../src/main/core/auth/token-vault.js';
import { FakeBrowser } from '../fake-google/oauth-browser.js';
import { FakeGoogle } from '../fake-google/server.js';

const ME = 'me@example.com';
let fake: FakeGoogle;
let dir: string;
let core: CoreServices;
const finished: SyncRun[] = [];

beforeEach(async () => {
  fake = new FakeGoogle({ contacts: 5 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-birthdays-'));
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  fake.calendar.addEvent(ME, {
    summary: 'Dentist',
    start: { date: day(2) },
    end: { date: day(3) },
  });
  fake.calendar.addEvent(ME, {
    summary: "Ada's birthday",
    eventType: 'birthday',
    start: { date: day(3) },
    end: { date: day(4) },
    recurrence: ['RRULE:FREQ=YEARLY'],
  });
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
    background: null,
  });
  core.start();
  finished.length = 0;
  core.api.subscribe((event) => {
    if (event.name === 'runFinished') finished.push(event.payload);
  });
});

afterEach(async () => {
  await core?.close();
  await fake.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function value<T>(method: ApiMethod, payload: unknown = {}): Promise<T> {
  const result = await core.api.call(method, payload);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function calendarRuns(n: number): Promise<SyncRun[]> {
  const deadline = Date.now() + 20_000;
  const runs = () => finished.filter((r) => r.resource === 'calendar');
  while (runs().length < n) {
    if (Date.now() > deadline) throw new Error(`only ${runs().length} of ${n} calendar runs`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return runs();
}

const agenda = async () => (await value<AgendaItem[]>('getAgenda')).map((i) => i.summary);

describe('Show birthdays', () => {
  it('is off by default; turned on, the next calendar run brings the birthdays', async () => {
    const settings = await value<Settings>('updateSettings', { calendarSync: true });
    expect(settings.calendarShowBirthdays).toBe(false);
    await value('connectAccount');
    expect((await calendarRuns(1))[0]?.status).toBe('success');
    expect(await agenda()).toEqual(['Dentist']);

    const on = await value<Settings>('updateSettings', { calendarShowBirthdays: true });
    expect(on.calendarShowBirthdays).toBe(true);
    await value('syncNow');
    expect((await calendarRuns(2))[1]).toMatchObject({ status: 'success', kind: 'full' });
    expect(await agenda()).toEqual(['Dentist', "Ada's birthday"]);
  });
});
