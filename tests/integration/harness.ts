/**
 * Wires the real core to the fake Google server the way a composition root does: a real SQLite
 * file in a temp folder, the real Google client libraries over HTTP, a real token file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SyncRun } from '../../src/shared/domain.js';
import { peopleSourceFactory } from '../../src/main/core/auth/google-auth.js';
import { FileTokenVault } from '../../src/main/core/auth/token-vault.js';
import { systemClock } from '../../src/main/core/clock.js';
import { AccountsRepo } from '../../src/main/core/db/accounts-repo.js';
import { openDatabase, type Db } from '../../src/main/core/db/connection.js';
import { SyncStateRepo } from '../../src/main/core/db/sync-state.js';
import { endpointsForBaseUrl } from '../../src/main/core/google/endpoints.js';
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
  maxRetryAfterMs: 2_000,
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
  email?: string;
  policies?: RunPolicy[];
}

export class Harness {
  readonly accountId: number;
  readonly orchestrator: SyncOrchestrator;
  readonly reports: ReportsService;
  readonly syncState: SyncStateRepo;
  readonly vault: FileTokenVault;

  private constructor(
    readonly fake: FakeGoogle,
    readonly url: string,
    readonly dir: string,
    readonly dbFile: string,
    readonly db: Db,
    options: HarnessOptions,
  ) {
    this.vault = new FileTokenVault(path.join(dir, 'tokens.json'));
    const account = new AccountsRepo(db).upsert(
      options.email ?? 'me@example.com',
      null,
      new Date().toISOString(),
    );
    this.accountId = account.id;
    this.vault.set(account.email, { refreshToken: fake.refreshToken });
    this.orchestrator = new SyncOrchestrator({
      db,
      clock: systemClock,
      sourceFor: peopleSourceFactory(FAKE_CREDENTIALS, endpointsForBaseUrl(url), this.vault),
      retry: options.retry ?? FAST_RETRY,
      progressIntervalMs: 0,
      ...(options.guard ? { massDeletionGuard: options.guard } : {}),
      ...(options.policies ? { policies: options.policies } : {}),
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

  async sync(request: Partial<SyncRequest> = {}): Promise<SyncRun> {
    const result = this.orchestrator.requestSync(this.accountId, { trigger: 'manual', ...request });
    if (result.status !== 'started') throw new Error(`expected a new run, got ${result.status}`);
    return result.done;
  }

  syncToken(): string | null {
    return this.syncState.get(this.accountId, 'contacts').syncToken;
  }

  contacts(options: { includeDeleted?: boolean } = {}): LocalContact[] {
    return this.db
      .prepare<[number], LocalContact>(
        `SELECT id, resource_name AS resourceName, etag, display_name AS displayName, raw,
                deleted_at AS deletedAt
         FROM contacts WHERE account_id = ? ${options.includeDeleted ? '' : 'AND deleted_at IS NULL'}
         ORDER BY resource_name`,
      )
      .all(this.accountId);
  }

  /** resourceName → etag of the active local contacts, to compare with the server. */
  localState(): Map<string, string | null> {
    return new Map(this.contacts().map((c) => [c.resourceName, c.etag]));
  }

  serverState(): Map<string, string | null> {
    return new Map(this.fake.listContacts().map((p) => [p.resourceName as string, p.etag ?? null]));
  }

  async close(): Promise<void> {
    await this.orchestrator.shutdown();
    this.db.close();
    await this.fake.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
