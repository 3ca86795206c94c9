/**
 * The Statistics section's figures over every contact, computed off the main thread. Measured
 * with 100,000 contacts (docs/PERFORMANCE.md): `getStatistics` ~400 ms (counting phones and emails
 * of active contacts visits ~240k child rows; no index makes that bounded), `getTimeline` ~25 ms
 * (every contact created or deleted in the window). Both run on a worker thread over its own
 * read-only connection; in-thread when the database is in memory or no thread can be had.
 */
import type { Timeline } from '../../../shared/api/contract.js';
import type { Statistics } from '../../../shared/domain.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { createLogger } from '../logger.js';
import { onWorkerOrHere, WorkerRpc } from '../worker-rpc.js';
import { workerEntry, type WorkerFactory } from '../workers.js';
import type { ReportsService } from './reports.js';
import { TimelineService } from './timeline.js';

const log = createLogger('figures');

export interface TimelineOptions {
  accountId?: number;
  days?: number;
}

/** What the API's figures come from (the handler table computes them in-thread without one). */
export interface FiguresSource {
  statistics(accountId?: number): Promise<Statistics>;
  timeline(options: TimelineOptions): Promise<Timeline>;
  close(): Promise<void>;
}

/** What figures-worker.ts is asked; `now` is the main process's clock (tests set it). */
export type FiguresJob = { databaseFile: string } & (
  | { kind: 'statistics'; accountId?: number }
  | { kind: 'timeline'; options: TimelineOptions; now: string }
);

export class WorkerFigures implements FiguresSource {
  private readonly worker: WorkerRpc<FiguresJob, Statistics | Timeline> | null;
  private readonly inThreadTimeline: TimelineService;

  constructor(
    private readonly db: Db,
    private readonly reports: ReportsService,
    private readonly clock: Clock,
    options: { createWorker?: WorkerFactory } = {},
  ) {
    this.inThreadTimeline = new TimelineService(db, clock);
    // An in-memory database has no file another connection could open.
    this.worker = db.memory
      ? null
      : new WorkerRpc({
          entry: workerEntry(import.meta.url, 'figures-worker'),
          log,
          fallback: 'statistics are computed on the main thread',
          ...(options.createWorker ? { createWorker: options.createWorker } : {}),
        });
  }

  statistics(accountId?: number): Promise<Statistics> {
    return this.run({ kind: 'statistics', ...(accountId !== undefined ? { accountId } : {}) }, () =>
      this.reports.statistics(accountId),
    ) as Promise<Statistics>;
  }

  timeline(options: TimelineOptions): Promise<Timeline> {
    return this.run({ kind: 'timeline', options, now: this.clock.now().toISOString() }, () =>
      this.inThreadTimeline.timeline(options),
    ) as Promise<Timeline>;
  }

  async close(): Promise<void> {
    await this.worker?.close();
  }

  private run(
    job: DistributiveOmit<FiguresJob, 'databaseFile'>,
    here: () => Statistics | Timeline,
  ): Promise<Statistics | Timeline> {
    return onWorkerOrHere(this.worker, { ...job, databaseFile: this.db.name }, here);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
