/**
 * Connecting and disconnecting Google accounts: the sign-in flow, the vault, the accounts table,
 * the first sync and the scheduler, in the right order.
 */
import type { Account } from '../../../shared/domain.js';
import type { Clock } from '../clock.js';
import { AccountsRepo } from '../db/accounts-repo.js';
import type { Db } from '../db/connection.js';
import { createLogger } from '../logger.js';
import type { SyncOrchestrator, SyncRequestResult } from '../sync/orchestrator.js';
import { AuthStore } from './auth-store.js';
import { requireCredentials, type AuthClients } from './google-auth.js';
import { DEFAULT_SIGN_IN_TIMEOUT_MS } from './loopback.js';
import { revokeGrant, REVOKE_TIMEOUT_MS } from './revoke.js';
import { signIn, type BrowserOpener, type SignedIn } from './sign-in.js';

const log = createLogger('auth');

/**
 * The scheduler, told that the accounts changed so it plans a connected account and drops a
 * disconnected one (core/schedule's `Scheduler.refresh` fits; the CLI has no scheduler).
 */
export interface AccountScheduler {
  refresh(): void;
}

export interface ConnectionsDeps {
  db: Db;
  clock: Clock;
  /** Holds the OAuth client, the endpoints and the vault the tokens go to. */
  clients: AuthClients;
  orchestrator: SyncOrchestrator;
  opener: BrowserOpener;
  scheduler?: AccountScheduler | null;
  /** Whether calendar sync is on (then the calendar read-only scope is asked for too). */
  calendarEnabled?: () => boolean;
  signInTimeoutMs?: number;
  revokeTimeoutMs?: number;
}

export interface ConnectOptions {
  /** Reconnecting this account: Google pre-selects it. */
  loginHint?: string;
  signal?: AbortSignal;
  onAuthorizationUrl?: (url: string) => void;
  /** Told once the browser was sent to Google: the link and when the wait gives up. */
  onWaiting?: (wait: { url: string; expiresAt: string }) => void;
}

export interface ConnectResult {
  account: Account;
  /** The account existed before (reconnect): it was updated, not added. */
  reconnected: boolean;
  /** The sync started right away (trigger `after_connect`). */
  sync: SyncRequestResult;
}

export interface DisconnectResult {
  /** The account as it is now; null when its local data was deleted. */
  account: Account | null;
  /** Google confirmed the revocation (best effort: false never blocks the disconnect). */
  revoked: boolean;
}

export class AccountConnections {
  private readonly accounts: AccountsRepo;
  private readonly store: AuthStore;

  constructor(private readonly deps: ConnectionsDeps) {
    this.accounts = new AccountsRepo(deps.db);
    this.store = new AuthStore(deps.db);
  }

  async connect(options: ConnectOptions = {}): Promise<ConnectResult> {
    const { clients } = this.deps;
    let existed = false;
    const { onAuthorizationUrl, onWaiting } = options;
    const timeoutMs = this.deps.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS;
    // With a listener the wait goes on when no browser opens: the person gets the link to open.
    const told =
      onAuthorizationUrl || onWaiting
        ? (url: string) => {
            onAuthorizationUrl?.(url);
            const expiresAt = new Date(this.deps.clock.now().getTime() + timeoutMs);
            onWaiting?.({ url, expiresAt: expiresAt.toISOString() });
          }
        : null;
    const signedIn = await signIn({
      credentials: requireCredentials(clients.credentials),
      endpoints: clients.endpoints,
      opener: this.deps.opener,
      calendar: this.deps.calendarEnabled?.() ?? false,
      ...(options.loginHint ? { loginHint: options.loginHint } : {}),
      timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(told ? { onAuthorizationUrl: told } : {}),
      storedTokens: (email) => clients.vault.get(email),
      onSignedIn: (result) => {
        existed = this.accounts.findByEmail(result.email) !== null;
        this.storeSignIn(result);
      },
    });
    const account = this.accounts.requireByEmail(signedIn.email);
    this.deps.scheduler?.refresh();
    // Not forced full: after a reconnect a still-valid sync token makes this run incremental.
    const sync = this.deps.orchestrator.requestSync(account.id, { trigger: 'after_connect' });
    log.info('account connected', { accountId: account.id, reconnected: existed });
    return { account, reconnected: existed, sync };
  }

  /**
   * Stops everything for the account: no new runs (status first), the running one cancelled, its
   * schedule removed, the grant revoked at Google (best effort), the tokens deleted, its sync
   * tokens and metadata cleared. The contacts stay (shown as from a disconnected account) unless
   * `deleteData`.
   */
  async disconnect(
    email: string,
    options: { deleteData?: boolean } = {},
  ): Promise<DisconnectResult> {
    const account = this.accounts.requireByEmail(email);
    this.accounts.setStatus(account.id, 'disconnected');
    this.deps.orchestrator.cancel(account.id);
    await this.deps.orchestrator.whenIdle(account.id);
    this.deps.scheduler?.refresh();
    const revoked = await this.revoke(account.email);
    this.deps.clients.vault.delete(account.email);
    this.deps.clients.forget(account.email);
    if (options.deleteData) this.store.deleteAccountData(account.id);
    else this.store.forgetSyncState(account.id);
    log.info('account disconnected', { accountId: account.id, revoked });
    return { account: options.deleteData ? null : this.accounts.get(account.id), revoked };
  }

  private storeSignIn(result: SignedIn): void {
    const { clients } = this.deps;
    // The vault first: if it refuses (no keychain), no account appears without its tokens.
    clients.vault.set(result.email, result.tokens);
    const now = this.deps.clock.now().toISOString();
    const account = this.accounts.upsert(result.email, result.displayName, now);
    this.store.setTokenHealth(account.id, 'ok', now);
    // Drop a cached client that may still hold a revoked access token.
    clients.forget(result.email);
  }

  private async revoke(email: string): Promise<boolean> {
    const stored = this.deps.clients.vault.get(email);
    const token = stored?.refreshToken ?? stored?.accessToken;
    if (!token) return false;
    return revokeGrant(
      this.deps.clients.endpoints.revokeUrl,
      token,
      this.deps.revokeTimeoutMs ?? REVOKE_TIMEOUT_MS,
    );
  }
}
