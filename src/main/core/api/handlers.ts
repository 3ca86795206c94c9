/**
 * The handler table: the contract implemented once over the core services (DESIGN §1). Handlers
 * receive requests already validated by their schema and may throw; `Api.call` turns anything
 * thrown into an error result.
 */
import type { Account } from '../../../shared/domain.js';
import type { ApiMethod, ApiResponses, ParsedRequest } from '../../../shared/api/contract.js';
import type { Clock } from '../clock.js';
import type { AccountsRepo } from '../db/accounts-repo.js';
import type { Db } from '../db/connection.js';
import { AppError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { ReportsService } from '../services/reports.js';
import type { SyncOrchestrator } from '../sync/orchestrator.js';
import type { ContactQueries } from './contact-queries.js';
import { notAvailable } from './failures.js';
import type {
  AccountConnector,
  ContactsExporter,
  HealthSource,
  PauseControl,
  SettingsPort,
} from './ports.js';
import { currentPause, type StatusTracker } from './status.js';

const log = createLogger('api');

export type ApiHandlers = {
  [M in ApiMethod]: (request: ParsedRequest<M>) => ApiResponses[M] | Promise<ApiResponses[M]>;
};

/** The core services behind the API; the optional ones answer NOT_AVAILABLE until wired. */
export interface ApiServices {
  db: Db;
  clock: Clock;
  orchestrator: SyncOrchestrator;
  reports: ReportsService;
  connector?: AccountConnector;
  settings?: SettingsPort;
  pause?: PauseControl;
  health?: HealthSource;
  exporter?: ContactsExporter;
}

export interface HandlerContext extends ApiServices {
  accounts: AccountsRepo;
  queries: ContactQueries;
  status: StatusTracker;
  /** Tell every client the status (and, if they changed, the accounts) changed. */
  announce(): void;
}

function required<T>(service: T | undefined, what: string): T {
  if (service === undefined) throw notAvailable(what);
  return service;
}

/** The accounts a sync or cancel applies to: the one asked for, or every connected one. */
function targetAccounts(ctx: HandlerContext, accountId: number | undefined): Account[] {
  if (accountId !== undefined) {
    const account = ctx.accounts.get(accountId);
    if (account.status === 'disconnected') {
      throw new AppError('INVALID_ARGUMENT', `${account.email} is disconnected. Connect it again.`);
    }
    return [account];
  }
  const accounts = ctx.accounts.list().filter((a) => a.status !== 'disconnected');
  if (accounts.length === 0) {
    throw new AppError('NO_ACCOUNTS', 'No Google account is connected yet. Connect one first.');
  }
  return accounts;
}

export function createHandlers(ctx: HandlerContext): ApiHandlers {
  const { orchestrator, reports } = ctx;
  return {
    getStatus: () => ctx.status.snapshot(),

    syncNow: ({ accountId, full, allowMassDeletion }) => {
      const runs = targetAccounts(ctx, accountId).map((account) => {
        const result = orchestrator.requestSync(account.id, {
          trigger: 'manual',
          forceFull: full ?? false,
          allowMassDeletion: allowMassDeletion ?? false,
        });
        if (result.status === 'started') {
          // The outcome reaches clients as a runFinished event; this only keeps a bug visible.
          result.done.catch((caught: unknown) =>
            log.error('a sync run did not settle cleanly', {
              runId: result.runId,
              error: caught instanceof Error ? caught.name : typeof caught,
            }),
          );
        }
        return { accountId: account.id, account: account.email, ...pickRun(result) };
      });
      ctx.announce();
      return { runs };
    },

    cancelSync: ({ accountId }) => {
      const ids = accountId !== undefined ? [accountId] : ctx.accounts.list().map((a) => a.id);
      return { cancelled: ids.filter((id) => orchestrator.cancel(id)).length };
    },

    listHistory: ({ limit, accountId, status }) =>
      reports.history({
        limit: limit ?? 100,
        ...(accountId !== undefined ? { accountId } : {}),
        ...(status !== undefined ? { status } : {}),
      }),

    clearHistory: () => ({ removed: reports.clearHistory() }),

    getStatistics: ({ accountId }) => reports.statistics(accountId),

    getSyncHealth: () => ({
      accounts: required(ctx.health, 'Sync health').all(),
      autoSyncPausedUntil: currentPause(ctx.pause, ctx.clock.now()),
    }),

    searchContacts: ({ text, limit, accountId }) =>
      reports.search(text, {
        limit: limit ?? 50,
        ...(accountId !== undefined ? { accountId } : {}),
      }),

    getContact: ({ accountId, resourceName }) => ctx.queries.getContact(accountId, resourceName),

    listLabels: ({ accountId }) => ctx.queries.listLabels(accountId),

    listAccounts: () => ctx.accounts.list(),

    connectAccount: async ({ loginHint }) => {
      const connector = required(ctx.connector, 'Signing in from the app');
      const account = await connector.connect(loginHint !== undefined ? { loginHint } : {});
      ctx.announce();
      return account;
    },

    cancelConnect: () => ({
      cancelled: required(ctx.connector, 'Signing in from the app').cancelConnect(),
    }),

    disconnectAccount: async ({ accountId, deleteData }) => {
      const connector = required(ctx.connector, 'Disconnecting an account');
      ctx.accounts.get(accountId);
      await connector.disconnect(accountId, { deleteData: deleteData ?? false });
      ctx.announce();
      return { accountId, dataDeleted: deleteData ?? false };
    },

    getSettings: () => required(ctx.settings, 'Settings').get(),

    updateSettings: (patch) => {
      const settings = required(ctx.settings, 'Settings').update(patch);
      ctx.announce();
      return settings;
    },

    exportContacts: ({ format, accountId, includeDeleted }) =>
      required(ctx.exporter, 'Export').export({
        format,
        includeDeleted: includeDeleted ?? false,
        ...(accountId !== undefined ? { accountId } : {}),
      }),
  };
}

function pickRun(result: ReturnType<SyncOrchestrator['requestSync']>) {
  return { status: result.status, runId: result.runId };
}
