/**
 * Google sign-in for installed apps (loopback redirect + PKCE S256) with google-auth-library.
 * Read-only scopes only; the email comes from the userinfo endpoint over our own access token
 * (the ID token is not used: trusting it would mean verifying its signature).
 */
import { randomBytes } from 'node:crypto';
import { CodeChallengeMethod, type Credentials } from 'google-auth-library';
import { AppError } from '../errors.js';
import type { GoogleEndpoints } from '../google/endpoints.js';
import { createLogger } from '../logger.js';
import { newOAuthClient, type ClientCredentials } from './google-auth.js';
import { startLoopbackReceiver } from './loopback.js';
import { revokeGrant } from './revoke.js';
import { mergeTokens, type StoredTokens } from './token-vault.js';

const log = createLogger('auth');

export const CONTACTS_SCOPE = 'https://www.googleapis.com/auth/contacts.readonly';
export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.readonly';
const IDENTITY_SCOPES = ['openid', 'email', 'profile'];
const HTTP_TIMEOUT_MS = 30_000;

/** What we ask Google for: read-only contacts, calendars only once calendar sync is on. */
export function scopesFor(options: { calendar?: boolean } = {}): string[] {
  return [CONTACTS_SCOPE, ...(options.calendar ? [CALENDAR_SCOPE] : []), ...IDENTITY_SCOPES];
}

/** Opens a URL in the person's own browser (Electron's shell.openExternal; `open` in the CLI). */
export type BrowserOpener = (url: string) => Promise<void> | void;

export interface SignedIn {
  email: string;
  displayName: string | null;
  tokens: StoredTokens;
}

export interface SignInOptions {
  credentials: ClientCredentials;
  endpoints: GoogleEndpoints;
  opener: BrowserOpener;
  calendar?: boolean;
  /**
   * Reconnecting a known account: Google pre-selects it and asks for consent only if the grant is
   * gone. Without it (first connect) we ask for consent, so Google sends a refresh token.
   */
  loginHint?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Told the authorization URL before the browser opens (the CLI prints it). */
  onAuthorizationUrl?: (url: string) => void;
  /** Tokens already stored for an email: their refresh token is kept if Google sends none. */
  storedTokens?: (email: string) => StoredTokens | null;
  /**
   * Stores the result. Runs before the browser is told "signed in", so that page is true, and not
   * at all once the sign-in was cancelled.
   */
  onSignedIn?: (signedIn: SignedIn) => void;
}

interface OAuthErrorLike {
  message?: string;
  response?: { status?: number; data?: { error?: unknown; error_description?: unknown } };
}

/** OAuth error codes are short snake_case words (RFC 6749 §5.2); anything else is not repeated. */
const OAUTH_ERROR_CODE = /^[a-z_]{1,40}$/;

function exchangeError(caught: unknown): AppError {
  const data = (caught as OAuthErrorLike).response?.data;
  const reason = typeof data?.error === 'string' ? data.error : null;
  if (reason) {
    // Only the error code: a description or any other part of the body is Google's text, which
    // would travel on into logs (issue 18: no response body inside an error message).
    const shown = OAUTH_ERROR_CODE.test(reason) ? ` (${reason})` : '';
    return new AppError(
      'SIGN_IN_FAILED',
      `Google did not accept the sign-in${shown}. Nothing was connected; try again.`,
      { cause: caught },
    );
  }
  if (caught instanceof AppError && caught.code === 'MALFORMED_RESPONSE') {
    return new AppError(
      'SIGN_IN_FAILED',
      "Google's answer to the sign-in could not be read. Nothing was connected; try again.",
      { cause: caught },
    );
  }
  return new AppError(
    'SIGN_IN_FAILED',
    'Google could not be reached to finish the sign-in. Check your connection and try again.',
    { cause: caught },
  );
}

async function fetchIdentity(
  endpoints: GoogleEndpoints,
  accessToken: string,
): Promise<{ email: string; displayName: string | null }> {
  let info: { email?: unknown; name?: unknown };
  let problem = 'Google could not be reached';
  try {
    const response = await fetch(endpoints.userinfoUrl, {
      headers: { authorization: `Bearer ${accessToken}` },
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    if (!response.ok) {
      problem = `HTTP ${response.status}`;
      throw new Error(problem);
    }
    // A parse error's message quotes the body, so it is never shown.
    problem = 'its answer could not be read';
    info = (await response.json()) as typeof info;
  } catch (caught) {
    throw new AppError(
      'SIGN_IN_FAILED',
      `Could not learn which Google account signed in (${problem}). Try again.`,
      { cause: caught },
    );
  }
  if (typeof info.email !== 'string' || !info.email.includes('@')) {
    throw new AppError(
      'SIGN_IN_FAILED',
      'Google did not tell which account signed in (no email). Try again.',
    );
  }
  return {
    email: info.email.toLowerCase(),
    displayName: typeof info.name === 'string' && info.name ? info.name : null,
  };
}

/**
 * Why the grant cannot be used, or null. With granular consent a person can untick contacts and
 * still "allow"; a token response without `scope` says nothing of what was granted. Syncing would
 * then fail on every run, so the sign-in is refused now.
 */
function scopeProblem(tokens: Credentials): string | null {
  if (!tokens.scope) {
    return 'Google did not say which access was granted, so the sign-in was not kept. Connect again.';
  }
  if (!tokens.scope.split(/\s+/).includes(CONTACTS_SCOPE)) {
    return 'Access to your contacts was not granted. Connect again and allow "See and download your contacts".';
  }
  return null;
}

/** Refuses a grant without the contacts scope, revoking it first so no unused grant lingers. */
async function requireContactsScope(
  tokens: Credentials,
  endpoints: GoogleEndpoints,
): Promise<void> {
  const problem = scopeProblem(tokens);
  if (!problem) return;
  const token = tokens.refresh_token ?? tokens.access_token;
  if (token) await revokeGrant(endpoints.revokeUrl, token);
  throw new AppError('SIGN_IN_DENIED', problem);
}

/** Runs the whole flow; resolves once the account's tokens are in hand (and stored). */
export async function signIn(options: SignInOptions): Promise<SignedIn> {
  const client = newOAuthClient(options.credentials, options.endpoints);
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const state = randomBytes(32).toString('base64url');
  let redirectUri = '';

  const receiver = await startLoopbackReceiver<SignedIn>({
    state,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onCode: async (code) => {
      let tokens: Credentials;
      try {
        ({ tokens } = await client.getToken({ code, codeVerifier, redirect_uri: redirectUri }));
      } catch (caught) {
        throw exchangeError(caught);
      }
      await requireContactsScope(tokens, options.endpoints);
      if (!tokens.access_token) throw exchangeError(new Error('no access token'));
      const identity = await fetchIdentity(options.endpoints, tokens.access_token);
      const merged = mergeTokens(options.storedTokens?.(identity.email) ?? null, tokens);
      if (!merged) {
        throw new AppError(
          'SIGN_IN_FAILED',
          'Google did not send a refresh token. Remove "Contacts Sync Agent" at ' +
            'https://myaccount.google.com/permissions and connect again.',
        );
      }
      const signedIn = { ...identity, tokens: merged };
      if (options.signal?.aborted) {
        throw new AppError('SIGN_IN_CANCELLED', 'The sign-in was cancelled.');
      }
      options.onSignedIn?.(signedIn);
      return {
        value: signedIn,
        message: `Signed in as ${identity.email}. You can close this tab and return to Contacts Sync Agent.`,
      };
    },
  });
  redirectUri = receiver.redirectUri;

  const url = client.generateAuthUrl({
    access_type: 'offline',
    scope: scopesFor({ calendar: options.calendar ?? false }),
    include_granted_scopes: true,
    state,
    code_challenge: codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
    redirect_uri: redirectUri,
    ...(options.loginHint ? { login_hint: options.loginHint } : { prompt: 'consent' }),
  });
  options.onAuthorizationUrl?.(url);
  try {
    await options.opener(url);
  } catch (caught) {
    log.warn('could not open the browser', { message: (caught as Error).message });
    // The person can still open the URL by hand if it was shown; otherwise there is no way on.
    if (!options.onAuthorizationUrl) {
      await receiver.close();
      throw new AppError(
        'SIGN_IN_FAILED',
        `The browser could not be opened (${(caught as Error).message}).`,
      );
    }
  }
  try {
    return await receiver.result;
  } finally {
    await receiver.closed;
  }
}
