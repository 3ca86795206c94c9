/**
 * The core every composition root runs — the desktop app, preview mode and the command line:
 * database, settings, sign-in client and clients, run policies, the orchestrator, the background
 * schedule, sign-in connections, reports and health. Called only by those roots
 * (src/main/index.ts, src/main/preview/, src/main/cli.ts), which supply what differs: the token
 * vault, how a browser opens, power events, notifications.
 */
import { AccountConnections } from './auth/connections.js';
import { AuthClients, peopleSourceFactory } from './auth/google-auth.js';
import { createSignInClient, type SignInClientService } from './auth/sign-in-client.js';
import type { BrowserOpener } from './auth/sign-in.js';
import { TokenHealthPolicy, type Notifier } from './auth/token-health.js';
import type { TokenVault } from './auth/token-vault.js';
import { systemClock, type Clock } from './clock.js';
import { AccountsRepo } from './db/accounts-repo.js';
import { CONNECTION_ROLES, openDatabase, type Db } from './db/connection.js';
import { BackgroundCheckpointer } from './db/wal-checkpoints.js';
import { calendarSourceFactory } from './google/calendar-source.js';
import { resolveEndpoints } from './google/endpoints.js';
import { WorkerDecoder } from './google/page-decoder.js';
import { SyncHealthService } from './metrics/health.js';
import { createRunPolicies } from './policies/index.js';
import { nodeScheduleTimers, type PowerEvents } from './schedule/ports.js';
import { Scheduler } from './schedule/scheduler.js';
import { CalendarService } from './services/calendar-service.js';
import { ReportsService } from './services/reports.js';
import { ConfSettingsStore, resolveSettingsFile } from './settings/conf-store.js';
import { SettingsService, type SettingsStore } from './settings/settings-service.js';
import { massDeletionGuardFrom } from './sync/mass-deletion.js';
import { SyncOrchestrator } from './sync/orchestrator.js';
import { WorkerSyncWrites } from './sync/sync-writer.js';

export interface CoreOptions {
  databasePath: string;
  vault: TokenVault;
  /** Opens the system browser for Google's sign-in page. */
  opener: BrowserOpener;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  /**
   * A background schedule (the app, the CLI's daemon and schedule commands); started only by the
   * caller. Preview mode has none: it syncs only when asked.
   */
  background?: { power?: PowerEvents } | null;
  /** Told when an account needs signing in again (token health). */
  notifier?: Notifier;
  /** Where settings are kept (default: conf on the settings file beside the database). */
  openSettings?: (location: string) => SettingsStore;
  /** The packaged default sign-in client's file (README "Google sign-in client"). */
  defaultClientFile?: string | null;
  /** GOOGLE_CLIENT_ID/SECRET apply (development; default true). */
  allowEnvClient?: boolean;
  /** How long a dead process's run lease blocks its account (tests shorten it). */
  leaseTtlMs?: number;
  /** How long a sign-in waits for the browser (default 5 min; tests shorten it). */
  signInTimeoutMs?: number;
  /**
   * Who writes a sync's pages: the sync writer's thread (default: the app's main thread is its UI
   * thread) or this thread (a one-shot command, where a thread would only cost memory).
   */
  pageWrites?: 'worker' | 'inline';
}

export interface Core {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  signInClient: SignInClientService;
  clients: AuthClients;
  orchestrator: SyncOrchestrator;
  scheduler: Scheduler | null;
  accounts: AccountsRepo;
  calendar: CalendarService;
  reports: ReportsService;
  health: SyncHealthService;
  connections: AccountConnections;
  /** Stops the schedule, ends a running sync at a page boundary, closes the database. */
  close(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  // Bounded page caches (db/connection.ts): this connection serves the window's reads and, when
  // pages are written inline, the syncs; the sync writer's thread opens its own as a writer.
  const db = openDatabase(
    options.databasePath,
    options.pageWrites === 'inline' ? CONNECTION_ROLES.writer : CONNECTION_ROLES.reader,
  );
  const writes = options.pageWrites === 'inline' ? null : new WorkerSyncWrites(db);
  // Checkpoints what this thread writes in bulk: inline pages, a history clear's batches (the
  // sync writer checkpoints its own).
  const checkpoints = new BackgroundCheckpointer(db);
  const decoder = new WorkerDecoder();
  const settingsFile = resolveSettingsFile(options.databasePath, env);
  const settings = new SettingsService(
    options.openSettings?.(settingsFile) ?? new ConfSettingsStore(settingsFile),
  );
  const signInClient = createSignInClient({
    settings,
    vault: options.vault,
    env,
    defaultClientFile: options.defaultClientFile ?? null,
    allowEnv: options.allowEnvClient ?? true,
  });
  const clients = new AuthClients(
    () => signInClient.current(),
    resolveEndpoints(env),
    options.vault,
  );
  const orchestrator = new SyncOrchestrator({
    db,
    clock,
    ...(writes ? { writes } : {}),
    ...(writes ? {} : { checkpoints }),
    sourceFor: peopleSourceFactory(clients.credentials, clients.endpoints, options.vault, clients, {
      decoder,
    }),
    calendarSourceFor: calendarSourceFactory(
      (email) => clients.clientFor(email),
      clients.endpoints.calendarRootUrl,
      () => ({ showBirthdays: settings.get().calendar.showBirthdays }),
    ),
    massDeletionGuard: massDeletionGuardFrom(settings),
    ...(options.leaseTtlMs !== undefined ? { leaseTtlMs: options.leaseTtlMs } : {}),
    policies: createRunPolicies({
      db,
      clock,
      settings,
      tokenHealth: new TokenHealthPolicy({
        db,
        clock,
        clients,
        notifier: options.notifier ?? { notify: () => undefined },
      }),
    }),
  });
  const scheduler = options.background
    ? new Scheduler({
        db,
        clock,
        timers: nodeScheduleTimers,
        settings,
        sync: orchestrator,
        ...(options.background.power ? { power: options.background.power } : {}),
      })
    : null;
  const calendar = new CalendarService(db, settings);
  return {
    db,
    clock,
    settings,
    signInClient,
    clients,
    orchestrator,
    scheduler,
    accounts: new AccountsRepo(db),
    calendar,
    reports: new ReportsService(db, (id) => orchestrator.isRunning(id), checkpoints),
    health: new SyncHealthService(db, clock, (account) =>
      scheduler ? scheduler.statusOf(account).nextRunAt : null,
    ),
    connections: new AccountConnections({
      db,
      clock,
      clients,
      orchestrator,
      opener: options.opener,
      scheduler,
      calendarEnabled: () => calendar.enabled(),
      ...(options.signInTimeoutMs !== undefined
        ? { signInTimeoutMs: options.signInTimeoutMs }
        : {}),
    }),
    async close() {
      scheduler?.stop();
      await orchestrator.shutdown();
      clients.close(); // requests cancelled runs stopped waiting for must not keep the process up
      await Promise.all([checkpoints.close(), writes?.close(), decoder.close()]);
      db.close();
    },
  };
}
