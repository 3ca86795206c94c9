/**
 * Every Google endpoint the app reaches. With CONTACTS_SYNC_GOOGLE_URL set (tests, the demo), all of
 * them live under that base with their real paths.
 */
export interface GoogleEndpoints {
  /** Root of the People API with a trailing slash, as the client libraries expect for `rootUrl`. */
  peopleRootUrl: string;
  calendarRootUrl: string;
  tokenUrl: string;
  authUrl: string;
  revokeUrl: string;
  userinfoUrl: string;
}

export const GOOGLE_ENDPOINTS: GoogleEndpoints = {
  peopleRootUrl: 'https://people.googleapis.com/',
  calendarRootUrl: 'https://www.googleapis.com/',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
  userinfoUrl: 'https://openidconnect.googleapis.com/v1/userinfo',
};

export function endpointsForBaseUrl(baseUrl: string): GoogleEndpoints {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    peopleRootUrl: `${base}/`,
    calendarRootUrl: `${base}/`,
    tokenUrl: `${base}/token`,
    authUrl: `${base}/o/oauth2/v2/auth`,
    revokeUrl: `${base}/revoke`,
    userinfoUrl: `${base}/oauth2/v3/userinfo`,
  };
}

export function resolveEndpoints(env: NodeJS.ProcessEnv = process.env): GoogleEndpoints {
  const base = env['CONTACTS_SYNC_GOOGLE_URL'];
  return base ? endpointsForBaseUrl(base) : GOOGLE_ENDPOINTS;
}
