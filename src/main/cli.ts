/**
 * Composition root of the headless command line: the only place here that opens the database
 * and constructs services.
 */
import { peopleSourceFactory, credentialsFromEnv } from './core/auth/google-auth.js';
import { FileTokenVault } from './core/auth/token-vault.js';
import { systemClock } from './core/clock.js';
import { AccountsRepo } from './core/db/accounts-repo.js';
import { openDatabase, type Db } from './core/db/connection.js';
import { toAppError } from './core/errors.js';
import { resolveEndpoints } from './core/google/endpoints.js';
import { ReportsService } from './core/services/reports.js';
import { SyncOrchestrator } from './core/sync/orchestrator.js';
import { parseCliArgs, USAGE } from './cli/args.js';
import { runCommand, type Output } from './cli/commands.js';
import { resolveDatabasePath, resolveTokenFile } from './core/paths.js';

function terminalOutput(): Output {
  const io: Output = { out: (text) => process.stdout.write(text + '\n') };
  if (process.stderr.isTTY) {
    io.status = (text) => process.stderr.write(`\r\x1b[2K${text}`);
  }
  return io;
}

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.help || !args.command) {
    process.stdout.write(USAGE + '\n');
    return args.help ? 0 : 2;
  }
  const databasePath = resolveDatabasePath(args.db);
  const db: Db = openDatabase(databasePath);
  const vault = new FileTokenVault(resolveTokenFile(databasePath));
  const orchestrator = new SyncOrchestrator({
    db,
    clock: systemClock,
    sourceFor: peopleSourceFactory(credentialsFromEnv(), resolveEndpoints(), vault),
  });
  orchestrator.recoverInterruptedRuns();
  const stop = () => {
    process.stderr.write('\nStopping: the sync ends at the next page; what was saved stays.\n');
    void orchestrator.shutdown();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await runCommand({
      args,
      io: terminalOutput(),
      clock: systemClock,
      accounts: new AccountsRepo(db),
      vault,
      orchestrator,
      reports: new ReportsService(db, (id) => orchestrator.isRunning(id)),
    });
  } finally {
    await orchestrator.shutdown();
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
