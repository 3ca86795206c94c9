import { OAuth2Client } from 'google-auth-library';
import type { Account } from '../../../shared/domain.js';
import { AppError } from '../errors.js';
import type { GoogleEndpoints } from '../google/endpoints.js';
import { malformedResponse } from '../google/errors.js';
import {
  GooglePeopleSource,
  type PeopleSource,
  type PeopleSourceOptions,
} from '../google/people-source.js';
import {
  DEFAULT_REQUEST_TIMEOUTS,
  timedFetch,
  type RequestTimeouts,
} from '../google/timed-fetch.js';
import { mergeTokens, type TokenVault } from './token-vault.js';

/** The person's own OAuth client of type "Desktop app" (README: "Create your own…"). */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): ClientCredentials | null {
  const clientId = env['GOOGLE_CLIENT_ID'];
  const clientSecret = env['GOOGLE_CLIENT_SECRET'];
  return clientId && clientSecret ? { clientId, clientSecret } : null;
}

export const MISSING_CREDENTIALS_MESSAGE =
  'No Google sign-in client is set up. Import the OAuth client file of a "Desktop app" client ' +
  'from Google Cloud Console in Settings → Google sign-in client, or run ' +
  '"contacts-sync client set --file FILE" (README: "Create your own Google OAuth client").';

export function requireCredentials(credentials: ClientCredentials | null): ClientCredentials {
  if (!credentials) throw new AppError('NO_CREDENTIALS', MISSING_CREDENTIALS_MESSAGE);
  return credentials;
}

/**
 * On a 401 it refreshes the access token and tries once more, so a grant revoked during a run
 * shows as invalid_grant (AUTH_REVOKED: reconnect needed, at once) instead of a bare 401 that
 * leaves the account "connected" until the next run's check. The library does this itself only
 * for tokens without an expiry, or with `forceRefreshOnFailure`, which also retries every 403 —
 * rate limits included, at once and without backoff.
 */
class RefreshingOAuthClient extends OAuth2Client {
  protected override async requestAsync<T>(
    opts: Parameters<OAuth2Client['request']>[0],
    reAuthRetried = false,
  ) {
    try {
      return await super.requestAsync<T>(opts, reAuthRetried);
    } catch (error) {
      const status = (error as { response?: { status?: number } }).response?.status;
      if (reAuthRetried || status !== 401 || !this.credentials.refresh_token) throw error;
      this.setCredentials({ ...this.credentials, access_token: null, expiry_date: null });
      await this.getAccessToken();
      return super.requestAsync<T>(opts, true);
    }
  }
}

/**
 * A bare OAuth2Client for our client, with every endpoint taken from `endpoints`. Every request it
 * makes — token exchange and refresh, and the People and Calendar calls sent through it — has the
 * connect and inactivity deadlines of `timeouts`.
 */
export function newOAuthClient(
  credentials: ClientCredentials,
  endpoints: GoogleEndpoints,
  timeouts: RequestTimeouts = DEFAULT_REQUEST_TIMEOUTS,
  lifetime?: AbortSignal,
): OAuth2Client {
  const client = new RefreshingOAuthClient({
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    // Any retryConfig here would turn gaxios's own retries on for API calls made with retry:false.
    transporterOptions: { fetchImplementation: timedFetch(timeouts, fetch, lifetime) },
    endpoints: {
      oauth2TokenUrl: endpoints.tokenUrl,
      oauth2AuthBaseUrl: endpoints.authUrl,
      oauth2RevokeUrl: endpoints.revokeUrl,
    },
  });
  // A token answer that is not a JSON object (a proxy's HTML page, a truncated body) reaches
  // google-auth-library as a string, whose TypeError quotes it: it would carry the body into
  // logs and sync_runs. Refused here, as what it is, before the library touches it.
  const tokenUrl = new URL(endpoints.tokenUrl).href;
  client.transporter.interceptors.response.add({
    resolved: (response) => {
      const url = response.config.url;
      const isToken = url !== undefined && new URL(String(url)).href === tokenUrl;
      if (isToken && (typeof response.data !== 'object' || response.data === null)) {
        return Promise.reject(malformedResponse());
      }
      return Promise.resolve(response);
    },
  });
  return client;
}

/**
 * An OAuth2Client for one account whose refreshed tokens are merged back into the vault
 * (Google sends the refresh token only once, so it is always kept).
 */
export function createAuthClient(
  credentials: ClientCredentials,
  endpoints: GoogleEndpoints,
  vault: TokenVault,
  email: string,
  timeouts: RequestTimeouts = DEFAULT_REQUEST_TIMEOUTS,
  lifetime?: AbortSignal,
): OAuth2Client {
  const stored = vault.get(email);
  if (!stored) {
    throw new AppError(
      'NO_CREDENTIALS',
      `No sign-in is stored for ${email}. Reconnect it with "contacts-sync connect".`,
    );
  }
  const client = newOAuthClient(credentials, endpoints, timeouts, lifetime);
  client.setCredentials({
    refresh_token: stored.refreshToken,
    access_token: stored.accessToken ?? null,
    expiry_date: stored.expiryDate ?? null,
  });
  client.on('tokens', (tokens) => {
    // A disconnect may have emptied the vault while a refresh was in flight: do not resurrect it.
    const current = vault.get(email);
    const merged = current ? mergeTokens(current, tokens) : null;
    if (merged) vault.set(email, merged);
  });
  return client;
}

/**
 * One OAuth2Client per account, shared by the token-health check and the People API source so a
 * run refreshes its access token once. A client is rebuilt when the vault's refresh token changed
 * (the account was reconnected) and dropped when the account is disconnected.
 */
export class AuthClients {
  private readonly cache = new Map<
    string,
    { refreshToken: string; clientId: string; client: OAuth2Client }
  >();
  private readonly lifetime = new AbortController();
  private readonly source: () => ClientCredentials | null;

  /**
   * `credentials`: a fixed client, or a function asked at every use (SignInClientService), so a
   * client imported while the app runs applies to the next sign-in, refresh and revocation.
   */
  constructor(
    credentials: ClientCredentials | null | (() => ClientCredentials | null),
    readonly endpoints: GoogleEndpoints,
    readonly vault: TokenVault,
    /** Tests shorten them to about a second. */
    readonly timeouts: RequestTimeouts = DEFAULT_REQUEST_TIMEOUTS,
  ) {
    this.source = typeof credentials === 'function' ? credentials : () => credentials;
  }

  /** The OAuth client now; null when none is configured. */
  get credentials(): ClientCredentials | null {
    return this.source();
  }

  /** Throws NO_CREDENTIALS when no OAuth client is configured or no sign-in is stored. */
  clientFor(email: string): OAuth2Client {
    const credentials = requireCredentials(this.credentials);
    const key = email.toLowerCase();
    const stored = this.vault.get(key);
    const cached = this.cache.get(key);
    if (
      cached &&
      cached.refreshToken === stored?.refreshToken &&
      cached.clientId === credentials.clientId
    ) {
      return cached.client;
    }
    // Throws NO_CREDENTIALS when nothing is stored, so the fallback below is never used.
    const client = createAuthClient(
      credentials,
      this.endpoints,
      this.vault,
      key,
      this.timeouts,
      this.lifetime.signal,
    );
    this.cache.set(key, {
      refreshToken: stored?.refreshToken ?? '',
      clientId: credentials.clientId,
      client,
    });
    return client;
  }

  forget(email: string): void {
    this.cache.delete(email.toLowerCase());
  }

  /**
   * Aborts every request still in flight (e.g. a token refresh a cancelled run stopped waiting
   * for), so a process that is stopping is not kept alive by it. Call when shutting down.
   */
  close(): void {
    this.lifetime.abort();
  }
}

/** The orchestrator's `sourceFor`, backed by the vault and the People API. */
export function peopleSourceFactory(
  credentials: ClientCredentials | null,
  endpoints: GoogleEndpoints,
  vault: TokenVault,
  clients: AuthClients = new AuthClients(credentials, endpoints, vault),
  sourceOptions: PeopleSourceOptions = {},
): (account: Account) => PeopleSource {
  const sources = new WeakMap<OAuth2Client, PeopleSource>();
  return (account) => {
    const client = clients.clientFor(account.email);
    let source = sources.get(client);
    if (!source) {
      source = new GooglePeopleSource(client, endpoints.peopleRootUrl, sourceOptions);
      sources.set(client, source);
    }
    return source;
  };
}
