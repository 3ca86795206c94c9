/** OAuth 2 token endpoint, revocation and bearer-token checks, shaped like Google's. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { errorInfo, googleError, json } from './http.js';
import type { Reply } from './http.js';
import { Authorizations, userinfo } from './oauth-authorize.js';

export const ACCESS_TOKEN_TTL_S = 3599;
export const SCOPE = 'https://www.googleapis.com/auth/contacts.readonly';
/** What a token issued directly (not through a sign-in) may read: every API the fake serves. */
const DIRECT_GRANT_SCOPE = `${SCOPE} https://www.googleapis.com/auth/calendar.readonly`;

interface AccessToken {
  refreshToken: string;
  expiresAt: number;
  revoked: boolean;
}

const oauthError = (status: number, error: string, description?: string): Reply =>
  json(status, description === undefined ? { error } : { error, error_description: description });

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export class OAuth {
  readonly primaryRefreshToken: string;
  /** refresh token → revoked? */
  private refreshTokens = new Map<string, boolean>();
  private accessTokens = new Map<string, AccessToken>();
  /** refresh token → the email of the user who granted it */
  private owners = new Map<string, string>();
  /**
   * refresh token → the scopes granted at sign-in (Google answers them again on every refresh).
   * Tokens issued directly (the primary one, `issueRefreshToken`) have none: they may do anything.
   */
  private grants = new Map<string, string>();
  readonly authorizations: Authorizations;

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    readonly primaryEmail = 'me@example.com',
  ) {
    this.authorizations = new Authorizations(clientId, primaryEmail, () => Date.now());
    this.primaryRefreshToken = this.issueRefreshToken();
  }

  issueRefreshToken(email = this.primaryEmail): string {
    const token = `1//fake-${randomBytes(16).toString('hex')}`;
    this.refreshTokens.set(token, false);
    this.owners.set(token, email);
    return token;
  }

  /** The email behind the request's bearer token, if it is one we issued. */
  userOf(req: IncomingMessage, url: URL): string | undefined {
    const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const info = this.accessTokens.get(header?.[1] ?? url.searchParams.get('access_token') ?? '');
    return info ? this.owners.get(info.refreshToken) : undefined;
  }

  /** The request's token comes from a sign-in that did not grant `scope` (→ 403 insufficient). */
  lacksScope(req: IncomingMessage, url: URL, scope: string): boolean {
    const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const info = this.accessTokens.get(header?.[1] ?? url.searchParams.get('access_token') ?? '');
    const granted = info ? this.grants.get(info.refreshToken) : undefined;
    return granted !== undefined && !granted.split(/\s+/).includes(scope);
  }

  /** GET /oauth2/v3/userinfo */
  userinfo(req: IncomingMessage, url: URL): Reply {
    const email = this.authenticate(req, url) ? undefined : this.userOf(req, url);
    if (!email) return oauthError(401, 'invalid_request', 'Invalid Credentials');
    return userinfo(email);
  }

  /** Back to construction state: only the (un-revoked) primary refresh token and its grants. */
  reset(): void {
    this.refreshTokens = new Map([[this.primaryRefreshToken, false]]);
    this.owners = new Map([[this.primaryRefreshToken, this.primaryEmail]]);
    this.grants = new Map();
    this.authorizations.reset();
    for (const [token, info] of this.accessTokens) {
      if (info.refreshToken !== this.primaryRefreshToken || info.revoked) {
        this.accessTokens.delete(token);
      }
    }
  }

  /** Every access token issued so far expires now (API calls answer 401 until refreshed). */
  expireAccessTokens(): void {
    for (const info of this.accessTokens.values()) info.expiresAt = 0;
  }

  /** Revokes a refresh or access token and the whole grant behind it. False if unknown. */
  revoke(token: string): boolean {
    const access = this.accessTokens.get(token);
    const refresh = access ? access.refreshToken : token;
    if (!this.refreshTokens.has(refresh)) return false;
    this.refreshTokens.set(refresh, true);
    for (const info of this.accessTokens.values()) {
      if (info.refreshToken === refresh) info.revoked = true;
    }
    return true;
  }

  /** POST /token */
  token(req: IncomingMessage, body: Record<string, unknown>): Reply {
    let clientId = str(body.client_id);
    let clientSecret = str(body.client_secret);
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (basic?.[1]) {
      const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      clientId = id ? decodeURIComponent(id) : clientId;
      clientSecret = secret ? decodeURIComponent(secret) : clientSecret;
    }
    const grantType = str(body.grant_type);
    if (!grantType)
      return oauthError(400, 'invalid_request', 'Missing required parameter: grant_type');
    if (clientId !== this.clientId) {
      return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    }
    if (clientSecret !== this.clientSecret)
      return oauthError(401, 'invalid_client', 'Unauthorized');
    if (grantType === 'authorization_code') return this.codeGrant(body);
    if (grantType !== 'refresh_token') {
      return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
    }
    const refreshToken = str(body.refresh_token);
    if (!refreshToken) {
      return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    }
    if (this.refreshTokens.get(refreshToken) !== false) {
      return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    }
    return json(
      200,
      this.accessTokenFor(refreshToken, this.grants.get(refreshToken) ?? DIRECT_GRANT_SCOPE),
    );
  }

  /** The authorization_code grant: a new refresh token for whoever signed in, and an ID token. */
  private codeGrant(body: Record<string, unknown>): Reply {
    const redeemed = this.authorizations.redeem(body);
    if ('status' in redeemed) return redeemed;
    const refreshToken = this.issueRefreshToken(redeemed.email);
    this.grants.set(refreshToken, redeemed.scope);
    return json(200, {
      ...this.accessTokenFor(refreshToken, redeemed.scope),
      refresh_token: refreshToken,
      id_token: this.authorizations.idToken(redeemed.email),
    });
  }

  private accessTokenFor(refreshToken: string, scope: string) {
    const accessToken = `ya29.fake-${randomBytes(24).toString('base64url')}`;
    this.accessTokens.set(accessToken, {
      refreshToken,
      expiresAt: Date.now() + ACCESS_TOKEN_TTL_S * 1000,
      revoked: false,
    });
    return {
      access_token: accessToken,
      expires_in: ACCESS_TOKEN_TTL_S,
      scope,
      token_type: 'Bearer',
    };
  }

  /** POST /revoke?token=… (or form body `token`) */
  revokeEndpoint(url: URL, body: Record<string, unknown>): Reply {
    const token = url.searchParams.get('token') ?? str(body.token);
    if (!token) return oauthError(400, 'invalid_request', 'Missing required parameter: token');
    if (!this.revoke(token)) return oauthError(400, 'invalid_token', 'Token expired or revoked');
    return json(200, {});
  }

  /** Checks the bearer token of an API request; returns an error reply or undefined if fine. */
  authenticate(req: IncomingMessage, url: URL): Reply | undefined {
    const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const token = header?.[1] ?? url.searchParams.get('access_token');
    const hint =
      'Expected OAuth 2 access token, login cookie or other valid authentication credential. ' +
      'See https://developers.google.com/identity/sign-in/web/devconsole-project.';
    const headers = { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' };
    if (!token) {
      return googleError(401, `Request is missing required authentication credential. ${hint}`, {
        headers,
        details: [errorInfo('CREDENTIALS_MISSING', 'googleapis.com', {})],
      });
    }
    const info = this.accessTokens.get(token);
    if (info && !info.revoked && info.expiresAt > Date.now()) return undefined;
    const reason = info && !info.revoked ? 'ACCESS_TOKEN_EXPIRED' : 'ACCESS_TOKEN_TYPE_UNSUPPORTED';
    return googleError(401, `Request had invalid authentication credentials. ${hint}`, {
      headers: { 'www-authenticate': `${headers['www-authenticate']}, error="invalid_token"` },
      details: [
        errorInfo(reason, 'googleapis.com', {
          service: 'people.googleapis.com',
          method: 'google.people.v1.PeopleService.ListConnections',
        }),
      ],
    });
  }
}
