/** Injected time for schedule tests: a clock that moves only when told, and timers on it. */
import type { Clock } from '../../src/main/core/clock.js';
import type { PowerEvents, Timers } from '../../src/main/core/schedule/ports.js';

export class FakeClock implements Clock {
  constructor(private t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  set(t: number): void {
    this.t = t;
  }
  get ms(): number {
    return this.t;
  }
}

interface Pending {
  at: number;
  callback: () => void;
  seq: number;
}

export class FakeTimers implements Timers {
  private pending: Pending[] = [];
  private seq = 0;

  constructor(private readonly clock: FakeClock) {}

  at(when: Date, callback: () => void): () => void {
    const entry = { at: when.getTime(), callback, seq: this.seq++ };
    this.pending.push(entry);
    return () => {
      this.pending = this.pending.filter((p) => p !== entry);
    };
  }

  /** When the next timer is due, if any. */
  next(): number | null {
    return this.earliest()?.at ?? null;
  }

  get size(): number {
    return this.pending.length;
  }

  /**
   * Moves the clock to `t`, firing each due timer at its own time, in order, and awaiting
   * `settle` after each (so a run started by a timer is recorded before time moves on).
   */
  async advanceTo(t: number, settle: () => Promise<void> = async () => undefined): Promise<void> {
    for (let entry = this.earliest(); entry && entry.at <= t; entry = this.earliest()) {
      this.clock.set(Math.max(this.clock.ms, entry.at));
      this.pending = this.pending.filter((p) => p !== entry);
      entry.callback();
      await settle();
    }
    this.clock.set(Math.max(this.clock.ms, t));
  }

  /** The computer sleeps: the wall clock jumps and no timer fires meanwhile. */
  sleep(ms: number): void {
    this.clock.set(this.clock.ms + ms);
  }

  /** After a sleep, Node runs the timers that became due, late. */
  async runDue(settle: () => Promise<void> = async () => undefined): Promise<void> {
    await this.advanceTo(this.clock.ms, settle);
  }

  private earliest(): Pending | undefined {
    return [...this.pending].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
  }
}

export class FakePower implements PowerEvents {
  private readonly listeners = new Set<() => void>();
  onResume(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  resume(): void {
    for (const listener of this.listeners) listener();
  }
}
