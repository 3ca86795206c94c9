import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import type { Db } from '../db/connection.js';
import { LeasesRepo, type LeaseRow } from '../db/leases-repo.js';
import type { RunsRepo } from '../db/runs-repo.js';
import { toAppError } from '../errors.js';
import { createLogger } from '../logger.js';
import { processExists } from '../process-alive.js';
import { renewLease, type LeaseTerms } from './sync-writes.js';

const log = createLogger('sync');

/** How long a lease outlives its owner's last heartbeat before another process may take it. */
export const DEFAULT_LEASE_TTL_MS = 120_000;

/**
 * This machine, and on Linux its PID namespace: a lease's PID is looked up only where it names a
 * process in our own process table (a container on a shared volume has another one).
 */
function hostIdentity(): string {
  try {
    return `${os.hostname()}/${fs.readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    return os.hostname();
  }
}

export type Acquired = { acquired: true; runId: number } | { acquired: false; runId: number };

/**
 * One sync per account across every process on the database (the app, the daemon, a cron
 * `sync`): a lease row per account, taken in a `BEGIN IMMEDIATE` transaction together with the
 * run's history row, renewed while the run writes pages, deleted when it ends. A lease is dead
 * once it expires, or at once when its process on this host no longer exists (a crashed app
 * restarted need not wait out the expiry); only then is its run marked interrupted.
 */
export class RunLeases {
  /** Random per process and orchestrator: two orchestrators of one process are two owners. */
  readonly owner = randomUUID();
  private readonly host = hostIdentity();
  private readonly leases: LeasesRepo;

  constructor(
    private readonly db: Db,
    private readonly runs: RunsRepo,
    private readonly now: () => Date,
    readonly ttlMs = DEFAULT_LEASE_TTL_MS,
  ) {
    this.leases = new LeasesRepo(db);
  }

  /** Takes the account's lease and starts a run under it, or names the live owner's run. */
  acquire(accountId: number, startRun: () => number): Acquired {
    return this.db
      .transaction((): Acquired => {
        const now = this.now();
        const held = this.leases.get(accountId);
        if (held && held.owner !== this.owner && this.isLive(held, now.getTime())) {
          return { acquired: false, runId: held.runId };
        }
        // No live owner: whatever the account still shows as running died with its process.
        this.runs.failInterrupted(now.toISOString(), { accountId });
        const runId = startRun();
        this.leases.put({
          accountId,
          owner: this.owner,
          runId,
          host: this.host,
          pid: process.pid,
          heartbeatAtMs: now.getTime(),
          expiresAtMs: now.getTime() + this.ttlMs,
        });
        return { acquired: true, runId };
      })
      .immediate();
  }

  /** The lease extended from now: renewed first inside each page's transaction (sync-writes.ts). */
  terms(accountId: number): LeaseTerms {
    const nowMs = this.now().getTime();
    return { accountId, owner: this.owner, nowMs, expiresAtMs: nowMs + this.ttlMs };
  }

  /** Extends the lease now, or throws INTERRUPTED when another sync of the account took it over. */
  renew(accountId: number): void {
    renewLease(this.leases, this.terms(accountId));
  }

  /**
   * Renews the lease every quarter of its lifetime while a page takes long; returns the stop.
   * `renew` is the writes' own (sync-writes.ts), so a renewal waits behind the page being written
   * on the sync writer's thread instead of blocking this one on the database's write lock.
   */
  keepAlive(accountId: number, renew: (terms: LeaseTerms) => Promise<void>): () => void {
    const timer = setInterval(() => {
      renew(this.terms(accountId)).catch((caught: unknown) => {
        // The next page's transaction finds out too and stops the run.
        log.warn('could not renew the sync lease', { accountId, code: toAppError(caught).code });
      });
    }, this.ttlMs / 4);
    timer.unref();
    return () => clearInterval(timer);
  }

  release(accountId: number): void {
    try {
      this.leases.release(accountId, this.owner);
    } catch (caught) {
      // It expires on its own; the next run takes it over then.
      log.error('could not release the sync lease', { accountId, code: toAppError(caught).code });
    }
  }

  /** The run another live owner has going on the account, if any. */
  runElsewhere(accountId: number): number | null {
    const held = this.leases.get(accountId);
    return held && held.owner !== this.owner && this.isLive(held, this.now().getTime())
      ? held.runId
      : null;
  }

  /** Marks interrupted the runs left `running` whose lease is dead or missing; drops dead leases. */
  recover(): number {
    return this.db
      .transaction(() => {
        const now = this.now();
        const live: number[] = [];
        for (const lease of this.leases.list()) {
          if (this.isLive(lease, now.getTime())) live.push(lease.runId);
          else this.leases.remove(lease.accountId);
        }
        return this.runs.failInterrupted(now.toISOString(), { keep: live });
      })
      .immediate();
  }

  private isLive(lease: LeaseRow, nowMs: number): boolean {
    if (lease.expiresAtMs <= nowMs) return false;
    const ours = lease.host === this.host && lease.pid !== process.pid;
    return !ours || processExists(lease.pid);
  }
}
