import schedule from 'node-schedule';
import type { Clock } from '../clock.js';

/** Calls `callback` at `when` (wall-clock time); returns a function that cancels it. */
export interface Timers {
  at(when: Date, callback: () => void): () => void;
}

/** Resume-from-sleep events: the Electron shell feeds these from `powerMonitor`. */
export interface PowerEvents {
  onResume(listener: () => void): () => void;
}

/**
 * Timers backed by node-schedule date jobs: they re-check the wall clock before firing and handle
 * delays beyond setTimeout's 24.8-day limit.
 */
export const nodeScheduleTimers: Timers = {
  at(when, callback) {
    const job = schedule.scheduleJob(when, callback);
    if (job) return () => job.cancel();
    // node-schedule refuses dates in the past; such a timer is simply due now.
    const immediate = setImmediate(callback);
    return () => clearImmediate(immediate);
  },
};

/**
 * Resume events without Electron (the CLI daemon): Node has no power notifications, but timers
 * stop while the computer sleeps, so a heartbeat that finds the wall clock far ahead of where it
 * should be knows the machine was asleep. `onTick` listeners run on every beat (the daemon
 * re-reads its settings there).
 */
export class HeartbeatPowerEvents implements PowerEvents {
  private readonly listeners = new Set<() => void>();
  private readonly tickListeners = new Set<() => void>();
  private interval: NodeJS.Timeout | undefined;
  private last = 0;

  constructor(
    private readonly clock: Clock,
    private readonly periodMs = 60_000,
  ) {}

  start(): void {
    this.last = this.clock.now().getTime();
    this.interval = setInterval(() => this.beat(), this.periodMs);
  }

  stop(): void {
    clearInterval(this.interval);
  }

  onResume(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onTick(listener: () => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  private beat(): void {
    const now = this.clock.now().getTime();
    const slept = now - this.last > this.periodMs + 120_000;
    this.last = now;
    for (const listener of this.tickListeners) listener();
    if (slept) for (const listener of this.listeners) listener();
  }
}
