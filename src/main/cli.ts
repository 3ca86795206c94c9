/**
 * Composition root of the headless command line: the only place here that opens the database
 * and constructs services.
 */
import { AccountConnections } from './core/auth/connections.js';
import { AuthClients, peopleSourceFactory, credentialsFromEnv } from './core/auth/google-auth.js';
import { TokenHealthPolicy, type Notifier } from './core/auth/token-health.js';
import { FileTokenVault } from './core/auth/token-vault.js';
import { systemClock } from './core/clock.js';
import { AccountsRepo } from './core/db/accounts-repo.js';
import { openDatabase, type Db } from './core/db/connection.js';
import { BackgroundCheckpointer } from './core/db/wal-checkpoints.js';
import { WorkerDecoder } from './core/google/page-decoder.js';
import { toAppError } from './core/errors.js';
import { calendarSourceFactory } from './core/google/calendar-source.js';
import { resolveEndpoints } from './core/google/endpoints.js';
import { CalendarService } from './core/services/calendar-service.js';
import { ReportsService } from './core/services/reports.js';
import { SyncHealthService } from './core/metrics/health.js';
import { createRunPolicies } from './core/policies/index.js';
import { HeartbeatPowerEvents, nodeScheduleTimers } from './core/schedule/ports.js';
import { Scheduler } from './core/schedule/scheduler.js';
import { ConfSettingsStore, resolveSettingsFile } from './core/settings/conf-store.js';
import { SettingsService } from './core/settings/settings-service.js';
import { SyncOrchestrator } from './core/sync/orchestrator.js';
import { massDeletionGuardFrom } from './core/sync/mass-deletion.js';
import { parseCliArgs, USAGE } from './cli/args.js';
import { openInBrowser } from './cli/auth-commands.js';
import { runCommand, type Output } from './cli/commands.js';
import { resolveDatabasePath, resolveTokenFile } from './core/paths.js';

function terminalOutput(): Output {
  const io: Output = {
    out: (text) => process.stdout.write(text + '\n'),
    err: (text) => process.stderr.write(text + '\n'),
  };
  if (process.stderr.isTTY) {
    io.status = (text) => process.stderr.write(`\r\x1b[2K${text}`);
  }
  return io;
}

/** Tests shorten how long a killed process's lease blocks the account (default 2 minutes). */
function leaseTtlFromEnv(): number | undefined {
  const value = Number(process.env['CONTACTS_SYNC_LEASE_TTL_MS']);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.help || !args.command) {
    process.stdout.write(USAGE + '\n');
    return args.help ? 0 : 2;
  }
  const databasePath = resolveDatabasePath(args.db);
  const db: Db = openDatabase(databasePath);
  const checkpoints = new BackgroundCheckpointer(db);
  const decoder = new WorkerDecoder();
  const vault = new FileTokenVault(resolveTokenFile(databasePath));
  const clients = new AuthClients(credentialsFromEnv(), resolveEndpoints(), vault);
  // The CLI's notification is one line on stderr, next to the run's summary.
  const notifier: Notifier = {
    notify: (n) =>
      process.stderr.write(
        `${n.title}: ${n.body} Run: contacts-sync connect --account ${n.email}\n`,
      ),
  };
  const settings = new SettingsService(new ConfSettingsStore(resolveSettingsFile(databasePath)));
  const orchestrator = new SyncOrchestrator({
    db,
    clock: systemClock,
    checkpoints,
    sourceFor: peopleSourceFactory(clients.credentials, clients.endpoints, vault, clients, {
      decoder,
    }),
    calendarSourceFor: calendarSourceFactory(
      (email) => clients.clientFor(email),
      clients.endpoints.calendarRootUrl,
    ),
    massDeletionGuard: massDeletionGuardFrom(settings),
    leaseTtlMs: leaseTtlFromEnv(),
    policies: createRunPolicies({
      db,
      clock: systemClock,
      settings,
      tokenHealth: new TokenHealthPolicy({ db, clock: systemClock, clients, notifier }),
    }),
  });
  const heartbeat = new HeartbeatPowerEvents(systemClock);
  const scheduler = new Scheduler({
    db,
    clock: systemClock,
    timers: nodeScheduleTimers,
    settings,
    sync: orchestrator,
    power: heartbeat,
  });
  orchestrator.recoverInterruptedRuns();
  const interrupted = new AbortController();
  const stop = () => {
    process.stderr.write('\nStopping: the sync ends at the next page; what was saved stays.\n');
    interrupted.abort();
    void orchestrator.shutdown();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await runCommand({
      args,
      db,
      io: terminalOutput(),
      clock: systemClock,
      accounts: new AccountsRepo(db),
      vault,
      orchestrator,
      reports: new ReportsService(db, (id) => orchestrator.isRunning(id)),
      connections: new AccountConnections({
        db,
        clock: systemClock,
        clients,
        orchestrator,
        opener: args.noBrowser ? () => undefined : openInBrowser,
        scheduler,
        calendarEnabled: () => settings.get().calendar.enabled,
      }),
      calendar: new CalendarService(db, settings),
      signal: interrupted.signal,
      background: {
        settings,
        scheduler,
        heartbeat,
        health: new SyncHealthService(db, systemClock, (a) => scheduler.statusOf(a).nextRunAt),
      },
    });
  } finally {
    await orchestrator.shutdown();
    await Promise.all([checkpoints.close(), decoder.close()]);
    db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const appError = toAppError(error);
    process.stderr.write(`contacts-sync: ${appError.message}\n`);
    if (process.env['CONTACTS_SYNC_DEBUG']) console.error(error);
    process.exitCode = appError.code === 'INVALID_ARGUMENT' ? 2 : 1;
  },
);
