/** The real Google client libraries, pointed at a running FakeGoogle (for tests). */
import { people } from '@googleapis/people';
import type { people_v1 } from '@googleapis/people';
import { OAuth2Client } from 'google-auth-library';
import type { FakeGoogle } from './server.js';

export interface GoogleClients {
  auth: OAuth2Client;
  api: people_v1.People;
}

export function googleClients(
  fake: FakeGoogle,
  refreshToken = fake.refreshToken,
  options: { forceRefreshOnFailure?: boolean } = {},
): GoogleClients {
  const auth = new OAuth2Client({
    ...options,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    endpoints: { oauth2TokenUrl: `${fake.url}/token`, oauth2RevokeUrl: `${fake.url}/revoke` },
  });
  auth.setCredentials({ refresh_token: refreshToken });
  return { auth, api: people({ version: 'v1', auth, rootUrl: `${fake.url}/` }) };
}
