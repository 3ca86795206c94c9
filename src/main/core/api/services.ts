/**
 * The core as the desktop app and preview mode both run it: database, sign-in, settings, run
 * policies, orchestrator, optional background schedule, health, and the API's handler table over
 * them. Called only by those composition roots (src/main/index.ts, src/main/preview/), which
 * supply what differs: the token vault, how a browser opens, power events, notifications.
 */
import path from 'node:path';
import { AccountConnections } from '../auth/connections.js';
import { AuthClients, peopleSourceFactory } from '../auth/google-auth.js';
import { createSignInClient, type SignInClientService } from '../auth/sign-in-client.js';
import type { BrowserOpener } from '../auth/sign-in.js';
import { TokenHealthPolicy, type Notifier } from '../auth/token-health.js';
import type { TokenVault } from '../auth/token-vault.js';
import { systemClock, type Clock } from '../clock.js';
import { AccountsRepo } from '../db/accounts-repo.js';
import { openDatabase, type Db } from '../db/connection.js';
import { BackgroundCheckpointer } from '../db/wal-checkpoints.js';
import { WorkerDecoder } from '../google/page-decoder.js';
import { resolveEndpoints } from '../google/endpoints.js';
import { SyncHealthService } from '../metrics/health.js';
import { createRunPolicies } from '../policies/index.js';
import { nodeScheduleTimers, type PowerEvents } from '../schedule/ports.js';
import { Scheduler } from '../schedule/scheduler.js';
import { ConfSettingsStore, resolveSettingsFile } from '../settings/conf-store.js';
import { SettingsService, type SettingsStore } from '../settings/settings-service.js';
import { ReportsService } from '../services/reports.js';
import { SyncOrchestrator } from '../sync/orchestrator.js';
import { calendarSourceFactory } from '../google/calendar-source.js';
import { CalendarAccessService } from '../services/calendar-access.js';
import { CalendarService } from '../services/calendar-service.js';
import { syncResources } from '../sync/sync-now.js';
import { massDeletionGuardFrom } from '../sync/mass-deletion.js';
import type { Settings } from '../../../shared/api/contract.js';
import { FileContactsExporter, type ChooseExportFile } from '../export/exporter.js';
import { exportsFolderChooser } from '../export/exports-folder.js';
import { ConnectionsConnector, SettingsAdapter } from './adapters.js';
import { Api } from './api.js';

export interface CoreOptions {
  databasePath: string;
  vault: TokenVault;
  /** Opens the system browser for Google's sign-in page. */
  opener: BrowserOpener;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  /** Run the background schedule (the desktop app); preview mode syncs only when asked. */
  background?: { power?: PowerEvents } | null;
  /** Told when an account needs signing in again (token health). */
  notifier?: Notifier;
  onSettingsChange?: (settings: Settings) => void;
  /** Where settings are kept (default: conf on the settings file beside the database). */
  openSettings?: (location: string) => SettingsStore;
  /**
   * Where an export goes (a save dialog in the app); null when the person cancels. Default: a
   * time-stamped file in `exports/` beside the database.
   */
  chooseExportFile?: ChooseExportFile;
  /** The packaged default sign-in client's file (README "Google sign-in client"). */
  defaultClientFile?: string | null;
  /** GOOGLE_CLIENT_ID/SECRET apply (development; default true). */
  allowEnvClient?: boolean;
}

export interface CoreServices {
  db: Db;
  clock: Clock;
  orchestrator: SyncOrchestrator;
  settings: SettingsAdapter;
  scheduler: Scheduler | null;
  api: Api;
  signInClient: SignInClientService;
  /** Recovers runs a killed process left running, then starts the schedule. */
  start(): void;
  /** Stops the schedule and the API, ends a running sync at a page boundary, closes the database. */
  close(): Promise<void>;
}

export function createCoreServices(options: CoreOptions): CoreServices {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const db = openDatabase(options.databasePath);
  const checkpoints = new BackgroundCheckpointer(db);
  const decoder = new WorkerDecoder();
  const settingsFile = resolveSettingsFile(options.databasePath, env);
  const settingsService = new SettingsService(
    options.openSettings?.(settingsFile) ?? new ConfSettingsStore(settingsFile),
  );
  const signInClient = createSignInClient({
    settings: settingsService,
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
    checkpoints,
    sourceFor: peopleSourceFactory(clients.credentials, clients.endpoints, options.vault, clients, {
      decoder,
    }),
    calendarSourceFor: calendarSourceFactory(
      (email) => clients.clientFor(email),
      clients.endpoints.calendarRootUrl,
    ),
    massDeletionGuard: massDeletionGuardFrom(settingsService),
    policies: createRunPolicies({
      db,
      clock,
      settings: settingsService,
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
        settings: settingsService,
        sync: orchestrator,
        ...(options.background.power ? { power: options.background.power } : {}),
      })
    : null;
  const settings = new SettingsAdapter(
    settingsService,
    clock,
    scheduler,
    options.onSettingsChange,
    path.dirname(path.resolve(options.databasePath)),
  );
  const accounts = new AccountsRepo(db);
  const calendar = new CalendarService(db, settingsService);
  const health = new SyncHealthService(db, clock, (account) =>
    scheduler ? scheduler.statusOf(account).nextRunAt : null,
  );
  const connections = new AccountConnections({
    db,
    clock,
    clients,
    orchestrator,
    opener: options.opener,
    scheduler,
    calendarEnabled: () => calendar.enabled(),
  });
  const api = new Api({
    db,
    clock,
    orchestrator,
    reports: new ReportsService(db, (id) => orchestrator.isRunning(id)),
    connector: new ConnectionsConnector(connections, accounts, ({ account }) => {
      // A sign-in may just have granted calendar access: calendars follow the first sync.
      if (!calendar.enabled()) return;
      // Its outcome reaches the windows as a runFinished event, as every run's does.
      syncResources(orchestrator, account.id, { trigger: 'after_connect' }, ['calendar']).catch(
        () => undefined,
      );
    }),
    calendar,
    calendarAccess: new CalendarAccessService(db, options.vault),
    settings,
    pause: settings,
    health,
    exporter: new FileContactsExporter(
      db,
      options.chooseExportFile ?? exportsFolderChooser(options.databasePath, clock),
    ),
    signInClient,
  });
  return {
    db,
    clock,
    orchestrator,
    settings,
    scheduler,
    api,
    signInClient,
    start() {
      orchestrator.recoverInterruptedRuns();
      scheduler?.start();
    },
    async close() {
      scheduler?.stop();
      api.dispose();
      await orchestrator.shutdown();
      clients.close(); // requests cancelled runs stopped waiting for must not keep the process up
      await Promise.all([checkpoints.close(), decoder.close()]);
      db.close();
    },
  };
}
