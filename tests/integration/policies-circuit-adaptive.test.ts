/**
 * Circuit breaker, adaptive interval, single flight and the health figures, through the real
 * orchestrator with the policies a composition root installs, on an injected clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncTrigger } from '../../src/shared/domain.js';
import { PolicyStateRepo } from '../../src/main/core/db/policy-state.js';
import { SyncHealthService } from '../../src/main/core/metrics/health.js';
import { createRunPolicies } from '../../src/main/core/policies/index.js';
import {
  MemorySettingsStore,
  SettingsService,
} from '../../src/main/core/settings/settings-service.js';
import { FakeClock } from '../support/fake-time.js';
import { Harness } from './harness.js';

const H = 3_600_000;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function setup(contacts = 30) {
  // Monday 02:00 in Berlin: a slot of the default daily schedule.
  const clock = new FakeClock(Date.parse('2026-05-04T00:00:00Z'));
  const settings = new SettingsService(
    new MemorySettingsStore({ schedule: { timeZone: 'Europe/Berlin' } }),
  );
  h = await Harness.start({
    contacts,
    clock,
    policiesFor: (db, tokenHealth) => createRunPolicies({ db, clock, settings, tokenHealth }),
  });
  const harness = h;
  const state = new PolicyStateRepo(harness.db);
  const health = new SyncHealthService(harness.db, clock);
  const run = async (trigger: SyncTrigger) => {
    const result = harness.orchestrator.requestSync(harness.accountId, { trigger });
    if (result.status !== 'started') throw new Error('expected a run');
    return result.done;
  };
  const nextDay = () => clock.set(clock.ms + 24 * H);
  return { clock, harness, state, health, run, nextDay, settings };
}

describe('policy order', () => {
  it('a scheduled run that is not due costs no request at all, not even a token refresh', async () => {
    const t = await setup();
    expect((await t.run('scheduled')).status).toBe('success');
    t.harness.fake.resetCounts();
    t.clock.set(t.clock.ms + H);
    const skipped = await t.run('scheduled');
    expect(skipped.status).toBe('skipped');
    expect(skipped.skipReason).toBe('not_due');
    expect(t.harness.fake.requestCount()).toBe(0);
  });
});

describe('circuit breaker', () => {
  it('opens after 3 failed runs, skips scheduled runs without API calls, closes on a manual success', async () => {
    const t = await setup();
    t.harness.fake.injectFault({ path: 'contactGroups', kind: 'status', status: 500, count: 1000 });
    for (let i = 1; i <= 3; i++) {
      expect((await t.run('scheduled')).status).toBe('failed');
      expect(t.state.get(t.harness.accountId).consecutiveFailures).toBe(i);
      t.clock.set(t.clock.ms + 60_000);
    }
    const openUntil = t.state.get(t.harness.accountId).circuitOpenUntil;
    expect(openUntil).toBe(new Date(t.clock.ms - 60_000 + H).toISOString());

    t.harness.fake.resetCounts();
    for (const trigger of ['scheduled', 'startup_catch_up'] as const) {
      expect(await t.run(trigger)).toMatchObject({
        status: 'skipped',
        skipReason: 'circuit_open',
        apiCalls: 0,
      });
    }
    // No People API call (the token-health policy before it may refresh the access token).
    expect(t.harness.fake.requestCount('contactGroups')).toBe(0);
    expect(t.harness.fake.requestCount('connections')).toBe(0);

    t.harness.fake.clearFaults();
    expect((await t.run('manual')).status).toBe('success');
    expect(t.state.get(t.harness.accountId)).toMatchObject({
      consecutiveFailures: 0,
      circuitOpenUntil: null,
    });
    t.nextDay();
    expect((await t.run('scheduled')).status).toBe('success');
    const health = t.health.all()[0]!;
    expect(health.circuit).toEqual({ open: false, openUntil: null, consecutiveFailures: 0 });
    expect(health.runs30d).toEqual({ success: 2, failed: 3, skipped: 2, cancelled: 0 });
    expect(health.apiCallsSaved.byReason).toEqual({ circuit_open: 2 * health.callsPerRun });
  });

  it('after the open hour one scheduled run tries again; its failure re-opens the circuit', async () => {
    const t = await setup();
    t.harness.fake.injectFault({ path: 'contactGroups', kind: 'status', status: 503, count: 1000 });
    for (let i = 0; i < 3; i++) await t.run('scheduled');
    t.clock.set(t.clock.ms + H + 1);
    t.harness.fake.resetCounts();
    expect((await t.run('scheduled')).status).toBe('failed');
    expect(t.harness.fake.requestCount('contactGroups')).toBeGreaterThan(0);
    expect((await t.run('scheduled')).skipReason).toBe('circuit_open');
  });
});

describe('adaptive interval', () => {
  it('doubles after 5 quiet runs, up to the 4-day cap, and any change resets it', async () => {
    const t = await setup();
    expect((await t.run('scheduled')).counts.created).toBe(30);
    const minutes = () => t.state.get(t.harness.accountId).intervalMinutes;
    // Each quiet run comes when the schedule is due: a day, or the stretched interval, later.
    const quietRuns = async (n: number) => {
      for (let i = 0; i < n; i++) {
        t.clock.set(t.clock.ms + (minutes() ?? 24 * 60) * 60_000);
        const run = await t.run('scheduled');
        expect([run.status, run.counts.created + run.counts.updated]).toEqual(['success', 0]);
      }
    };
    await quietRuns(4);
    expect(minutes()).toBeNull();
    await quietRuns(1);
    expect(minutes()).toBe(48 * 60);

    // With a 48 h interval, tomorrow's 02:00 slot is skipped, the one after runs.
    t.nextDay();
    expect(await t.run('scheduled')).toMatchObject({
      status: 'skipped',
      skipReason: 'adaptive_interval',
      apiCalls: 0,
    });
    t.nextDay();
    expect((await t.run('scheduled')).status).toBe('success');
    expect(t.health.all()[0]?.apiCallsSaved.byReason).toEqual({ adaptive_interval: 2 });

    await quietRuns(4);
    expect(minutes()).toBe(96 * 60);
    await quietRuns(5);
    expect(minutes()).toBe(96 * 60); // the cap: below the 7-day life of a sync token

    const [someone] = t.harness.fake.listContacts();
    t.harness.fake.updateContact(someone!.resourceName!, { nicknames: [{ value: 'Changed' }] });
    t.nextDay();
    expect((await t.run('manual')).counts.updated).toBe(1);
    expect(minutes()).toBeNull();
    expect(t.state.get(t.harness.accountId).consecutiveNoChangeRuns).toBe(0);
  });

  it('counts only scheduled runs: a quiet Sync Now, catch-up or first sync after connecting leaves the streak', async () => {
    const t = await setup();
    const streak = () => t.state.get(t.harness.accountId).consecutiveNoChangeRuns;
    expect((await t.run('scheduled')).counts.created).toBe(30);
    for (let i = 1; i <= 4; i++) {
      t.nextDay();
      expect((await t.run('scheduled')).status).toBe('success');
      expect(streak()).toBe(i);
    }
    // Google's sync results may lag an edit by minutes: these quiet runs say nothing.
    t.nextDay(); // a catch-up runs only when the schedule is overdue
    for (const trigger of ['startup_catch_up', 'manual', 'after_connect', 'cli'] as const) {
      const run = await t.run(trigger);
      expect([run.status, run.counts.created + run.counts.updated]).toEqual(['success', 0]);
      expect(streak()).toBe(4);
    }
    expect(t.state.get(t.harness.accountId).intervalMinutes).toBeNull();

    // A run that finds a change resets the streak, whatever started it.
    const [someone] = t.harness.fake.listContacts();
    t.harness.fake.updateContact(someone!.resourceName!, { nicknames: [{ value: 'Changed' }] });
    expect((await t.run('manual')).counts.updated).toBe(1);
    expect(streak()).toBe(0);
  });
});

describe('single flight', () => {
  it('100 simultaneous triggers, manual and scheduled mixed, give one run', async () => {
    const t = await setup(2_500);
    const triggers: SyncTrigger[] = ['manual', 'scheduled', 'startup_catch_up', 'cli'];
    const results = Array.from({ length: 100 }, (_, i) =>
      t.harness.orchestrator.requestSync(t.harness.accountId, {
        trigger: triggers[i % triggers.length]!,
      }),
    );
    const started = results.filter((r) => r.status === 'started');
    expect(started).toHaveLength(1);
    const runId = started[0]!.runId;
    expect(results.every((r) => r.runId === runId)).toBe(true);
    await (started[0] as { done: Promise<unknown> }).done;
    expect(t.harness.reports.history()).toHaveLength(1);
    expect(t.harness.fake.requestCount('connections')).toBe(3);
  });
});

describe('sync health', () => {
  it('reports success rates over 7 and 30 days, median duration and API calls per day', async () => {
    const t = await setup();
    await t.run('manual');
    t.clock.set(t.clock.ms - 10 * 24 * H); // a failure 10 days before: in 30 days, not in 7
    // Twice: a 400 to the sync token alone heals with a full listing.
    t.harness.fake.injectFault({ path: 'contactGroups', kind: 'status', status: 400, count: 2 });
    expect((await t.run('manual')).status).toBe('failed');
    t.clock.set(t.clock.ms + 10 * 24 * H + H);
    await t.run('manual');
    const health = t.health.all()[0]!;
    expect(health.successRate7d).toBe(1);
    expect(health.successRate30d).toBeCloseTo(2 / 3);
    expect(health.medianDurationMs).toBe(0); // the injected clock does not move during a run
    // 1 (labels) + 1 (contacts, full) + 2 (labels + contacts, incremental) over the last 7 days,
    // whose first run was an hour ago: averaged over one day.
    expect(health.apiCallsPerDay).toBe(4);
    expect(health.token).toEqual({
      account: 'connected',
      health: 'ok',
      checkedAt: t.clock.now().toISOString(), // checked by the token-health policy before the run
    });
  });
});
