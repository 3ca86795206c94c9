/**
 * The scheduler on injected time (fake clock and timers, explicit Europe/Berlin zone) driving the
 * real orchestrator, policies, SQLite file and fake Google server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRunPolicies } from '../../src/main/core/policies/index.js';
import { Scheduler } from '../../src/main/core/schedule/scheduler.js';
import {
  MemorySettingsStore,
  SettingsService,
} from '../../src/main/core/settings/settings-service.js';
import { FakeClock, FakePower, FakeTimers } from '../support/fake-time.js';
import { Harness } from './harness.js';

const H = 3_600_000;
const at = (s: string) => Date.parse(s);

let h: Harness | undefined;
let scheduler: Scheduler | undefined;
afterEach(async () => {
  scheduler?.stop();
  await h?.close();
  h = scheduler = undefined;
});

async function setup(start: string, schedule: Record<string, unknown> = {}) {
  const clock = new FakeClock(at(start));
  const settings = new SettingsService(
    new MemorySettingsStore({ schedule: { timeZone: 'Europe/Berlin', ...schedule } }),
  );
  const harness = await Harness.start({
    contacts: 30,
    clock,
    policiesFor: (db, tokenHealth) => createRunPolicies({ db, clock, settings, tokenHealth }),
  });
  const timers = new FakeTimers(clock);
  const power = new FakePower();
  const s = new Scheduler({
    db: harness.db,
    clock,
    timers,
    settings,
    power,
    sync: harness.orchestrator,
  });
  h = harness;
  scheduler = s;
  const settle = () => s.settled();
  const runs = () =>
    harness.reports
      .history({ limit: 1000 })
      .reverse()
      .map((r) => ({ at: r.startedAt, trigger: r.trigger, status: r.status, skip: r.skipReason }));
  return { clock, timers, power, settings, harness, scheduler: s, settle, runs };
}

describe('scheduler', () => {
  it('fires daily at the configured local time across the spring-forward night', async () => {
    const t = await setup('2026-03-27T12:00:00Z');
    await t.harness.sync(); // a first sync, so nothing is overdue at start
    t.scheduler.start();
    expect(t.scheduler.status()[0]?.nextRunAt).toBe('2026-03-28T01:00:00.000Z');
    await t.timers.advanceTo(at('2026-03-30T12:00:00Z'), t.settle);
    expect(t.runs().slice(1)).toEqual([
      { at: '2026-03-28T01:00:00.000Z', trigger: 'scheduled', status: 'success', skip: null },
      // 02:00 does not exist that night; the run happens at 03:00 CEST, once.
      { at: '2026-03-29T01:00:00.000Z', trigger: 'scheduled', status: 'success', skip: null },
      { at: '2026-03-30T00:00:00.000Z', trigger: 'scheduled', status: 'success', skip: null },
    ]);
  });

  it('fires once on the fall-back night, when 02:00 happens twice', async () => {
    const t = await setup('2026-10-24T12:00:00Z');
    await t.harness.sync();
    t.scheduler.start();
    await t.timers.advanceTo(at('2026-10-26T12:00:00Z'), t.settle);
    expect(
      t
        .runs()
        .slice(1)
        .map((r) => r.at),
    ).toEqual([
      '2026-10-25T00:00:00.000Z', // 02:00 CEST
      '2026-10-26T01:00:00.000Z', // 02:00 CET
    ]);
  });

  it('catches up once, a minute later, after a 3-day sleep; then keeps the daily time', async () => {
    const t = await setup('2026-05-04T10:00:00Z');
    await t.harness.sync();
    t.scheduler.start();
    expect(t.timers.next()).toBe(at('2026-05-05T00:00:00Z'));
    t.timers.sleep(3 * 24 * H);
    // Node runs the missed timer late, and the resume event comes, twice for good measure.
    await t.timers.runDue(t.settle);
    t.power.resume();
    t.power.resume();
    expect(t.runs()).toHaveLength(1);
    const wokeAt = t.clock.ms;
    expect(t.scheduler.status()[0]?.nextRunAt).toBe(new Date(wokeAt + 60_000).toISOString());
    await t.timers.advanceTo(at('2026-05-07T23:59:00Z'), t.settle);
    expect(t.runs().slice(1)).toEqual([
      {
        at: new Date(wokeAt + 60_000).toISOString(),
        trigger: 'startup_catch_up',
        status: 'success',
        skip: null,
      },
    ]);
    await t.timers.advanceTo(at('2026-05-08T12:00:00Z'), t.settle);
    expect(t.runs().slice(2)).toEqual([
      { at: '2026-05-08T00:00:00.000Z', trigger: 'scheduled', status: 'success', skip: null },
    ]);
  });

  it('catches up on start when the last success is older than the interval', async () => {
    const t = await setup('2026-05-01T10:00:00Z');
    await t.harness.sync();
    t.clock.set(at('2026-05-03T10:00:00Z'));
    t.scheduler.start();
    await t.timers.advanceTo(at('2026-05-03T10:05:00Z'), t.settle);
    expect(t.runs().slice(1)).toEqual([
      {
        at: '2026-05-03T10:01:00.000Z',
        trigger: 'startup_catch_up',
        status: 'success',
        skip: null,
      },
    ]);
  });

  it('pauses for an hour, until tomorrow, or until resumed; disabled plans nothing', async () => {
    const t = await setup('2026-05-04T10:00:00Z', { everyHours: 1, at: '00:00' });
    await t.harness.sync();
    t.scheduler.start();
    expect(t.timers.next()).toBe(at('2026-05-04T11:00:00Z'));
    const pause = (until: string | null, enabled = true) => {
      t.settings.update((s) => {
        s.schedule.pausedUntil = until;
        s.schedule.enabled = enabled;
      });
      t.scheduler.refresh();
    };
    pause('2026-05-04T12:30:00.000Z');
    expect(t.timers.next()).toBe(at('2026-05-04T13:00:00Z'));
    expect(t.scheduler.status()[0]?.nextRunAt).toBe('2026-05-04T13:00:00.000Z');
    pause('indefinitely');
    expect([t.timers.size, t.scheduler.status()[0]?.nextRunAt]).toEqual([0, null]);
    pause(null, false);
    expect(t.timers.size).toBe(0);
    pause(null);
    expect(t.timers.next()).toBe(at('2026-05-04T11:00:00Z'));
    await t.timers.advanceTo(at('2026-05-04T11:30:00Z'), t.settle);
    expect(t.runs()).toHaveLength(2);
  });

  it('a slot that finds a run in progress does not start another', async () => {
    const t = await setup('2026-05-04T10:00:00Z', { everyHours: 1, at: '00:00' });
    await t.harness.sync();
    t.scheduler.start();
    const manual = t.harness.orchestrator.requestSync(t.harness.accountId, { trigger: 'manual' });
    // The slot fires synchronously, while the manual run is still waiting for Google.
    await t.timers.advanceTo(at('2026-05-04T11:00:00Z'));
    if (manual.status === 'started') await manual.done;
    await t.settle();
    expect(t.runs().map((r) => r.trigger)).toEqual(['manual', 'manual']);
  });
});
