/**
 * Whether each account may read its calendars. Calendar sync asks for `calendar.readonly` only
 * when it is turned on (incremental authorization), so an account connected before has a grant
 * without it, and every calendar run of it fails with SCOPE_MISSING until it signs in again.
 * The screens say so before the first failure, from the scope Google reported with the tokens.
 */
import type { CalendarAccess, CalendarAccountStatus } from '../../../shared/calendar.js';
import type { SyncRun } from '../../../shared/domain.js';
import { CALENDAR_SCOPE } from '../auth/sign-in.js';
import type { TokenVault } from '../auth/token-vault.js';
import { AccountsRepo } from '../db/accounts-repo.js';
import type { Db } from '../db/connection.js';
import { RunsRepo } from '../db/runs-repo.js';

export function calendarAccess(
  grantedScope: string | undefined,
  lastRun: SyncRun | null,
): CalendarAccess {
  // The latest calendar run succeeded: proof. Google keeps a scope once granted (sign-in asks
  // with include_granted_scopes), so a later sign-in does not take it away.
  if (lastRun?.status === 'success') return 'granted';
  // Then the grant: it changes the moment a reconnect adds the scope, while the last run still
  // reports the failure from before.
  if (grantedScope) {
    return grantedScope.split(/\s+/).includes(CALENDAR_SCOPE) ? 'granted' : 'missing';
  }
  // Tokens stored without a scope (older versions, the CLI's `accounts add`): the runs tell.
  return lastRun?.status === 'failed' && lastRun.error?.code === 'SCOPE_MISSING'
    ? 'missing'
    : 'unknown';
}

export class CalendarAccessService {
  private readonly accounts: AccountsRepo;
  private readonly runs: RunsRepo;

  constructor(
    private readonly db: Db,
    private readonly vault: Pick<TokenVault, 'get'>,
  ) {
    this.accounts = new AccountsRepo(db);
    this.runs = new RunsRepo(db);
  }

  /** Every account that is not disconnected, with its calendar access and latest calendar run. */
  status(): CalendarAccountStatus[] {
    return this.accounts
      .list()
      .filter((account) => account.status !== 'disconnected')
      .map((account) => {
        const lastRun = this.lastCalendarRun(account.id);
        return {
          accountId: account.id,
          account: account.email,
          access: calendarAccess(this.vault.get(account.email)?.scope, lastRun),
          lastRun,
        };
      });
  }

  private lastCalendarRun(accountId: number): SyncRun | null {
    const row = this.db
      .prepare<[number], { id: number }>(
        `SELECT id FROM sync_runs WHERE account_id = ? AND resource = 'calendar'
           AND status <> 'running' ORDER BY id DESC LIMIT 1`,
      )
      .get(accountId);
    return row ? this.runs.get(row.id) : null;
  }
}
