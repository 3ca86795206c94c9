/**
 * Calendar runs through the same orchestrator, mutex, policies and scheduler as contacts: one run
 * per account at a time, their own 4-hour cadence, their own adaptive interval and circuit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../src/shared/domain.js';
import { PolicyStateRepo } from '../../src/main/core/db/policy-state.js';
import { createRunPolicies } from '../../src/main/core/policies/index.js';
import { Scheduler } from '../../src/main/core/schedule/scheduler.js';
import {
  MemorySettingsStore,
  SettingsService,
} from '../../src/main/core/settings/settings-service.js';
import type { RunPolicy } from '../../src/main/core/sync/orchestrator.js';
import { syncResources } from '../../src/main/core/sync/sync-now.js';
import { FakeClock, FakePower, FakeTimers } from '../support/fake-time.js';
import { Harness } from './harness.js';

let h: Harness | undefined;
let scheduler: Scheduler | undefined;
afterEach(async () => {
  scheduler?.stop();
  await h?.close();
  h = scheduler = undefined;
});

/** Sees every run between its policies' check and its record: how many were in flight at once. */
class Overlap implements RunPolicy {
  readonly name = 'overlap';
  active = 0;
  max = 0;
  beforeRun(): null {
    this.max = Math.max(this.max, ++this.active);
    return null;
  }
  afterRun(): void {
    this.active--;
  }
}

describe('one run per account, contacts and calendars alike', () => {
  it('never runs a contacts and a calendar run of one account at the same time', async () => {
    const overlap = new Overlap();
    h = await Harness.start({ contacts: 200, policies: [overlap] });
    h.fake.calendar.seedEvents('me@example.com', 100);
    // The contacts run waits on the network long enough for the requests below to meet it.
    h.fake.injectFault({ path: 'connections', kind: 'delay', delayMs: 300 });
    const contacts = h.orchestrator.requestSync(h.accountId, { trigger: 'manual' });
    expect(contacts.status).toBe('started');
    const second = h.orchestrator.requestSync(h.accountId, {
      trigger: 'manual',
      resource: 'calendar',
    });
    expect(second).toEqual({ status: 'already_running', runId: contacts.runId });
    expect(h.orchestrator.runningResource(h.accountId)).toBe('contacts');

    // Sync Now: contacts are already syncing, so it waits for that run, then syncs calendars.
    const runs = await syncResources(h.orchestrator, h.accountId, { trigger: 'manual' }, [
      'contacts',
      'calendar',
    ]);
    expect(runs.map((r) => [r.resource, r.status])).toEqual([['calendar', 'success']]);
    const first = contacts.status === 'started' ? await contacts.done : null;
    expect(first?.status).toBe('success');
    expect(overlap.max).toBe(1);
    expect(Date.parse(runs[0]!.startedAt)).toBeGreaterThanOrEqual(Date.parse(first!.finishedAt!));
  });

  it('scheduled slots that coincide run one after the other, neither is lost', async () => {
    const overlap = new Overlap();
    const t = await scheduled('2026-03-02T20:30:00Z', {
      schedule: { at: '00:00', everyHours: 4 },
      policies: [overlap],
    });
    h!.fake.injectFault({ path: 'connections', kind: 'delay', delayMs: 200 });
    // Both slots at 00:00 local; no settling between the two timers, so they really meet.
    await t.timers.advanceTo(Date.parse('2026-03-02T23:00:00Z'));
    await t.scheduler.settled();
    expect(t.runs().map((r) => [r.resource, r.trigger, r.status])).toEqual([
      ['contacts', 'scheduled', 'success'],
      ['calendar', 'scheduled', 'success'],
    ]);
    expect(overlap.max).toBe(1);
  });
});

describe('calendar schedule', () => {
  it('syncs calendars every 4 hours and contacts daily, each with its own adaptive interval', async () => {
    const t = await scheduled('2026-03-02T20:30:00Z');
    const account = h!.reports.status()[0]!.account;
    expect(t.scheduler.statusOf(account, 'calendar')).toMatchObject({
      baseIntervalMinutes: 240,
      nextRunAt: '2026-03-02T23:00:00.000Z',
    });
    await t.timers.advanceTo(Date.parse('2026-03-03T20:30:00Z'), () => t.scheduler.settled());
    // Five quiet calendar runs double the calendar interval, so 20:00 local is skipped.
    expect(t.runs().map((r) => [r.resource, r.startedAt, r.status, r.skipReason])).toEqual([
      ['calendar', '2026-03-02T23:00:00.000Z', 'success', null],
      ['contacts', '2026-03-03T01:00:00.000Z', 'success', null],
      ['calendar', '2026-03-03T03:00:00.000Z', 'success', null],
      ['calendar', '2026-03-03T07:00:00.000Z', 'success', null],
      ['calendar', '2026-03-03T11:00:00.000Z', 'success', null],
      ['calendar', '2026-03-03T15:00:00.000Z', 'success', null],
      ['calendar', '2026-03-03T19:00:00.000Z', 'skipped', 'adaptive_interval'],
    ]);
    expect(t.scheduler.statusOf(account, 'calendar').intervalMinutes).toBe(480);
    expect(t.scheduler.statusOf(account).intervalMinutes).toBe(1440);
  });

  it('failing calendar runs open the calendar circuit only; contacts keep syncing', async () => {
    // Open for 10 h: over the next calendar slot (00:00 local) and the contacts one (02:00).
    const t = await scheduled('2026-03-02T20:30:00Z', { circuitOpenMinutes: 600 });
    h!.fake.calendar.denyScope();
    for (let i = 0; i < 3; i++) {
      expect((await h!.sync({ resource: 'calendar' })).error?.code).toBe('SCOPE_MISSING');
    }
    const state = new PolicyStateRepo(h!.db);
    expect(state.get(h!.accountId, 'calendar').circuitOpenUntil).not.toBeNull();
    expect(state.get(h!.accountId, 'contacts').consecutiveFailures).toBe(0);
    await t.timers.advanceTo(Date.parse('2026-03-03T02:00:00Z'), () => t.scheduler.settled());
    expect(
      t
        .runs()
        .map((r) => [r.resource, r.status, r.skipReason])
        .slice(-2),
    ).toEqual([
      ['calendar', 'skipped', 'circuit_open'],
      ['contacts', 'success', null],
    ]);
  });
});

/**
 * A harness on fake time with calendar sync on, both resources synced once by hand at `start`
 * (so nothing is overdue), and a scheduler ready to run. Europe/Berlin: CET in early March.
 */
async function scheduled(
  start: string,
  options: { schedule?: object; circuitOpenMinutes?: number; policies?: RunPolicy[] } = {},
) {
  const clock = new FakeClock(Date.parse(start));
  const settings = new SettingsService(
    new MemorySettingsStore({
      schedule: { timeZone: 'Europe/Berlin', ...options.schedule },
      calendar: { enabled: true },
      policies: { circuitOpenMinutes: options.circuitOpenMinutes ?? 60 },
    }),
  );
  const policies = options.policies ?? [];
  h = await Harness.start({
    contacts: 20,
    clock,
    policiesFor: (db) => [...createRunPolicies({ db, clock, settings }), ...policies],
  });
  const harness = h;
  await harness.sync();
  await harness.sync({ resource: 'calendar' });
  const timers = new FakeTimers(clock);
  const s = new Scheduler({
    db: harness.db,
    clock,
    timers,
    settings,
    power: new FakePower(),
    sync: harness.orchestrator,
  });
  scheduler = s;
  s.start();
  const manual = harness.reports.history({ limit: 1000 }).length;
  const runs = (): SyncRun[] => harness.reports.history({ limit: 1000 }).reverse().slice(manual);
  return { clock, timers, scheduler: s, runs };
}
