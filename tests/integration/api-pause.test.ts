/**
 * Pause and resume auto-sync through the handler table (Settings' "Pause auto-sync"), over the
 * real scheduler on injected time, the real orchestrator and policies, SQLite and the fake server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent, AppStatus, AutoSyncPause } from '../../src/shared/api/contract.js';
import { SettingsAdapter } from '../../src/main/core/api/adapters.js';
import { Api } from '../../src/main/core/api/api.js';
import { createRunPolicies } from '../../src/main/core/policies/index.js';
import { Scheduler } from '../../src/main/core/schedule/scheduler.js';
import {
  MemorySettingsStore,
  SettingsService,
} from '../../src/main/core/settings/settings-service.js';
import { FakeClock, FakeTimers } from '../support/fake-time.js';
import { Harness } from './harness.js';

const at = (s: string) => Date.parse(s);

let h: Harness | undefined;
let scheduler: Scheduler | undefined;
let api: Api | undefined;
afterEach(async () => {
  scheduler?.stop();
  api?.dispose();
  await h?.close();
  h = scheduler = api = undefined;
});

/** Hourly auto-sync in Berlin, one first sync done, the scheduler running, the API over it. */
async function setup(start: string) {
  const clock = new FakeClock(at(start));
  const settings = new SettingsService(
    new MemorySettingsStore({
      schedule: { timeZone: 'Europe/Berlin', everyHours: 1, at: '00:00' },
    }),
  );
  h = await Harness.start({
    contacts: 20,
    clock,
    policiesFor: (db, tokenHealth) => createRunPolicies({ db, clock, settings, tokenHealth }),
  });
  await h.sync();
  const timers = new FakeTimers(clock);
  const s = new Scheduler({ db: h.db, clock, timers, settings, sync: h.orchestrator });
  scheduler = s;
  const adapter = new SettingsAdapter(settings, clock, s);
  api = new Api({
    db: h.db,
    clock,
    orchestrator: h.orchestrator,
    reports: h.reports,
    settings: adapter,
    pause: adapter,
  });
  const events: ApiEvent[] = [];
  api.subscribe((event) => events.push(event));
  s.start();
  const harness = h;
  const endpoint = api;
  return {
    clock,
    timers,
    events,
    settle: () => s.settled(),
    /** Every run after the first sync, skipped ones included. */
    laterRuns: () =>
      harness.reports
        .history({ limit: 100 })
        .reverse()
        .slice(1)
        .map((r) => ({ at: r.startedAt, trigger: r.trigger, status: r.status })),
    async value<T>(method: 'pauseAutoSync' | 'resumeAutoSync' | 'getStatus', payload = {}) {
      const result = await endpoint.call(method, payload);
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    },
    /** The state the last statusChanged event told every window. */
    announced: () =>
      events.filter((e) => e.name === 'statusChanged').map((e) => (e.payload as AppStatus).state),
  };
}

describe('pause and resume auto-sync through the API', () => {
  it('pauses until resumed: no run at all meanwhile, status paused, and resume plans the next slot', async () => {
    const t = await setup('2026-05-04T10:00:00Z');
    expect(await t.value<AutoSyncPause>('pauseAutoSync', { until: 'indefinitely' })).toEqual({
      autoSyncPausedUntil: 'indefinitely',
    });
    expect(t.announced()).toEqual(['paused']);
    expect(await t.value<AppStatus>('getStatus')).toMatchObject({
      state: 'paused',
      autoSyncPausedUntil: 'indefinitely',
    });

    // Five hourly slots pass: none runs, and none is even recorded as skipped.
    await t.timers.advanceTo(at('2026-05-04T15:30:00Z'), t.settle);
    expect(t.laterRuns()).toEqual([]);

    expect(await t.value<AutoSyncPause>('resumeAutoSync')).toEqual({ autoSyncPausedUntil: null });
    expect(t.announced()).toEqual(['paused', 'idle']);
    expect(await t.value<AppStatus>('getStatus')).toMatchObject({
      state: 'idle',
      autoSyncPausedUntil: null,
    });
    await t.timers.advanceTo(at('2026-05-04T16:30:00Z'), t.settle);
    expect(t.laterRuns()).toEqual([
      { at: '2026-05-04T16:00:00.000Z', trigger: 'scheduled', status: 'success' },
    ]);
  });

  it('pauses for an hour: the slot inside it does not run, the first one after does', async () => {
    const t = await setup('2026-05-04T10:15:00Z');
    expect(await t.value<AutoSyncPause>('pauseAutoSync', { until: '1h' })).toEqual({
      autoSyncPausedUntil: '2026-05-04T11:15:00.000Z',
    });
    await t.timers.advanceTo(at('2026-05-04T11:10:00Z'), t.settle);
    expect(t.laterRuns()).toEqual([]);
    expect((await t.value<AppStatus>('getStatus')).state).toBe('paused');

    // The pause ends by itself; the status says so without a resume.
    await t.timers.advanceTo(at('2026-05-04T12:30:00Z'), t.settle);
    expect(await t.value<AppStatus>('getStatus')).toMatchObject({
      state: 'idle',
      autoSyncPausedUntil: null,
    });
    expect(t.laterRuns()).toEqual([
      { at: '2026-05-04T12:00:00.000Z', trigger: 'scheduled', status: 'success' },
    ]);
  });

  it('pauses until the next local midnight, and refuses a choice it does not offer', async () => {
    const t = await setup('2026-05-04T10:00:00Z');
    // Midnight in Berlin (UTC+2 in May).
    expect(await t.value<AutoSyncPause>('pauseAutoSync', { until: 'tomorrow' })).toEqual({
      autoSyncPausedUntil: '2026-05-04T22:00:00.000Z',
    });
    const refused = await api!.call('pauseAutoSync', { until: '2h' });
    expect(refused.ok ? null : refused.error.code).toBe('INVALID_ARGUMENT');
    expect((await t.value<AppStatus>('getStatus')).autoSyncPausedUntil).toBe(
      '2026-05-04T22:00:00.000Z',
    );
  });
});
