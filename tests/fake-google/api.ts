/** Routing of the Google endpoints (API and OAuth) to their handlers. */
import type { IncomingMessage } from 'node:http';
import type { Endpoint } from './faults.js';
import { invalidArgument, notFound, parseBody, readBody } from './http.js';
import type { Reply } from './http.js';
import type { ListingContext } from './listing.js';
import type { OAuth } from './oauth.js';
import { listConnections, listContactGroups } from './people.js';
import { isPhotoPath, photoReply } from './photos.js';

export function endpointOf(path: string): Endpoint {
  if (/^\/v1\/people\/[^/]+\/connections$/.test(path)) return 'connections';
  if (path === '/v1/contactGroups') return 'contactGroups';
  if (path === '/calendar/v3/users/me/calendarList') return 'calendarList';
  if (/^\/calendar\/v3\/calendars\/[^/]+\/events$/.test(path)) return 'events';
  if (path === '/token') return 'token';
  if (path === '/revoke') return 'revoke';
  if (isPhotoPath(path)) return 'photo';
  return 'other';
}

export async function routeApi(
  oauth: OAuth,
  listing: ListingContext,
  endpoint: Endpoint,
  req: IncomingMessage,
  url: URL,
  /** The Calendar API for the signed-in user (see calendar-fake.ts). */
  calendar?: (endpoint: 'calendarList' | 'events', user: string | undefined) => Reply,
): Promise<Reply> {
  const method = req.method ?? 'GET';
  if ((endpoint === 'calendarList' || endpoint === 'events') && method === 'GET' && calendar) {
    return oauth.authenticate(req, url) ?? calendar(endpoint, oauth.userOf(req, url));
  }
  if ((endpoint === 'connections' || endpoint === 'contactGroups') && method === 'GET') {
    const denied = oauth.authenticate(req, url);
    if (denied) return denied;
    if (endpoint === 'contactGroups') return listContactGroups(listing, url);
    if (url.pathname !== '/v1/people/me/connections') {
      return invalidArgument("Must be a person's resource name 'people/me'.");
    }
    return listConnections(listing, url);
  }
  if (endpoint === 'photo' && method === 'GET') {
    return oauth.authenticate(req, url) ?? photoReply(url.pathname);
  }
  if (endpoint === 'token' && method === 'POST') {
    return oauth.token(req, parseBody(req, await readBody(req)));
  }
  if (url.pathname === '/o/oauth2/v2/auth' && method === 'GET') {
    return oauth.authorizations.authorize(url);
  }
  if (url.pathname === '/oauth2/v3/userinfo' && method === 'GET') return oauth.userinfo(req, url);
  if (endpoint === 'revoke' && (method === 'POST' || method === 'GET')) {
    return oauth.revokeEndpoint(url, parseBody(req, await readBody(req)));
  }
  return notFound(`${method} ${url.pathname}`);
}
