/**
 * Composition root of the headless command line: the only place here that opens the database
 * and constructs services.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { checkoutClientFile } from './core/auth/sign-in-client.js';
import type { Notifier } from './core/auth/token-health.js';
import { FileTokenVault } from './core/auth/token-vault.js';
import { createCore } from './core/compose.js';
import { toAppError } from './core/errors.js';
import { HeartbeatPowerEvents } from './core/schedule/ports.js';
import { systemClock } from './core/clock.js';
import { parseCliArgs, USAGE } from './cli/args.js';
import { openInBrowser } from './cli/auth-commands.js';
import { runCommand, type Output } from './cli/commands.js';
import { resolveDatabasePath, resolveTokenFile } from './core/paths.js';
import { readSecretFromStdin } from './cli/secret-input.js';

const here = path.dirname(fileURLToPath(import.meta.url));

// Google's clients call fetch, whose HTTP parser (undici's llhttp) is WebAssembly that V8 also
// compiles with its optimizing tier on background threads: ~25 MB of peak memory for a command
// that makes a few requests (bench/peer.sh: a no-change sync peaked at 117 MB, 88 MB without it).
// The baseline tier parses as correctly; bodies pass through it in chunks. Set before any fetch.
v8.setFlagsFromString('--liftoff-only');

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
  const vault = new FileTokenVault(resolveTokenFile(databasePath));
  // The CLI's notification is one line on stderr, next to the run's summary.
  const notifier: Notifier = {
    notify: (n) =>
      process.stderr.write(
        `${n.title}: ${n.body} Run: contacts-sync connect --account ${n.email}\n`,
      ),
  };
  // Resume from sleep and the daemon's settings re-read tick (the scheduler starts only there).
  const heartbeat = new HeartbeatPowerEvents(systemClock);
  const core = createCore({
    databasePath,
    vault,
    opener: args.noBrowser ? () => undefined : openInBrowser,
    notifier,
    background: { power: heartbeat },
    defaultClientFile: checkoutClientFile(here),
    leaseTtlMs: leaseTtlFromEnv(),
    // A one-shot command has no one to keep waiting; the daemon and `serve` answer CardDAV and
    // directory requests while they sync, so their pages are written on the sync writer's thread.
    pageWrites: args.command === 'daemon' || args.command === 'serve' ? 'worker' : 'inline',
  });
  const { db, orchestrator, scheduler, settings } = core;
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
      clock: core.clock,
      accounts: core.accounts,
      vault,
      orchestrator,
      reports: core.reports,
      connections: core.connections,
      calendar: core.calendar,
      signInClient: core.signInClient,
      readSecret: readSecretFromStdin,
      env: process.env,
      databasePath,
      signal: interrupted.signal,
      ...(scheduler ? { background: { settings, scheduler, heartbeat, health: core.health } } : {}),
    });
  } finally {
    await core.close();
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
