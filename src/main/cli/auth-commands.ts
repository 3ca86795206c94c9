/** `contacts-sync connect` and `contacts-sync disconnect EMAIL`. */
import type { SyncRun } from '../../shared/domain.js';
import type { AccountConnections } from '../core/auth/connections.js';
import { AppError } from '../core/errors.js';
import type { CliContext } from './context.js';
import { progressLine, runJson, runSummary } from './format.js';
import { EMAIL, print } from './output.js';

/** The CLI's browser opener: the `open` package (xdg-open, `open`, `start`). */
export async function openInBrowser(url: string): Promise<void> {
  // Loaded on demand: every other command starts without it.
  const { default: open } = await import('open');
  const child = await open(url);
  // A missing xdg-open shows up as a spawn error event, not a rejection; the URL is printed anyway.
  child.once('error', () => undefined);
}

function requireConnections(ctx: CliContext): AccountConnections {
  if (!ctx.connections) throw new AppError('INTERNAL', 'Sign-in is not available here.');
  return ctx.connections;
}

async function awaitRun(ctx: CliContext, done: Promise<SyncRun>): Promise<SyncRun> {
  const stop = ctx.io.status
    ? ctx.orchestrator.onProgress((p) => ctx.io.status?.(progressLine(p)))
    : () => undefined;
  try {
    return await done;
  } finally {
    stop();
    ctx.io.status?.('');
  }
}

/**
 * Prints the authorization URL on a line of its own (stdout, so a script or a person on another
 * machine can open it), opens the browser unless --no-browser, waits for the sign-in, then runs
 * the first sync. Exit 0 once the account is connected, whatever that sync did (it is reported).
 */
export async function connect(ctx: CliContext): Promise<number> {
  const connections = requireConnections(ctx);
  if (ctx.args.account !== undefined && !EMAIL.test(ctx.args.account)) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `--account must be an email, not "${ctx.args.account}".`,
    );
  }
  const result = await connections.connect({
    ...(ctx.args.account ? { loginHint: ctx.args.account } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onAuthorizationUrl: (url) => {
      ctx.io.err?.(
        ctx.args.noBrowser
          ? 'Open this address in a browser to sign in to Google:'
          : 'Sign in to Google in your browser. If it did not open, open this address:',
      );
      ctx.io.out(url);
      ctx.io.err?.('Waiting for the sign-in… (Ctrl-C to cancel)');
    },
  });
  const { account } = result;
  if (!ctx.args.json) {
    ctx.io.out(`Connected ${account.email}${result.reconnected ? ' (reconnected)' : ''}.`);
    ctx.io.err?.(ctx.vault.describe());
  }
  const run = result.sync.status === 'started' ? await awaitRun(ctx, result.sync.done) : null;
  if (ctx.args.json) {
    ctx.io.out(
      JSON.stringify({
        email: account.email,
        status: account.status,
        connectedAt: account.connectedAt,
        reconnected: result.reconnected,
        sync: run ? runJson(run) : null,
      }),
    );
  } else if (run) {
    ctx.io.out(runSummary(run));
  }
  return 0;
}

export async function disconnect(ctx: CliContext): Promise<number> {
  const email = ctx.args.positionals[0];
  if (!email || !EMAIL.test(email)) {
    throw new AppError(
      'INVALID_ARGUMENT',
      "Give the account's email: contacts-sync disconnect EMAIL [--delete-data]",
    );
  }
  const { account, revoked } = await requireConnections(ctx).disconnect(email, {
    deleteData: ctx.args.deleteData,
  });
  const value = { email: email.toLowerCase(), revoked, dataDeleted: account === null };
  print(ctx, value, () =>
    [
      `Disconnected ${value.email}.`,
      revoked
        ? 'Google revoked the app’s access.'
        : 'Google could not be told: remove the access at https://myaccount.google.com/permissions.',
      account
        ? 'Its contacts stay in the local database (contacts-sync disconnect --delete-data removes them).'
        : 'Its contacts, labels and history were deleted from this computer.',
    ].join('\n'),
  );
  return 0;
}
