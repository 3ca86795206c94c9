import { exportCommand } from './export-command.js';
import type { Account, SyncResource, SyncRun } from '../../shared/domain.js';
import { AppError } from '../core/errors.js';
import { resourcesToSync, syncResources } from '../core/sync/sync-now.js';
import { isExpectedSkip } from '../core/policies/index.js';
import { connect, disconnect } from './auth-commands.js';
import { calendarsCommand, eventsCommand } from './calendar-commands.js';
import { clientCommand } from './client-commands.js';
import { EMAIL, print } from './output.js';
import {
  busySummary,
  EXIT_BUSY,
  pendingDeletionsLine,
  progressLine,
  relativeTime,
  runJson,
  runSummary,
  table,
  type BusyAnswer,
} from './format.js';
import { daemon, scheduleCommand } from './schedule-commands.js';
import { serveCommand } from './serve-command.js';
import type { CliContext } from './context.js';
import { checkSearchText } from '../../shared/search-text.js';

export type { BackgroundContext, CliContext, Output } from './context.js';

/** Runs one command; returns the process exit code. */
export async function runCommand(ctx: CliContext): Promise<number> {
  const { args } = ctx;
  switch (args.command) {
    case 'accounts':
      return args.positionals[0] === 'add' ? addAccount(ctx) : listAccounts(ctx);
    case 'connect':
      return connect(ctx);
    case 'disconnect':
      return disconnect(ctx);
    case 'sync':
      return sync(ctx);
    case 'schedule':
      return scheduleCommand(ctx);
    case 'serve':
      return serveCommand(ctx);
    case 'daemon':
      return daemon(ctx);
    case 'status':
      return status(ctx);
    case 'history':
      return history(ctx);
    case 'stats':
      return stats(ctx);
    case 'search':
      return search(ctx);
    case 'calendars':
      return calendarsCommand(ctx);
    case 'events':
      return eventsCommand(ctx);
    case 'export':
      return exportCommand(ctx);
    case 'client':
      return clientCommand(ctx);
    default:
      throw new AppError(
        'INVALID_ARGUMENT',
        `Unknown command "${args.command}". Run "contacts-sync --help".`,
      );
  }
}

async function addAccount(ctx: CliContext): Promise<number> {
  const email = ctx.args.positionals[1];
  if (!email || !EMAIL.test(email)) {
    throw new AppError(
      'INVALID_ARGUMENT',
      "Give the account's email: contacts-sync accounts add EMAIL (the refresh token on " +
        'standard input or in CONTACTS_SYNC_REFRESH_TOKEN)',
    );
  }
  const refreshToken = (
    ctx.env?.['CONTACTS_SYNC_REFRESH_TOKEN'] ||
    ((await ctx.readSecret?.('Refresh token: ')) ?? '')
  ).trim();
  if (!refreshToken) {
    throw new AppError(
      'INVALID_ARGUMENT',
      'Give the refresh token on standard input or in CONTACTS_SYNC_REFRESH_TOKEN ' +
        '(never as an argument: arguments are visible to other users in "ps").',
    );
  }
  const account = ctx.accounts.upsert(email, null, ctx.clock.now().toISOString());
  ctx.vault.set(account.email, { refreshToken });
  print(ctx, account, () => `Added ${account.email}. ${ctx.vault.describe()}`);
  return 0;
}

function listAccounts(ctx: CliContext): number {
  const summaries = ctx.reports.status();
  const value = summaries.map((s) => ({
    email: s.account.email,
    status: s.account.status,
    connectedAt: s.account.connectedAt,
    lastSyncAt: s.lastSuccessAt,
  }));
  print(ctx, value, () =>
    value.length === 0
      ? 'No accounts yet. Connect one with: contacts-sync connect'
      : table(
          ['ACCOUNT', 'STATUS', 'LAST SYNC'],
          value.map((a) => [
            a.email,
            a.status,
            relativeTime(a.lastSyncAt, ctx.clock.now().getTime()),
          ]),
        ),
  );
  return 0;
}

function selectAccounts(ctx: CliContext): Account[] {
  if (ctx.args.account) return [ctx.accounts.requireByEmail(ctx.args.account)];
  const accounts = ctx.accounts.list().filter((a) => a.status !== 'disconnected');
  if (accounts.length === 0) {
    throw new AppError(
      'NO_ACCOUNTS',
      'No accounts to sync. Connect one with: contacts-sync connect',
    );
  }
  return accounts;
}

async function sync(ctx: CliContext): Promise<number> {
  const accounts = selectAccounts(ctx);
  const stopProgress = ctx.io.status
    ? ctx.orchestrator.onProgress((p) => ctx.io.status?.(progressLine(p)))
    : () => undefined;
  const runs: SyncRun[] = [];
  const busy: BusyAnswer[] = [];
  // Contacts, then calendars when calendar sync is on: one run each, one after the other.
  const resources = resourcesToSync(ctx.background?.settings);
  const request = {
    trigger: ctx.args.trigger,
    forceFull: ctx.args.full,
    allowMassDeletion: ctx.args.allowMassDeletion,
  };
  try {
    for (const account of accounts) {
      const onRun = (run: SyncRun) => {
        ctx.io.status?.('');
        runs.push(run);
        if (!ctx.args.json) ctx.io.out(runSummary(run));
      };
      const onBusy = (resource: SyncResource, runId: number) => {
        const answer: BusyAnswer = {
          account: account.email,
          resource,
          status: 'already_running',
          runId,
        };
        busy.push(answer);
        if (!ctx.args.json) ctx.io.out(busySummary(answer));
      };
      await syncResources(ctx.orchestrator, account.id, request, resources, onRun, onBusy);
    }
  } finally {
    stopProgress();
  }
  if (ctx.args.json) ctx.io.out(JSON.stringify([...runs.map(runJson), ...busy], null, 2));
  // A run the schedule skipped (not due, paused) is working as configured, e.g. under cron.
  const ok = (r: SyncRun) =>
    r.status === 'success' || (r.status === 'skipped' && isExpectedSkip(r.skipReason));
  if (!runs.every(ok)) return 1;
  return busy.length > 0 ? EXIT_BUSY : 0;
}

function status(ctx: CliContext): number {
  const summaries = ctx.reports.status();
  const now = ctx.clock.now().getTime();
  print(ctx, summaries, () =>
    summaries.length === 0
      ? 'No accounts yet.'
      : summaries
          .map((s) =>
            [
              `${s.account.email} (${s.account.status})${s.running ? ' — syncing' : ''}`,
              `  contacts: ${s.contacts}`,
              `  last full sync: ${relativeTime(s.lastFullSyncAt, now)}; last incremental: ${relativeTime(s.lastIncrementalSyncAt, now)}`,
              s.lastRun?.status === 'failed' && s.lastRun.error
                ? `  last run failed: ${s.lastRun.error.message}`
                : `  last run: ${s.lastRun?.status ?? 'none'}`,
              pendingDeletionsLine(s.pendingDeletions),
            ]
              .filter((line) => line !== null)
              .join('\n'),
          )
          .join('\n'),
  );
  return 0;
}

function history(ctx: CliContext): number {
  const runs = ctx.reports.history({ limit: ctx.args.limit ?? 20 });
  print(ctx, runs.map(runJson), () =>
    runs.length === 0
      ? 'No sync runs yet. Run: contacts-sync sync'
      : table(
          [
            'RUN',
            'STARTED',
            'ACCOUNT',
            'KIND',
            'TRIGGER',
            'STATUS',
            'NEW',
            'UPD',
            'DEL',
            'CALLS',
            'ERROR',
          ],
          runs.map((r) => [
            String(r.runId),
            r.startedAt.replace('T', ' ').slice(0, 19),
            r.account,
            r.kind,
            r.trigger,
            r.status,
            String(r.counts.created),
            String(r.counts.updated),
            String(r.counts.deleted),
            String(r.apiCalls),
            r.error?.code ?? r.skipReason ?? '',
          ]),
        ),
  );
  return 0;
}

function stats(ctx: CliContext): number {
  const s = ctx.reports.statistics();
  print(ctx, s, () =>
    [
      `Contacts: ${s.contacts.active} active, ${s.contacts.deleted} deleted (${s.contacts.total} total)`,
      ...(s.pendingDeletions > 0
        ? [`Deletions waiting for your confirmation: ${s.pendingDeletions}`]
        : []),
      `Phone numbers: ${s.phoneNumbers}   Emails: ${s.emails}   Labels: ${s.groups}`,
      `Calendars: ${s.calendar.calendars} mirrored, ${s.calendar.events} events`,
      `Runs: ${Object.entries(s.runs)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
      ...Object.entries(s.runsByResource).map(
        ([resource, runs]) =>
          `  ${resource}: ${
            Object.entries(runs)
              .filter(([, v]) => v > 0)
              .map(([k, v]) => `${v} ${k}`)
              .join(', ') || 'none'
          }`,
      ),
      `Last success: ${s.lastSuccessAt ?? 'never'}`,
      ...(s.lastError ? [`Last error: ${s.lastError.message} [${s.lastError.code}]`] : []),
    ].join('\n'),
  );
  return 0;
}

function search(ctx: CliContext): number {
  const text = ctx.args.positionals.join(' ').trim();
  if (!text)
    throw new AppError(
      'INVALID_ARGUMENT',
      'Give something to search for: contacts-sync search TEXT',
    );
  // Punctuation alone would list no one: say so rather than print an empty result.
  const issue = checkSearchText(text);
  if (issue) throw new AppError('INVALID_ARGUMENT', issue.message);
  const { contacts: results, total } = ctx.reports.search(text, { limit: ctx.args.limit ?? 20 });
  // --json stays a plain array of rows, as scripts already read it; the text says what was cut.
  print(ctx, results, () =>
    results.length === 0
      ? `No contacts match "${text}".`
      : [
          table(
            ['NAME', 'EMAIL', 'PHONE'],
            results.map((r) => [
              r.displayName ?? '(no name)',
              r.emails[0] ?? '',
              r.phones[0] ?? '',
            ]),
          ),
          ...(total > results.length
            ? [`Showing ${results.length} of ${total} matches; --limit N shows more.`]
            : []),
        ].join('\n'),
  );
  return 0;
}
