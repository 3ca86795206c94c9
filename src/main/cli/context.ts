/**
 * What every CLI command is given. In a module of its own so that the commands and the
 * sub-command files all depend on it, and not on one another.
 */
import type { AccountConnections } from '../core/auth/connections.js';
import type { SignInClientService } from '../core/auth/sign-in-client.js';
import type { TokenVault } from '../core/auth/token-vault.js';
import type { Clock } from '../core/clock.js';
import type { AccountsRepo } from '../core/db/accounts-repo.js';
import type { Db } from '../core/db/db.js';
import type { SyncHealthService } from '../core/metrics/health.js';
import type { HeartbeatPowerEvents } from '../core/schedule/ports.js';
import type { Scheduler } from '../core/schedule/scheduler.js';
import type { CalendarService } from '../core/services/calendar-service.js';
import type { ReportsService } from '../core/services/reports.js';
import type { SettingsService } from '../core/settings/settings-service.js';
import type { SyncOrchestrator } from '../core/sync/orchestrator.js';
import type { CliArgs } from './args.js';

export interface Output {
  out(text: string): void;
  /** Rewrites the current terminal line (progress); absent when stderr is not a terminal. */
  status?(text: string): void;
  /** Messages for the person that must stay out of stdout (which scripts read). */
  err?(text: string): void;
}

export interface BackgroundContext {
  settings: SettingsService;
  scheduler: Scheduler;
  /** Resume detection and the tick on which the daemon re-reads its settings. */
  heartbeat: HeartbeatPowerEvents;
  health: SyncHealthService;
}

export interface CliContext {
  args: CliArgs;
  db: Db;
  io: Output;
  clock: Clock;
  accounts: AccountsRepo;
  vault: TokenVault;
  orchestrator: SyncOrchestrator;
  reports: ReportsService;
  /** Sign-in and disconnect (absent where no browser flow is wired). */
  connections?: AccountConnections;
  /** Aborted on Ctrl-C: stops a sign-in that is waiting for the browser. */
  signal?: AbortSignal;
  /** Settings, scheduler and health of background sync (schedule, daemon). */
  background?: BackgroundContext;
  /** The calendar mirror (calendars, events). */
  calendar?: CalendarService;
  /** The Google OAuth client sign-ins use (`client`). */
  signInClient?: SignInClientService;
  /** Reads a secret from standard input, never from argv (`client set --id`, `accounts add`). */
  readSecret?: (prompt: string) => Promise<string>;
  /** The database file (`serve` keeps its app password beside it). */
  databasePath?: string;
  /** For CONTACTS_SYNC_REFRESH_TOKEN (default: none). */
  env?: NodeJS.ProcessEnv;
}
