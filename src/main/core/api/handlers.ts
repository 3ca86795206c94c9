/**
 * The handler table: the contract implemented once over the core services (DESIGN §1). Handlers
 * receive requests already validated by their schema and may throw; `Api.call` turns anything
 * thrown into an error result.
 */
import type { Account, SyncResource } from '../../../shared/domain.js';
import type {
  ApiEvent,
  ApiMethod,
  ApiResponses,
  ParsedRequest,
} from '../../../shared/api/contract.js';
import type { Clock } from '../clock.js';
import type { AccountsRepo } from '../db/accounts-repo.js';
import type { Db } from '../db/connection.js';
import { AppError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { ReportsService } from '../services/reports.js';
import { RunChangesService } from '../services/run-changes.js';
import { ContactLetters } from '../services/contact-letters.js';
import type { FiguresSource } from '../services/figures.js';
import type { TimelineService } from '../services/timeline.js';
import type { SyncOrchestrator } from '../sync/orchestrator.js';
import { syncResources } from '../sync/sync-now.js';
import {
  calendarHandlers,
  type CalendarAccessSource,
  type CalendarPort,
} from './calendar-handlers.js';
import type { ContactQueries } from './contact-queries.js';
import { exportHandlers } from './export-handlers.js';
import { notAvailable } from './failures.js';
import type {
  AccountConnector,
  ContactsExporter,
  HealthSource,
  PauseControl,
  SettingsPort,
} from './ports.js';
import { sharingHandlers, type SharingPort } from './sharing-handlers.js';
import { signInClientHandlers, type SignInClientPort } from './sign-in-client-handlers.js';
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
  /** Calendar sync (issue #7): the mirror's calendars and agenda, and each account's access. */
  calendar?: CalendarPort;
  calendarAccess?: CalendarAccessSource;
  /** The Google OAuth client sign-ins use (issue 18). */
  signInClient?: SignInClientPort;
  /** The local CardDAV server and phone directory (issue 16). */
  sharing?: SharingPort;
  /** Statistics and timeline off the main thread (issue 15); computed in-thread without. */
  figures?: FiguresSource;
}

export interface HandlerContext extends ApiServices {
  accounts: AccountsRepo;
  queries: ContactQueries;
  timeline: TimelineService;
  status: StatusTracker;
  /** Tell every client the status (and, if they changed, the accounts) changed. */
  announce(): void;
  /** Push an event to every client (export progress). */
  publish(event: ApiEvent): void;
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
  const runChanges = new RunChangesService(ctx.db);
  const letters = new ContactLetters(ctx.db);
  return {
    getStatus: () => ctx.status.snapshot(),

    syncNow: ({ accountId, full, allowMassDeletion }) => {
      const resources: SyncResource[] = ctx.calendar?.enabled()
        ? ['contacts', 'calendar']
        : ['contacts'];
      const runs = targetAccounts(ctx, accountId).map((account) => {
        const request = {
          trigger: 'manual' as const,
          forceFull: full ?? false,
          allowMassDeletion: allowMassDeletion ?? false,
        };
        const result = orchestrator.requestSync(account.id, { ...request, resource: 'contacts' });
        // The answer names the run started now; calendars follow it in the background (one run
        // per account at a time). Busy: syncResources waits for that run, then does the rest.
        // A cancelled contacts run means the person pressed Cancel: the calendars do not follow.
        const rest =
          result.status === 'started'
            ? result.done.then((run) => (run.status === 'cancelled' ? [] : resources.slice(1)))
            : Promise.resolve(resources);
        // The outcomes reach clients as runFinished events; this only keeps a bug visible.
        rest
          .then((more) => syncResources(orchestrator, account.id, request, more))
          .catch((caught: unknown) =>
            log.error('a sync run did not settle cleanly', {
              runId: result.runId,
              error: caught instanceof Error ? caught.name : typeof caught,
            }),
          );
        return { accountId: account.id, account: account.email, ...pickRun(result) };
      });
      ctx.announce();
      return { runs };
    },

    cancelSync: ({ accountId }) => {
      const ids = accountId !== undefined ? [accountId] : ctx.accounts.list().map((a) => a.id);
      return { cancelled: ids.filter((id) => orchestrator.cancel(id)).length };
    },

    listHistory: ({ limit, accountId, status, resource }) =>
      reports.history({
        limit: limit ?? 100,
        ...(accountId !== undefined ? { accountId } : {}),
        ...(status !== undefined ? { status } : {}),
        ...(resource !== undefined ? { resource } : {}),
      }),

    clearHistory: async () => {
      // After the runs in progress: their pages hold the write lock on the sync writer's thread,
      // which the clear's batches (on this thread) would otherwise wait for, stalling the window.
      await orchestrator.whenAllIdle();
      return { removed: await reports.clearHistory() };
    },

    getRunChanges: (request) => runChanges.changes(request),

    getStatistics: ({ accountId }) =>
      ctx.figures?.statistics(accountId) ?? reports.statistics(accountId),

    getTimeline: ({ accountId, days }) => {
      const options = {
        ...(accountId !== undefined ? { accountId } : {}),
        ...(days !== undefined ? { days } : {}),
      };
      return ctx.figures?.timeline(options) ?? ctx.timeline.timeline(options);
    },

    getSyncHealth: () => ({
      accounts: required(ctx.health, 'Sync health').all(),
      autoSyncPausedUntil: currentPause(ctx.pause, ctx.clock.now()),
    }),

    searchContacts: ({ text, limit, offset, accountId, labelResourceName, sort }) =>
      reports.search(text, {
        limit: limit ?? 50,
        offset: offset ?? 0,
        ...(accountId !== undefined ? { accountId } : {}),
        ...(labelResourceName !== undefined ? { labelResourceName } : {}),
        ...(sort !== undefined ? { sort } : {}),
      }),

    getContact: ({ accountId, resourceName }) => ctx.queries.getContact(accountId, resourceName),

    listLabels: ({ accountId }) => ctx.queries.listLabels(accountId),

    listAccounts: () => ctx.accounts.list(),

    connectAccount: async ({ loginHint }) => {
      const connector = required(ctx.connector, 'Signing in from the app');
      try {
        return await connector.connect({
          ...(loginHint !== undefined ? { loginHint } : {}),
          // Every window shows the wait (with the link to copy and Cancel) until it ends.
          onWaiting: (wait) => {
            ctx.status.setSignIn({ ...wait, loginHint: loginHint ?? null });
            ctx.announce();
          },
        });
      } finally {
        ctx.status.setSignIn(null);
        ctx.announce();
      }
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

    // The tray's pause and Settings' share one PauseControl; announce() puts 'paused' on both.
    pauseAutoSync: ({ until }) => {
      required(ctx.pause, 'Pausing auto-sync').pause(until);
      ctx.announce();
      return { autoSyncPausedUntil: currentPause(ctx.pause, ctx.clock.now()) };
    },

    resumeAutoSync: () => {
      required(ctx.pause, 'Pausing auto-sync').resume();
      ctx.announce();
      return { autoSyncPausedUntil: currentPause(ctx.pause, ctx.clock.now()) };
    },

    ...calendarHandlers(ctx),
    ...signInClientHandlers(ctx),
    ...exportHandlers(ctx),
    ...sharingHandlers(ctx),

    contactLetters: ({ text, accountId, labelResourceName, sort }) =>
      letters.letters(text, {
        ...(accountId !== undefined ? { accountId } : {}),
        ...(labelResourceName !== undefined ? { labelResourceName } : {}),
        ...(sort !== undefined ? { sort } : {}),
      }),
  };
}

function pickRun(result: ReturnType<SyncOrchestrator['requestSync']>) {
  return { status: result.status, runId: result.runId };
}
