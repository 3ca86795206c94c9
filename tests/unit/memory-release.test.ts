/**
 * When the core gives memory back (core/memory-release.ts): once syncing has stopped for a
 * while, never in the middle of a run, once per quiet period. The orchestrator's events come
 * from a typed fake; time from vitest's fake timers.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRelease, type RunEvents } from '../../src/main/core/memory-release.js';
import type { SyncProgress, SyncRun } from '../../src/shared/domain.js';

class FakeRunEvents implements RunEvents {
  private finished = new Set<(run: SyncRun) => void>();
  private progress = new Set<(progress: SyncProgress) => void>();

  onRunFinished(listener: (run: SyncRun) => void): () => void {
    this.finished.add(listener);
    return () => this.finished.delete(listener);
  }

  onProgress(listener: (progress: SyncProgress) => void): () => void {
    this.progress.add(listener);
    return () => this.progress.delete(listener);
  }

  runFinished(): void {
    for (const listener of this.finished) listener({} as SyncRun);
  }

  madeProgress(): void {
    for (const listener of this.progress) listener({} as SyncProgress);
  }

  get listeners(): number {
    return this.finished.size + this.progress.size;
  }
}

let events: FakeRunEvents;
let released: number;
let memory: MemoryRelease;

beforeEach(() => {
  vi.useFakeTimers();
  events = new FakeRunEvents();
  released = 0;
  memory = new MemoryRelease(events, () => released++, 10_000);
});
afterEach(() => {
  memory.close();
  vi.useRealTimers();
});

describe('MemoryRelease', () => {
  it('releases once, when syncing has been quiet for the whole delay after a run', () => {
    events.runFinished();
    vi.advanceTimersByTime(9_999);
    expect(released).toBe(0);
    vi.advanceTimersByTime(1);
    expect(released).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(released).toBe(1);
  });

  it('waits for the next run to finish when one makes progress meanwhile', () => {
    events.runFinished(); // contacts
    vi.advanceTimersByTime(5_000);
    events.madeProgress(); // the calendar's run starts
    vi.advanceTimersByTime(60_000);
    expect(released).toBe(0);
    events.runFinished();
    vi.advanceTimersByTime(10_000);
    expect(released).toBe(1);
    expect(memory.releases).toBe(1);
  });

  it('restarts the delay when runs finish one after another', () => {
    events.runFinished();
    vi.advanceTimersByTime(8_000);
    events.runFinished();
    vi.advanceTimersByTime(8_000);
    expect(released).toBe(0);
    vi.advanceTimersByTime(2_000);
    expect(released).toBe(1);
  });

  it('releases when asked (a photo pass ended) once quiet, and not while a sync runs', () => {
    memory.releaseWhenQuiet();
    vi.advanceTimersByTime(10_000);
    expect(released).toBe(1);
    memory.releaseWhenQuiet();
    events.madeProgress();
    vi.advanceTimersByTime(60_000);
    expect(released).toBe(1);
  });

  it('does nothing more once closed, and stops listening', () => {
    events.runFinished();
    memory.close();
    vi.advanceTimersByTime(60_000);
    expect(released).toBe(0);
    expect(events.listeners).toBe(0);
  });
});
