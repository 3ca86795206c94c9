/** HTTP control API under /__control (JSON in/out, no auth) mirroring FakeGoogle's methods. */
import type { IncomingMessage } from 'node:http';
import { googleError, json, parseBody, readBody } from './http.js';
import type { Reply } from './http.js';
import { CALENDAR_ROUTES } from './calendar-control.js';
import type { FaultSpec } from './faults.js';
import type { FakeGoogle } from './server.js';
import { NotFoundError } from './store.js';

type Body = Record<string, unknown>;
type Handler = (fake: FakeGoogle, body: Body, url: URL) => unknown;

class BadRequest extends Error {}

function str(body: Body, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' || v === '')
    throw new BadRequest(`"${key}" must be a non-empty string`);
  return v;
}

function int(body: Body, key: string, fallback?: number): number {
  const v = body[key] ?? fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new BadRequest(`"${key}" must be a non-negative integer`);
  }
  return v;
}

function optInt(body: Body, key: string): number | undefined {
  return body[key] === undefined ? undefined : int(body, key);
}

const OK = { ok: true };

/** Routes keyed by "METHOD /path" (path relative to /__control). */
const ROUTES: Record<string, Handler> = {
  'GET /stats': (f) => f.stats(),
  'GET /info': (f) => ({
    url: f.url,
    refreshToken: f.refreshToken,
    clientId: f.clientId,
    clientSecret: f.clientSecret,
  }),
  'POST /reset': (f) => (f.reset(), OK),
  'POST /reset-counts': (f) => (f.resetCounts(), OK),
  'POST /seed': (f, b) => {
    f.seed(int(b, 'count'), { seed: optInt(b, 'seed'), groups: optInt(b, 'groups') });
    return { activeContacts: f.activeCount() };
  },
  'GET /contacts': (f) => f.listContacts(),
  'GET /contacts/get': (f, _b, url) => {
    const rn = url.searchParams.get('resourceName') ?? '';
    const person = f.getContact(rn);
    if (!person) throw new NotFoundError(`No active contact ${rn}`);
    return person;
  },
  'POST /contacts/add': (f, b) => ({ resourceNames: f.addContacts(int(b, 'count', 1)) }),
  'POST /contacts/update': (f, b) => {
    const patch = b.patch;
    if (typeof patch !== 'object' || patch === null)
      throw new BadRequest('"patch" must be an object');
    return f.updateContact(str(b, 'resourceName'), patch);
  },
  'POST /contacts/delete': (f, b) => (f.deleteContact(str(b, 'resourceName')), OK),
  'POST /contacts/rekey': (f, b) => ({ resourceName: f.rekeyContact(str(b, 'resourceName')) }),
  'GET /groups': (f) => f.listGroups(),
  'POST /groups/add': (f, b) => ({ resourceName: f.addGroup(str(b, 'name')) }),
  'POST /groups/rename': (f, b) => (f.renameGroup(str(b, 'resourceName'), str(b, 'name')), OK),
  'POST /groups/delete': (f, b) => (f.deleteGroup(str(b, 'resourceName')), OK),
  'POST /memberships/add': (f, b) => (f.addMembership(str(b, 'contact'), str(b, 'group')), OK),
  'POST /memberships/remove': (f, b) => (
    f.removeMembership(str(b, 'contact'), str(b, 'group')),
    OK
  ),
  'POST /expire-sync-tokens': (f) => (f.expireSyncTokens(), OK),
  'POST /refuse-tokens': (f, b) => {
    const status = b.status ?? 400;
    if (status !== 400 && status !== 404) throw new BadRequest('"status" must be 400 or 404');
    f.refuseTokens(status);
    return OK;
  },
  'POST /expire-access-tokens': (f) => (f.expireAccessTokens(), OK),
  'POST /refresh-tokens': (f) => ({ refreshToken: f.issueRefreshToken() }),
  'POST /revoke': (f, b) => {
    if (!f.revokeRefreshToken(str(b, 'token'))) throw new NotFoundError('Unknown token');
    return OK;
  },
  'POST /users': (f, b) => (
    f.addUser(str(b, 'email'), { contacts: optInt(b, 'contacts'), seed: optInt(b, 'seed') }),
    OK
  ),
  'POST /sign-in-as': (f, b) => (f.authorization.signInAs(str(b, 'email')), OK),
  'POST /deny-next-authorization': (f) => (f.authorization.denyNextAuthorization(), OK),
  'POST /faults': (f, b) => (f.injectFault(b as unknown as FaultSpec), OK),
  'DELETE /faults': (f) => (f.clearFaults(), OK),
  'POST /empty-pages': (f, b) => (f.setEmptyPages(b.enabled !== false), OK),
  'POST /clock/advance': (f, b) => (f.advanceClock(int(b, 'ms')), OK),
  ...CALENDAR_ROUTES,
};

export const CONTROL_ROUTES = Object.keys(ROUTES).map((r) => r.replace(' /', ' /__control/'));

export async function handleControl(
  fake: FakeGoogle,
  req: IncomingMessage,
  url: URL,
): Promise<Reply> {
  const key = `${req.method ?? 'GET'} ${url.pathname.slice('/__control'.length)}`;
  const handler = ROUTES[key];
  if (!handler) return googleError(404, `Unknown control route ${key}`);
  try {
    const body = parseBody(req, await readBody(req), true);
    return json(200, handler(fake, body, url) ?? OK);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return googleError(err instanceof NotFoundError ? 404 : 400, message);
  }
}
