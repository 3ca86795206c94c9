/**
 * The browser half of Google's installed-app OAuth flow: GET /o/oauth2/v2/auth (auto-approves and
 * redirects to the loopback redirect_uri with `code` and `state`, or with `error=access_denied`
 * when told to deny) and the authorization_code grant's checks (single use, same redirect_uri,
 * PKCE S256 verifier). Also the identity the flow asks for: an ID token and /oauth2/v3/userinfo.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Reply } from './http.js';

const CODE_TTL_MS = 10 * 60_000;

interface PendingCode {
  redirectUri: string;
  challenge: string;
  email: string;
  scope: string;
  expiresAt: number;
}

export interface Redeemed {
  email: string;
  scope: string;
}

const oauthError = (status: number, error: string, description: string): Reply => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ error, error_description: description }),
});

/** Google shows these on its own page instead of redirecting (the redirect is not trusted). */
const errorPage = (status: number, error: string, description: string): Reply => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: `<!doctype html><title>Error ${status}: ${error}</title><h1>Error ${status}: ${error}</h1><p>${description}</p>`,
});

const redirect = (location: string): Reply => ({
  status: 302,
  headers: { location, 'content-type': 'text/html; charset=utf-8' },
  body: '',
});

/** Google accepts any port on these hosts for a desktop client, over plain http. */
export function isLoopbackRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  } catch {
    return false;
  }
}

const s256 = (verifier: string): string =>
  createHash('sha256').update(verifier).digest('base64url');

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export class Authorizations {
  private codes = new Map<string, PendingCode>();
  private nextEmail: string | null = null;
  private denyNext = false;
  /** The query of the last authorization request, for tests to inspect. */
  lastRequest: URLSearchParams | null = null;
  /** Successful authorization_code exchanges. */
  exchanges = 0;

  constructor(
    private readonly clientId: string,
    private readonly defaultEmail: string,
    private readonly now: () => number,
  ) {}

  /** The next authorization signs in as this email (then back to the default). */
  signInAs(email: string): void {
    this.nextEmail = email.toLowerCase();
  }

  /** The next authorization is refused by the "person" (redirect with error=access_denied). */
  denyNextAuthorization(): void {
    this.denyNext = true;
  }

  reset(): void {
    this.codes.clear();
    this.nextEmail = null;
    this.denyNext = false;
    this.lastRequest = null;
    this.exchanges = 0;
  }

  /** GET /o/oauth2/v2/auth */
  authorize(url: URL): Reply {
    const q = url.searchParams;
    this.lastRequest = new URLSearchParams(q);
    if (q.get('client_id') !== this.clientId) {
      return errorPage(401, 'invalid_client', 'The OAuth client was not found.');
    }
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!isLoopbackRedirect(redirectUri)) {
      return errorPage(400, 'redirect_uri_mismatch', `Not a loopback redirect: ${redirectUri}`);
    }
    const challenge = q.get('code_challenge');
    if (q.get('response_type') !== 'code' || !q.get('scope')) {
      return errorPage(400, 'invalid_request', 'response_type=code and scope are required.');
    }
    if (!challenge || q.get('code_challenge_method') !== 'S256') {
      return errorPage(400, 'invalid_request', 'PKCE with code_challenge_method=S256 is required.');
    }
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (this.denyNext) {
      this.denyNext = false;
      back.searchParams.set('error', 'access_denied');
      if (state !== null) back.searchParams.set('state', state);
      return redirect(back.toString());
    }
    const email = this.nextEmail ?? this.defaultEmail;
    this.nextEmail = null;
    const code = `4/fake-${randomBytes(24).toString('base64url')}`;
    const scope = q.get('scope') ?? '';
    this.codes.set(code, {
      redirectUri,
      challenge,
      email,
      scope,
      expiresAt: this.now() + CODE_TTL_MS,
    });
    if (state !== null) back.searchParams.set('state', state);
    back.searchParams.set('code', code);
    back.searchParams.set('scope', scope);
    return redirect(back.toString());
  }

  /** The authorization_code grant's checks; the client is already authenticated. */
  redeem(body: Record<string, unknown>): Redeemed | Reply {
    const code = typeof body.code === 'string' ? body.code : '';
    const pending = this.codes.get(code);
    // A code is spent by any attempt, right or wrong: no second try, no guessing the verifier.
    this.codes.delete(code);
    if (!pending || pending.expiresAt < this.now()) {
      return oauthError(400, 'invalid_grant', 'Bad Request');
    }
    if (body.redirect_uri !== pending.redirectUri) {
      return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
    }
    const verifier = typeof body.code_verifier === 'string' ? body.code_verifier : '';
    if (!verifier) return oauthError(400, 'invalid_grant', 'Missing code verifier.');
    if (s256(verifier) !== pending.challenge) {
      return oauthError(400, 'invalid_grant', 'Invalid code verifier.');
    }
    this.exchanges++;
    return { email: pending.email, scope: pending.scope };
  }

  /** An unsigned ID token: the app reads the email from userinfo, never from this. */
  idToken(email: string): string {
    const iat = Math.floor(this.now() / 1000);
    const claims = {
      iss: 'https://accounts.google.com',
      aud: this.clientId,
      sub: subjectOf(email),
      email,
      email_verified: true,
      iat,
      exp: iat + 3600,
    };
    return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
  }
}

export function subjectOf(email: string): string {
  return BigInt(`0x${createHash('sha256').update(email).digest('hex').slice(0, 15)}`).toString();
}

/** GET /oauth2/v3/userinfo for a signed-in email. */
export function userinfo(email: string): Reply {
  const local = email.split('@')[0] ?? email;
  const name = local.charAt(0).toUpperCase() + local.slice(1);
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({
      sub: subjectOf(email),
      name,
      given_name: name,
      email,
      email_verified: true,
    }),
  };
}
