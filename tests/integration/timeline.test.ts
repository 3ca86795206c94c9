/**
 * getTimeline and the calendar figures of getStatistics through the real handler table over a
 * real SQLite file. Days are cut in Europe/Berlin, and the window spans its spring-forward day
 * (Sunday 29 March 2026, 23 hours: 2026-03-28T23:00Z to 2026-03-29T22:00Z), so an instant
 * bucketed by its UTC date or by a fixed offset lands on the wrong day and fails the test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiMethod, Timeline } from '../../src/shared/api/contract.js';
import type { Statistics } from '../../src/shared/domain.js';
import { Api } from '../../src/main/core/api/api.js';
import { openDatabase, type Db } from '../../src/main/core/db/connection.js';
import { ReportsService } from '../../src/main/core/services/reports.js';
import { SyncOrchestrator } from '../../src/main/core/sync/orchestrator.js';
import { FakeClock } from '../support/fake-time.js';

const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

let dir: string;
let db: Db;
let api: Api;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-timeline-'));
  db = openDatabase(path.join(dir, 'contacts.db'));
  const clock = new FakeClock(Date.parse('2026-04-02T10:00:00Z'));
  const orchestrator = new SyncOrchestrator({
    db,
    clock,
    sourceFor: () => {
      throw new Error('these tests never sync');
    },
  });
  api = new Api({ db, clock, orchestrator, reports: new ReportsService(db) });
  seed(db);
});

afterEach(() => {
  api.dispose();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function value<M extends ApiMethod>(method: M, payload: unknown = {}): Promise<unknown> {
  const result = await api.call(method, payload);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function seed(db: Db): void {
  const account = db.prepare(
    `INSERT INTO accounts (id, email, connected_at) VALUES (?, ?, '2026-01-01T00:00:00.000Z')`,
  );
  account.run(1, 'ada@example.com');
  account.run(2, 'bob@example.com');
  let n = 0;
  const contacts = db.prepare(
    `INSERT INTO contacts (account_id, resource_name, raw, created_at, updated_at, synced_at,
       deleted_at) VALUES (?, ?, '{}', ?, ?, ?, ?)`,
  );
  const add = (accountId: number, count: number, created: string, deleted: string | null) => {
    for (let i = 0; i < count; i++)
      contacts.run(accountId, `people/c${++n}`, created, created, created, deleted);
  };
  add(1, 90, '2026-03-01T08:00:00.000Z', null);
  // Before the window, deleted on the local 30th (00:30 CEST): the UTC date says the 29th.
  add(1, 10, '2026-03-01T08:00:00.000Z', '2026-03-29T22:30:00.000Z');
  // Created and deleted before the window: never counted.
  add(1, 2, '2026-03-20T08:00:00.000Z', '2026-03-25T08:00:00.000Z');
  // 00:30 CET on the local 29th: the UTC date says the 28th.
  add(1, 5, '2026-03-28T23:30:00.000Z', null);
  add(1, 2, '2026-03-29T22:30:00.000Z', null);
  add(1, 1, '2026-03-29T22:30:00.000Z', '2026-04-01T12:00:00.000Z');
  add(2, 50, '2026-03-01T08:00:00.000Z', null);

  const run = db.prepare(
    `INSERT INTO sync_runs (account_id, resource, kind, trigger, status, started_at, finished_at,
       duration_ms, api_calls) VALUES (?, ?, 'incremental', 'scheduled', ?, ?, ?, ?, ?)`,
  );
  const runAt = (
    accountId: number,
    resource: string,
    status: string,
    startedAt: string,
    durationMs: number | null,
    apiCalls: number,
  ) => run.run(accountId, resource, status, startedAt, startedAt, durationMs, apiCalls);
  // Local 29th: 01:30 CET, 02:30 UTC → 04:30 CEST, 23:30 CEST.
  runAt(1, 'contacts', 'success', '2026-03-29T00:30:00.000Z', 1000, 3);
  runAt(1, 'contacts', 'success', '2026-03-29T02:30:00.000Z', 2000, 3);
  runAt(1, 'contacts', 'success', '2026-03-29T21:30:00.000Z', 6000, 5);
  runAt(1, 'calendar', 'failed', '2026-03-29T21:45:00.000Z', 500, 2);
  // Local 30th, 00:15 CEST.
  runAt(1, 'calendar', 'success', '2026-03-29T22:15:00.000Z', 2000, 4);
  runAt(1, 'contacts', 'skipped', '2026-03-29T22:20:00.000Z', 0, 0);
  runAt(1, 'contacts', 'cancelled', '2026-04-01T10:00:00.000Z', 700, 1);
  runAt(1, 'contacts', 'running', '2026-04-02T09:00:00.000Z', null, 0);
  runAt(2, 'contacts', 'success', '2026-03-31T10:00:00.000Z', 9000, 7);
  // Before the window.
  runAt(1, 'contacts', 'failed', '2026-03-20T10:00:00.000Z', 100, 1);

  const calendar = db.prepare(
    `INSERT INTO calendars (id, account_id, calendar_id, selected, raw, updated_at, deleted_at)
     VALUES (?, ?, ?, ?, '{}', '2026-03-01T00:00:00.000Z', ?)`,
  );
  calendar.run(1, 1, 'primary', 1, null);
  calendar.run(2, 1, 'team', 1, null);
  calendar.run(3, 1, 'holidays', 0, null);
  calendar.run(4, 1, 'gone', 1, '2026-03-02T00:00:00.000Z');
  calendar.run(5, 2, 'primary', 1, null);
  const event = db.prepare(
    `INSERT INTO calendar_events (account_id, calendar_ref, event_id, status, raw, synced_at,
       deleted_at) VALUES (?, ?, ?, ?, '{}', '2026-03-01T00:00:00.000Z', ?)`,
  );
  event.run(1, 1, 'a', 'confirmed', null);
  event.run(1, 1, 'b', 'tentative', null);
  event.run(1, 1, 'c', 'cancelled', null); // a cancelled instance of a series
  event.run(1, 1, 'd', 'confirmed', '2026-03-05T00:00:00.000Z');
  event.run(1, 2, 'e', 'confirmed', null);
  event.run(1, 3, 'f', 'confirmed', null); // not mirrored
  event.run(1, 4, 'g', 'confirmed', null); // calendar removed
  event.run(2, 5, 'h', 'confirmed', null);
}

describe('getTimeline', () => {
  it('cuts local days across a DST change, with active contacts at the end of each', async () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('Europe/Berlin');
    const timeline = (await value('getTimeline', { accountId: 1, days: 7 })) as Timeline;
    expect(timeline.timeZone).toBe('Europe/Berlin');
    expect(timeline.days.map((d) => d.date)).toEqual([
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
      '2026-04-02',
    ]);
    expect(timeline.days[2]?.start).toBe('2026-03-28T23:00:00.000Z');
    expect(timeline.days[3]?.start).toBe('2026-03-29T22:00:00.000Z');
    expect(timeline.days.map((d) => d.activeContacts)).toEqual([100, 100, 105, 98, 98, 97, 97]);
  });

  it('counts runs per day by outcome and resource, with API calls and durations', async () => {
    const { days } = (await value('getTimeline', { accountId: 1, days: 7 })) as Timeline;
    const [, , sunday, monday, , wednesday, today] = days;
    expect(sunday).toMatchObject({
      runs: { success: 3, failed: 1, skipped: 0, cancelled: 0 },
      runsByResource: { contacts: 3, calendar: 1 },
      apiCalls: 13,
      // Successful runs only: the failed calendar run's 500 ms is no calendar duration.
      durationMs: { contacts: { median: 2000, max: 6000 }, calendar: null },
    });
    expect(monday).toMatchObject({
      runs: { success: 1, failed: 0, skipped: 1, cancelled: 0 },
      runsByResource: { contacts: 1, calendar: 1 },
      apiCalls: 4,
      durationMs: { contacts: null, calendar: { median: 2000, max: 2000 } },
    });
    expect(wednesday?.runs).toEqual({ success: 0, failed: 0, skipped: 0, cancelled: 1 });
    // A running run is not counted until it finishes.
    expect(today?.runs).toEqual({ success: 0, failed: 0, skipped: 0, cancelled: 0 });
    expect(days[0]).toMatchObject({
      apiCalls: 0,
      runsByResource: { contacts: 0, calendar: 0 },
      durationMs: { contacts: null, calendar: null },
    });
  });

  it('spans every account unless one is asked for, and 30 days by default', async () => {
    const { days } = (await value('getTimeline')) as Timeline;
    expect(days).toHaveLength(30);
    expect(days[0]?.date).toBe('2026-03-04');
    expect(days.at(-1)?.date).toBe('2026-04-02');
    expect(days.at(-1)?.activeContacts).toBe(97 + 50);
    const tuesday = days.find((d) => d.date === '2026-03-31');
    expect(tuesday).toMatchObject({ apiCalls: 7, runs: { success: 1 } });
    expect(tuesday?.durationMs.contacts).toEqual({ median: 9000, max: 9000 });
    const one = (await value('getTimeline', { accountId: 2, days: 1 })) as Timeline;
    expect(one.days).toMatchObject([{ date: '2026-04-02', activeContacts: 50, apiCalls: 0 }]);
  });

  it('names the local day of the first sync, from the runs or the contacts stored', async () => {
    expect(((await value('getTimeline', { accountId: 1 })) as Timeline).firstSyncDay).toBe(
      '2026-03-01',
    );
    db.prepare(
      `INSERT INTO accounts (id, email, connected_at) VALUES (3, 'cy@example.com', ?)`,
    ).run('2026-03-30T00:00:00.000Z');
    const fresh = async () =>
      ((await value('getTimeline', { accountId: 3, days: 7 })) as Timeline).firstSyncDay;
    expect(await fresh()).toBeNull();
    // 00:30 CEST on the local 31st: its UTC date says the 30th.
    db.prepare(
      `INSERT INTO sync_runs (account_id, resource, kind, trigger, status, started_at, api_calls)
       VALUES (3, 'contacts', 'full', 'manual', 'failed', '2026-03-30T22:30:00.000Z', 1)`,
    ).run();
    expect(await fresh()).toBe('2026-03-31');
    // A contact stored earlier than any run left in the history (which was cleared) wins.
    db.prepare(
      `INSERT INTO contacts (account_id, resource_name, raw, created_at, updated_at, synced_at)
       VALUES (3, 'people/x', '{}', ?, ?, ?)`,
    ).run('2026-03-30T09:00:00.000Z', '2026-03-30T09:00:00.000Z', '2026-03-30T09:00:00.000Z');
    expect(await fresh()).toBe('2026-03-30');
  });

  it('refuses a period outside 1 to 365 days', async () => {
    for (const days of [0, 366, 1.5, -3]) {
      expect(await api.call('getTimeline', { days }), String(days)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      });
    }
    expect((await value('getTimeline', { days: 365 })) as Timeline).toMatchObject({
      days: expect.arrayContaining([expect.objectContaining({ date: '2025-04-03' })]) as unknown,
    });
  });
});

describe('getStatistics, calendar figures', () => {
  it('counts mirrored calendars, their live events, and runs per resource', async () => {
    const all = (await value('getStatistics')) as Statistics;
    expect(all.calendar).toEqual({ calendars: 3, events: 4 });
    expect(all.runsByResource.calendar).toEqual({
      running: 0,
      success: 1,
      failed: 1,
      skipped: 0,
      cancelled: 0,
    });
    expect(all.runsByResource.contacts).toEqual({
      running: 1,
      success: 4,
      failed: 1,
      skipped: 1,
      cancelled: 1,
    });
    const bob = (await value('getStatistics', { accountId: 2 })) as Statistics;
    expect(bob.calendar).toEqual({ calendars: 1, events: 1 });
    expect(bob.runsByResource.calendar.success).toBe(0);
    expect(bob.runsByResource.contacts.success).toBe(1);
  });
});
