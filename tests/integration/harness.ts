/**
 * Wires the real core to the fake Google server the way a composition root does: a real SQLite
 * file in a temp folder, the real Google client libraries over HTTP, a real token file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SyncRun } from '../../src/shared/domain.js';
import { AccountConnections, type ConnectionsDeps } from '../../src/main/core/auth/connections.js';
import { AuthClients, peopleSourceFactory } from '../../src/main/core/auth/google-auth.js';
import { WorkerSyncWrites } from '../../src/main/core/sync/sync-writer.js';
import {
  calendarSourceFactory,
  type EventsChoice,
} from '../../src/main/core/google/calendar-source.js';
import type { BrowserOpener } from '../../src/main/core/auth/sign-in.js';
import { TokenHealthPolicy, type AuthNotification } from '../../src/main/core/auth/token-health.js';
import { FileTokenVault } from '../../src/main/core/auth/token-vault.js';
import { systemClock, type Clock } from '../../src/main/core/clock.js';
import { AccountsRepo } from '../../src/main/core/db/accounts-repo.js';
import { openDatabase, type Db } from '../../src/main/core/db/connection.js';
import { PendingDeletions } from '../../src/main/core/db/pending-deletions.js';
import { SyncStateRepo } from '../../src/main/core/db/sync-state.js';
import type { BackgroundCheckpointer } from '../../src/main/core/db/wal-checkpoints.js';
import { endpointsForBaseUrl } from '../../src/main/core/google/endpoints.js';
import type { RequestTimeouts } from '../../src/main/core/google/timed-fetch.js';
import { WorkerDecoder, type ConnectionsDecoder } from '../../src/main/core/google/page-decoder.js';
import type { PeopleSourceOptions } from '../../src/main/core/google/people-source.js';
import { ReportsService } from '../../src/main/core/services/reports.js';
import type { MassDeletionGuard } from '../../src/main/core/sync/contacts-adapters.js';
import {
  SyncOrchestrator,
  type RunPolicy,
  type SyncRequest,
} from '../../src/main/core/sync/orchestrator.js';
import type { RetryPolicy } from '../../src/main/core/sync/retry.js';
import { FakeGoogle } from '../fake-google/server.js';

export const FAST_RETRY: RetryPolicy = {
  delaysMs: [5, 10, 20],
  jitter: 0.1,
  budgetMs: 2_000,
};
export const FAKE_CREDENTIALS = { clientId: 'fake-client-id', clientSecret: 'fake-client-secret' };

export interface LocalContact {
  id: number;
  resourceName: string;
  etag: string | null;
  displayName: string | null;
  raw: string;
  deletedAt: string | null;
}

export interface HarnessOptions {
  contacts?: number;
  seed?: number;
  retry?: RetryPolicy;
  guard?: MassDeletionGuard;
  /** The account signed in with the fake's primary refresh token; null: start with none. */
  email?: string | null;
  /** Run after the token-health policy (on unless `tokenHealth: false`), as composition roots do. */
  policies?: RunPolicy[];
  tokenHealth?: boolean;
  /**
   * Policies that need the harness's database (the real ones of a composition root). Given the
   * token-health policy (null with `tokenHealth: false`), it decides where it goes.
   */
  policiesFor?: (db: Db, tokenHealth: RunPolicy | null) => RunPolicy[];
  /** Time of the orchestrator (runs' start and finish); the fake server keeps real time. */
  clock?: Clock;
  /** Checkpoints the WAL from a worker thread, as composition roots do (default: inside COMMIT). */
  checkpoints?: (db: Db) => BackgroundCheckpointer;
  /** Reads contacts pages (default: on a worker thread, as composition roots do). */
  decoder?: ConnectionsDecoder;
  /**
   * The People source's options, read at each request, so a test may change them between runs
   * as an upgrade would (e.g. `personFields`).
   */
  peopleSource?: PeopleSourceOptions;
  /** Connect and inactivity deadlines of every Google request (default: the app's). */
  timeouts?: RequestTimeouts;
  /** Least time between progress events (default 0: every page). */
  progressIntervalMs?: number;
  /** Which event types calendar runs ask for, read at each run (default: no birthdays). */
  eventsChoice?: () => EventsChoice;
  /**
   * Who writes the pages: the sync writer's thread, as the app does (default), or this thread, as
   * the command line's one-shot commands do (`CSA_PAGE_WRITES=inline` runs every harness so:
   * `npm run test:integration:inline`).
   */
  writes?: 'worker' | 'inline' | ((db: Db) => WorkerSyncWrites);
}

/** One decode worker for every harness of a test file: it holds no state between pages. */
const sharedDecoder = new WorkerDecoder();

export class Harness {
  /** The pre-connected account's id (0 when started with `email: null`). */
  readonly accountId: number;
  readonly orchestrator: SyncOrchestrator;
  readonly reports: ReportsService;
  readonly syncState: SyncStateRepo;
  readonly vault: FileTokenVault;
  readonly clients: AuthClients;
  /** What the token-health policy told the person. */
  readonly notifications: AuthNotification[] = [];
  readonly checkpoints: BackgroundCheckpointer | null;
  /** The sync writer, when the pages are written on its thread. */
  readonly writes: WorkerSyncWrites | null;

  private constructor(
    readonly fake: FakeGoogle,
    readonly url: string,
    readonly dir: string,
    readonly dbFile: string,
    readonly db: Db,
    options: HarnessOptions,
  ) {
    this.vault = new FileTokenVault(path.join(dir, 'tokens.json'));
    this.clients = new AuthClients(
      FAKE_CREDENTIALS,
      endpointsForBaseUrl(url),
      this.vault,
      options.timeouts,
    );
    const email = options.email === undefined ? 'me@example.com' : options.email;
    const account = email && new AccountsRepo(db).upsert(email, null, new Date().toISOString());
    this.accountId = account ? account.id : 0;
    if (account) this.vault.set(account.email, { refreshToken: fake.refreshToken });
    const clock = options.clock ?? systemClock;
    const notifier = { notify: (n: AuthNotification) => this.notifications.push(n) };
    const tokenHealth = new TokenHealthPolicy({ db, clock, clients: this.clients, notifier });
    const health = options.tokenHealth === false ? null : tokenHealth;
    const policies = options.policiesFor
      ? options.policiesFor(db, health)
      : [...(health ? [health] : []), ...(options.policies ?? [])];
    this.checkpoints = options.checkpoints?.(db) ?? null;
    const writes =
      options.writes ?? (process.env['CSA_PAGE_WRITES'] === 'inline' ? 'inline' : 'worker');
    this.writes =
      typeof writes === 'function'
        ? writes(db)
        : writes === 'worker'
          ? new WorkerSyncWrites(db)
          : null;
    this.orchestrator = new SyncOrchestrator({
      db,
      clock,
      ...(this.checkpoints ? { checkpoints: this.checkpoints } : {}),
      ...(this.writes ? { writes: this.writes } : {}),
      sourceFor: peopleSourceFactory(
        FAKE_CREDENTIALS,
        this.clients.endpoints,
        this.vault,
        this.clients,
        Object.assign(options.peopleSource ?? {}, {
          decoder: options.decoder ?? options.peopleSource?.decoder ?? sharedDecoder,
        }),
      ),
      calendarSourceFor: calendarSourceFactory(
        (email) => this.clients.clientFor(email),
        this.clients.endpoints.calendarRootUrl,
        options.eventsChoice,
      ),
      retry: options.retry ?? FAST_RETRY,
      progressIntervalMs: options.progressIntervalMs ?? 0,
      ...(options.guard ? { massDeletionGuard: options.guard } : {}),
      policies,
    });
    this.reports = new ReportsService(db, (id) => this.orchestrator.isRunning(id));
    this.syncState = new SyncStateRepo(db);
  }

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const fake = new FakeGoogle({ contacts: options.contacts ?? 0, seed: options.seed ?? 1 });
    const url = await fake.start();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-it-'));
    const dbFile = path.join(dir, 'contacts.db');
    return new Harness(fake, url, dir, dbFile, openDatabase(dbFile), options);
  }

  /** Connect and disconnect through the real sign-in flow; `opener` plays the browser. */
  connections(opener: BrowserOpener, more: Partial<ConnectionsDeps> = {}): AccountConnections {
    return new AccountConnections({
      db: this.db,
      clock: systemClock,
      clients: this.clients,
      orchestrator: this.orchestrator,
      opener,
      ...more,
    });
  }

  async sync(request: Partial<SyncRequest> = {}, accountId = this.accountId): Promise<SyncRun> {
    const result = this.orchestrator.requestSync(accountId, { trigger: 'manual', ...request });
    if (result.status !== 'started') throw new Error(`expected a new run, got ${result.status}`);
    return result.done;
  }

  syncToken(): string | null {
    return this.syncState.get(this.accountId, 'contacts').syncToken;
  }

  /** Deletions the guard holds back for the person's confirmation, sorted. */
  pendingDeletions(accountId = this.accountId): string[] {
    return new PendingDeletions(this.db, accountId).names().sort();
  }

  contacts(options: { includeDeleted?: boolean } = {}, accountId = this.accountId): LocalContact[] {
    return this.db
      .prepare<[number], LocalContact>(
        `SELECT id, resource_name AS resourceName, etag, display_name AS displayName, raw,
                deleted_at AS deletedAt
         FROM contacts WHERE account_id = ? ${options.includeDeleted ? '' : 'AND deleted_at IS NULL'}
         ORDER BY resource_name`,
      )
      .all(accountId);
  }

  /** resourceName → etag of the active local contacts, to compare with the server. */
  localState(accountId = this.accountId): Map<string, string | null> {
    return new Map(this.contacts({}, accountId).map((c) => [c.resourceName, c.etag]));
  }

  /** The primary user's contacts on the fake, or `email`'s. */
  serverState(email?: string): Map<string, string | null> {
    return new Map(
      this.fake.listContacts(email).map((p) => [p.resourceName as string, p.etag ?? null]),
    );
  }

  async close(): Promise<void> {
    await this.orchestrator.shutdown();
    await this.checkpoints?.close();
    await this.writes?.close();
    this.db.close();
    await this.fake.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
