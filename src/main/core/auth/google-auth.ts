import { OAuth2Client } from 'google-auth-library';
import type { Account } from '../../../shared/domain.js';
import { AppError } from '../errors.js';
import type { GoogleEndpoints } from '../google/endpoints.js';
import { GooglePeopleSource, type PeopleSource } from '../google/people-source.js';
import type { TokenVault } from './token-vault.js';

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
  'No Google OAuth client is configured. Set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET ' +
  '(see "Create your own Google OAuth client" in the README).';

/**
 * An OAuth2Client for one account whose refreshed tokens are merged back into the vault
 * (Google sends the refresh token only once, so it is always kept).
 */
export function createAuthClient(
  credentials: ClientCredentials,
  endpoints: GoogleEndpoints,
  vault: TokenVault,
  email: string,
): OAuth2Client {
  const stored = vault.get(email);
  if (!stored) {
    throw new AppError(
      'NO_CREDENTIALS',
      `No sign-in is stored for ${email}. Add it again with "contacts-sync accounts add".`,
    );
  }
  const client = new OAuth2Client({
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    endpoints: {
      oauth2TokenUrl: endpoints.tokenUrl,
      oauth2AuthBaseUrl: endpoints.authUrl,
      oauth2RevokeUrl: endpoints.revokeUrl,
    },
  });
  client.setCredentials({
    refresh_token: stored.refreshToken,
    access_token: stored.accessToken ?? null,
    expiry_date: stored.expiryDate ?? null,
  });
  client.on('tokens', (tokens) => {
    const current = vault.get(email) ?? stored;
    vault.set(email, {
      ...current,
      refreshToken: tokens.refresh_token ?? current.refreshToken,
      ...(tokens.access_token ? { accessToken: tokens.access_token } : {}),
      ...(tokens.expiry_date ? { expiryDate: tokens.expiry_date } : {}),
      ...(tokens.scope ? { scope: tokens.scope } : {}),
    });
  });
  return client;
}

/** The orchestrator's `sourceFor`, backed by the vault and the People API. */
export function peopleSourceFactory(
  credentials: ClientCredentials | null,
  endpoints: GoogleEndpoints,
  vault: TokenVault,
): (account: Account) => PeopleSource {
  const cache = new Map<number, PeopleSource>();
  return (account) => {
    if (!credentials) throw new AppError('NO_CREDENTIALS', MISSING_CREDENTIALS_MESSAGE);
    let source = cache.get(account.id);
    if (!source) {
      source = new GooglePeopleSource(
        createAuthClient(credentials, endpoints, vault, account.email),
        endpoints.peopleRootUrl,
      );
      cache.set(account.id, source);
    }
    return source;
  };
}
