import { afterEach, describe, expect, it, vi } from 'vitest';
import { HeartbeatPowerEvents } from '../../src/main/core/schedule/ports.js';
import { FakeClock } from '../support/fake-time.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('resume detection without Electron', () => {
  it('ticks every period and reports a resume when the wall clock jumped (the machine slept)', () => {
    vi.useFakeTimers();
    const clock = new FakeClock(Date.parse('2026-05-04T10:00:00Z'));
    const heartbeat = new HeartbeatPowerEvents(clock, 60_000);
    let ticks = 0;
    let resumes = 0;
    heartbeat.onTick(() => ticks++);
    heartbeat.onResume(() => resumes++);
    heartbeat.start();
    const beat = (wallMs: number) => {
      clock.set(clock.ms + wallMs);
      vi.advanceTimersByTime(60_000);
    };
    beat(60_000);
    beat(61_000); // a little late, as timers are
    expect([ticks, resumes]).toEqual([2, 0]);
    beat(3 * 86_400_000); // timers stood still while the computer slept three days
    expect([ticks, resumes]).toEqual([3, 1]);
    heartbeat.stop();
    beat(60_000);
    expect(ticks).toBe(3);
  });
});
