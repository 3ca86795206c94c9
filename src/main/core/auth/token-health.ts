/**
 * Token health, the first run policy (DESIGN §6): before a run touches the People API, make sure
 * Google still accepts the account's sign-in. A revoked or expired grant skips the run (reason
 * `reconnect_needed`), marks the account, and tells the person once — not once per run.
 */
import type { Account, SyncRun } from '../../../shared/domain.js';
import type { Clock } from '../clock.js';
import { AccountsRepo } from '../db/accounts-repo.js';
import type { Db } from '../db/connection.js';
import { classifyGoogleError } from '../google/errors.js';
import { createLogger } from '../logger.js';
import type { RunPolicy, SkipDecision } from '../sync/orchestrator.js';
import { AuthStore } from './auth-store.js';
import { requireCredentials, type AuthClients } from './google-auth.js';

const log = createLogger('auth');

export const RECONNECT_NEEDED = 'reconnect_needed';
export const ACCOUNT_DISCONNECTED = 'account_disconnected';

export interface AuthNotification {
  kind: 'reconnect_needed';
  accountId: number;
  email: string;
  title: string;
  body: string;
}

/** How the person is told (the desktop shell shows a system notification; the CLI prints). */
export interface Notifier {
  notify(notification: AuthNotification): void;
}

export interface TokenHealthDeps {
  db: Db;
  clock: Clock;
  clients: AuthClients;
  notifier: Notifier;
}

const reconnectSkip = (account: Account): SkipDecision => ({
  reason: RECONNECT_NEEDED,
  message: `Google no longer accepts the sign-in for ${account.email}. Reconnect the account (contacts-sync connect).`,
});

export class TokenHealthPolicy implements RunPolicy {
  readonly name = 'token_health';
  private readonly accounts: AccountsRepo;
  private readonly store: AuthStore;

  constructor(private readonly deps: TokenHealthDeps) {
    this.accounts = new AccountsRepo(deps.db);
    this.store = new AuthStore(deps.db);
  }

  async beforeRun(account: Account): Promise<SkipDecision | null> {
    if (account.status === 'disconnected') {
      return {
        reason: ACCOUNT_DISCONNECTED,
        message: `${account.email} is disconnected. Connect it again to sync.`,
      };
    }
    // A dead grant stays dead until the person reconnects: no need to ask Google again.
    if (account.status === 'reconnect_needed') return reconnectSkip(account);
    // A missing OAuth client is a setup problem, not the account's: the run fails with NO_CREDENTIALS.
    requireCredentials(this.deps.clients.credentials);
    if (!this.deps.clients.vault.get(account.email)) {
      this.markReconnectNeeded(account.id, 'expired');
      return reconnectSkip(account);
    }
    const client = this.deps.clients.clientFor(account.email);
    // Ask the token endpoint every run, even with a cached access token: revoking a grant kills its
    // access tokens too, and only the token endpoint says why (invalid_grant). The run then uses
    // the fresh access token, so this costs one token request per run and no API call.
    client.setCredentials({ ...client.credentials, access_token: null, expiry_date: null });
    try {
      await client.getAccessToken();
    } catch (caught) {
      const error = classifyGoogleError(caught);
      if (error.code !== 'AUTH_REVOKED') throw error;
      this.markReconnectNeeded(account.id, 'revoked');
      return reconnectSkip(account);
    }
    this.store.setTokenHealth(account.id, 'ok', this.now());
    return null;
  }

  /**
   * A refresh that failed with invalid_grant during a long run. (A grant revoked between the check
   * and the API call shows as UNAUTHORIZED instead; the next run's check then finds it.)
   */
  afterRun(run: SyncRun): void {
    if (run.status === 'failed' && run.error?.code === 'AUTH_REVOKED') {
      this.markReconnectNeeded(run.accountId, 'revoked');
    }
  }

  private markReconnectNeeded(accountId: number, health: 'expired' | 'revoked'): void {
    this.store.setTokenHealth(accountId, health, this.now());
    const account = this.accounts.get(accountId);
    // Only the change from connected notifies, so several runs (or restarts) give one notification.
    if (account.status !== 'connected') return;
    this.accounts.setStatus(accountId, 'reconnect_needed');
    log.warn('account needs reconnecting', { accountId, health });
    this.deps.notifier.notify({
      kind: 'reconnect_needed',
      accountId,
      email: account.email,
      title: `Reconnect ${account.email}`,
      body:
        `Google no longer accepts the sign-in for ${account.email} (it was revoked or expired), ` +
        'so syncing it has stopped. Reconnect the account to resume; your contacts are kept.',
    });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
