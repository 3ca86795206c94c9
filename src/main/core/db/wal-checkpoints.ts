import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { createLogger } from '../logger.js';
import { newWorker, tryStartWorker, type WorkerFactory } from '../workers.js';
import type { Db } from './connection.js';

const log = createLogger('db');

/**
 * Who copies the write-ahead log back into the database file while a sync writes. SQLite does it
 * inside `COMMIT` every 1000 pages by default; during a full sync of 100,000 contacts that is a
 * third of the main thread's time (docs/PERFORMANCE.md), which a second core can take instead.
 */
export interface CheckpointPolicy {
  /** A listing starts writing pages (calls nest). */
  begin(): void;
  /** One of its transactions committed. */
  committed(): void;
  /** The listing ended, however it ended. */
  end(): void;
}

/** SQLite's own default: checkpoint inside COMMIT when the WAL passes 1000 pages. */
export const inlineCheckpoints: CheckpointPolicy = { begin() {}, committed() {}, end() {} };

// Plain CommonJS, so the same worker runs under Electron, tsx and vitest without a build step.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message) });
  }
});
`;

/**
 * The worker starts once a listing's WAL passes this size (a quarter of SQLite's own 1000-page
 * threshold): a no-change or few-change sync writes a few pages and never pays for the thread and
 * its connection (~10 MB, bench/peer.sh); a page of a full listing passes it at once.
 */
export const START_AFTER_WAL_BYTES = 1024 * 1024;

interface WorkerReply {
  ok: boolean;
  message?: string;
}

/**
 * Checkpoints from a worker thread with its own connection: while a listing runs, the main
 * connection's automatic checkpoints are off (`wal_autocheckpoint = 0`) and, once the WAL passes
 * START_AFTER_WAL_BYTES, each committed page asks the worker for a PASSIVE checkpoint, which never
 * blocks the writer. Requests made while one runs are merged into one more, so the WAL stays
 * about a page or two of writes long.
 *
 * Durability is SQLite's either way: a checkpoint only copies committed pages, and a process
 * killed in the middle of one leaves the WAL to be replayed at the next open. If the worker
 * cannot start (a packaging problem, say), SQLite goes back to checkpointing inside COMMIT.
 */
export class BackgroundCheckpointer implements CheckpointPolicy {
  private worker: Worker | null = null;
  private failed = false;
  private depth = 0;
  private running = false;
  private requested = false;
  private readonly inlinePages: number;
  private idleWaiters: (() => void)[] = [];
  /** Checkpoints the worker completed (for tests and the benchmark). */
  completed = 0;

  constructor(
    private readonly db: Db,
    private readonly driver: string = createRequire(import.meta.url).resolve('better-sqlite3'),
    private readonly createWorker: WorkerFactory = newWorker,
  ) {
    this.inlinePages = Number(db.pragma('wal_autocheckpoint', { simple: true })) || 1000;
    // An in-memory or temporary database has no file another connection could open.
    if (db.memory || db.name === '') this.failed = true;
  }

  begin(): void {
    this.depth++;
    if (this.depth > 1 || this.failed) return;
    this.db.pragma('wal_autocheckpoint = 0');
  }

  committed(): void {
    if (this.depth === 0 || this.failed) return;
    const worker = this.worker ?? (this.walBytes() >= START_AFTER_WAL_BYTES ? this.start() : null);
    if (!worker) return;
    if (this.running) {
      this.requested = true;
      return;
    }
    this.running = true;
    // Held while a checkpoint runs, so an exiting process lets it finish.
    worker.ref();
    worker.postMessage('checkpoint');
  }

  end(): void {
    if (this.depth === 0) return;
    this.depth--;
    if (this.depth === 0) this.restoreInline();
  }

  /** Resolves when no checkpoint is running or queued. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the worker (before the main connection closes). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failed = true;
    this.restoreInline();
    if (!worker) return;
    await this.idle();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  private walBytes(): number {
    return fs.statSync(`${this.db.name}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  }

  /** Null when the thread cannot start: SQLite checkpoints inside COMMIT again. */
  private start(): Worker | null {
    const worker = tryStartWorker(
      this.createWorker,
      WORKER_SOURCE,
      { eval: true, workerData: { driver: this.driver, file: this.db.name } },
      log,
      'SQLite checkpoints inside COMMIT instead',
    );
    if (!worker) {
      this.failed = true;
      this.restoreInline();
      return null;
    }
    // Never keeps the process alive on its own (a CLI sync exits when it is done).
    worker.unref();
    worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    worker.on('error', (error) => this.onWorkerFailed(error));
    // An exit we did not ask for (close() forgets the worker first) must not leave a checkpoint
    // waited for forever.
    worker.on('exit', (code) => {
      if (this.worker === worker)
        this.onWorkerFailed(new Error(`the worker exited (code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private onReply(reply: WorkerReply): void {
    if (reply.ok) this.completed++;
    else
      log.warn('a background checkpoint failed; the next one will retry', {
        reason: reply.message,
      });
    if (this.requested && this.worker && this.depth > 0) {
      this.requested = false;
      this.worker.postMessage('checkpoint');
      return;
    }
    this.requested = false;
    this.running = false;
    this.worker?.unref();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private onWorkerFailed(error: Error): void {
    if (this.failed) return; // 'error' is followed by 'exit'
    log.warn('background checkpoints are unavailable; SQLite checkpoints inside COMMIT instead', {
      reason: error.message,
    });
    this.worker = null;
    this.failed = true;
    this.running = false;
    this.requested = false;
    this.restoreInline();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private restoreInline(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${this.inlinePages}`);
  }
}
