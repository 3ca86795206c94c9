import v8 from 'node:v8';
import vm from 'node:vm';
import type { Db } from './db/connection.js';
import type { SyncProgress, SyncRun } from '../../shared/domain.js';

/** The orchestrator's events a release waits on. */
export interface RunEvents {
  onRunFinished(listener: (run: SyncRun) => void): () => void;
  onProgress(listener: (progress: SyncProgress) => void): () => void;
}

/**
 * Gives back what a sync or a photo pass grew once they have stopped: `quietMs` after the last run
 * finished, or after `releaseWhenQuiet()` (a photo pass ended), with no sync progress since (a run still going, or the
 * calendar's run after the contacts', postpones it).
 * Measured at 100,000 contacts (docs/PERFORMANCE.md "Memory of the core's process"): without it
 * the main thread's V8 heap stays at twice what is live, because nothing allocates afterwards to
 * make V8 collect, and the connection's page cache stays full.
 */
export class MemoryRelease {
  private timer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: (() => void)[];
  /** Releases done (for tests and the benchmark). */
  releases = 0;

  constructor(
    events: RunEvents,
    private readonly release: () => void,
    private readonly quietMs = 10_000,
  ) {
    this.unsubscribe = [
      events.onRunFinished(() => this.releaseWhenQuiet()),
      events.onProgress(() => this.cancel()),
    ];
  }

  close(): void {
    this.cancel();
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** Releases once nothing has synced for `quietMs` (after a photo pass, which is no run). */
  releaseWhenQuiet(): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.releases++;
      this.release();
    }, this.quietMs);
    this.timer.unref(); // never keeps a finished CLI or a closing app alive
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

let collect: (() => void) | null | undefined;

/**
 * V8's full collection, which also shrinks the heap's young generation back. Node offers it only
 * behind `--expose-gc`; set at run time, the flag exposes `gc` to contexts created afterwards
 * (one here, once), without changing the global object the app's code sees.
 */
function fullCollection(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : null');
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collect = null;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
  return collect;
}

/**
 * Frees the connection's page cache (`shrink_memory`; pages are read back on demand) and collects
 * the main thread's V8 heap. Answers whether a collection ran.
 */
export function releaseMemory(db: Db): boolean {
  if (db.open) db.pragma('shrink_memory');
  const gc = fullCollection();
  gc?.();
  return gc !== null;
}
