/**
 * The real system under the engine model: a fake Google server, a real SQLite file and the real
 * orchestrator (tests/integration/harness.ts), plus what the model needs to drive and observe
 * it — a sync that must settle before a watchdog fires, and reads of the local mirror.
 */
import type { SyncRun } from '../../src/shared/domain.js';
import type { SyncRequest } from '../../src/main/core/sync/orchestrator.js';
import { Harness } from '../integration/harness.js';
import { engineOptions } from './spec-adapter.js';

export class ModelFailure extends Error {}

export interface LocalRow {
  id: number;
  resourceName: string;
}

export interface SystemOptions {
  contacts: number;
  /** Items per connections page, so deletions spread over several pages. */
  pageSize: number;
  /** How long one sync may take before it counts as hung. */
  watchdogMs: number;
  seed: number;
}

export class EngineSystem {
  /** Set when a sync never settled: closing must then stop the server first to free the run. */
  private hung = false;

  private constructor(
    readonly h: Harness,
    readonly options: SystemOptions,
  ) {}

  static async start(options: SystemOptions): Promise<EngineSystem> {
    const h = await Harness.start({
      ...engineOptions(),
      contacts: options.contacts,
      seed: options.seed,
    });
    h.fake.setMaxPageSize(options.pageSize);
    return new EngineSystem(h, options);
  }

  /**
   * One sync through the orchestrator, cancelled after `cancelAfterPages` progress events if
   * given. Fails (ModelFailure) when the account is still busy or the run does not settle in time.
   */
  async sync(request: Partial<SyncRequest>, cancelAfterPages?: number): Promise<SyncRun> {
    const { h } = this;
    const started = h.orchestrator.requestSync(h.accountId, { trigger: 'manual', ...request });
    if (started.status !== 'started') {
      throw new ModelFailure(`a sync was requested while run ${started.runId} was still active`);
    }
    let pages = 0;
    const unsubscribe =
      cancelAfterPages === undefined
        ? () => true
        : h.orchestrator.onProgress(() => {
            if (++pages === cancelAfterPages) h.orchestrator.cancel(h.accountId);
          });
    try {
      const run = await withinMs(started.done, this.options.watchdogMs);
      if (run === TIMED_OUT) {
        this.hung = true;
        throw new ModelFailure(
          `sync run ${started.runId} did not settle within ${this.options.watchdogMs} ms (hang)`,
        );
      }
      return run;
    } finally {
      unsubscribe();
      h.fake.clearFaults();
    }
  }

  activeRows(): LocalRow[] {
    return this.h.db
      .prepare<[number], LocalRow>(
        `SELECT id, resource_name AS resourceName FROM contacts
         WHERE account_id = ? AND deleted_at IS NULL ORDER BY id`,
      )
      .all(this.h.accountId);
  }

  /** Whether the next contacts run continues a full listing an earlier run left unfinished. */
  resumesListing(): boolean {
    const row = this.h.db
      .prepare<[number], { n: number }>(
        `SELECT count(*) AS n FROM sync_state
         WHERE account_id = ? AND resource = 'contacts' AND resume_page_token IS NOT NULL`,
      )
      .get(this.h.accountId);
    return (row?.n ?? 0) > 0;
  }

  /** Deletions the guard holds back until the person confirms them (account state). */
  withheldNames(): Set<string> {
    return new Set(this.h.pendingDeletions());
  }

  serverNames(): Set<string> {
    return new Set(this.h.fake.listContacts().map((p) => p.resourceName as string));
  }

  async close(): Promise<void> {
    // A hung run holds the orchestrator until its request ends: end every request first.
    if (this.hung) await this.h.fake.stop();
    const closed = await withinMs(this.h.close(), 10_000);
    if (closed === TIMED_OUT) throw new ModelFailure('the engine did not shut down within 10 s');
  }
}

const TIMED_OUT = Symbol('timed out');

async function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
