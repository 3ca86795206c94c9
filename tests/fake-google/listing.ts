/**
 * Paging and sync-token mechanics shared by connections.list, contactGroups.list,
 * calendarList.list and events.list.
 */
import { fullSyncRequired } from './calendar-errors.js';
import { errorInfo, googleError, invalidArgument } from './http.js';
import type { Reply } from './http.js';
import type { Store } from './store.js';
import { paramHash } from './tokens.js';
import type { PageState, RefusalStatus, TokenCodec } from './tokens.js';

export type Api = 'people' | 'groups' | 'calendars' | 'events';

/** `store` is whatever holds the listed items; its `seq` is the change counter tokens refer to. */
export interface ListingContext<S extends { seq: number } = Store> {
  store: S;
  tokens: TokenCodec;
  epoch: number;
  emptyPages: boolean;
  /** Serve at most this many items a page whatever pageSize asks (Google may send fewer). */
  maxPageSize?: number;
}

const METHODS: Record<'people' | 'groups', string> = {
  people: 'google.internal.people.v2.minimal.ListPeopleService.ListPeople',
  groups: 'google.internal.people.v2.minimal.ContactGroupService.ListContactGroups',
};

export function expiredSyncToken(api: Api): Reply {
  // The Calendar API still answers 410 GONE; the People API moved to 400 FAILED_PRECONDITION.
  if (api === 'calendars' || api === 'events') return fullSyncRequired();
  return googleError(
    400,
    'Sync token is expired. Clear local cache and retry call without the sync token.',
    {
      status: 'FAILED_PRECONDITION',
      details: [
        errorInfo('EXPIRED_SYNC_TOKEN', 'people.googleapis.com', {
          service: 'people.googleapis.com',
          method: METHODS[api],
        }),
      ],
    },
  );
}

const COMMON_PARAMS = new Set([
  'alt',
  'fields',
  'key',
  'prettyPrint',
  'quotaUser',
  '$.xgafv',
  'access_token',
  'oauth_token',
  'callback',
  'upload_protocol',
  'uploadType',
]);

/** Google rejects query parameters it cannot bind. */
export function checkParams(q: URLSearchParams, allowed: readonly string[]): Reply | undefined {
  for (const name of q.keys()) {
    if (!allowed.includes(name) && !COMMON_PARAMS.has(name)) {
      return invalidArgument(
        `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. ` +
          `Field '${name}' could not be found in request message.`,
      );
    }
  }
  return undefined;
}

export function parsePageSize(raw: string | null, fallback: number): number | Reply {
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw))
    return invalidArgument(`Invalid value at 'page_size' (TYPE_INT32), "${raw}"`);
  const n = Number(raw);
  if (n === 0) return fallback;
  if (n < 1 || n > 1000) return invalidArgument('pageSize must be between 1 and 1000, inclusive.');
  return n;
}

export interface ListingRequest {
  api: Api;
  /** Hash of the parameters (other than tokens) that must repeat on follow-up calls. */
  baseHash: string;
  pageToken: string | null;
  syncToken: string | null;
}

export interface Resolved {
  state: PageState;
  incremental: boolean;
}

const MISMATCH =
  'Parameters provided in the request do not match the original request that generated the ';

/** A token Google no longer accepts (FakeGoogle.refuseTokens): 400 INVALID_ARGUMENT or 404. */
function refusedToken(status: RefusalStatus, what: string): Reply {
  return status === 404
    ? googleError(404, 'Requested entity was not found.')
    : invalidArgument(MISMATCH + what + '.');
}

/** Turns the request's tokens into the listing state, or an error reply. */
export function resolveListing(
  ctx: ListingContext<{ seq: number }>,
  req: ListingRequest,
): Resolved | Reply {
  const kind = req.api;
  let since = -1;
  if (req.syncToken !== null) {
    const sync = ctx.tokens.decodeSync(`${kind}-sync`, req.syncToken);
    if (!sync) return invalidArgument('Sync token is invalid.');
    if (ctx.tokens.isExpired(sync, ctx.epoch)) return expiredSyncToken(req.api);
    const refused = ctx.tokens.refusalOf(sync);
    if (refused !== null) return refusedToken(refused, 'sync token');
    if (sync.hash !== req.baseHash) return invalidArgument(MISMATCH + 'sync token.');
    since = sync.seq;
  }
  const hash = paramHash({ base: req.baseHash, sync: req.syncToken ?? '' });
  if (req.pageToken !== null && req.pageToken !== '') {
    const page = ctx.tokens.decodePage(`${kind}-page`, req.pageToken);
    if (!page) return invalidArgument('Page token is invalid.');
    if (ctx.tokens.isPageExpired(page, ctx.epoch))
      return invalidArgument('Page token has expired.');
    const refused = ctx.tokens.refusalOf(page);
    if (refused !== null) return refusedToken(refused, 'page token');
    if (page.hash !== hash) return invalidArgument(MISMATCH + 'page token.');
    return { state: page, incremental: page.since >= 0 };
  }
  const state = { epoch: ctx.epoch, hash, cursor: -1, snapshot: ctx.store.seq, since, empties: 0 };
  return { state, incremental: since >= 0 };
}

export interface PageResult<T> {
  items: T[];
  /** Index (uid) of the last item served, to continue from. */
  last: number;
  more: boolean;
}

/** Next `limit` items after `cursor` that satisfy `match`, scanning in index order. */
export function collectPage<T>(
  all: readonly T[],
  cursor: number,
  limit: number,
  match: (item: T) => boolean,
): PageResult<T> {
  const items: T[] = [];
  let last = cursor;
  for (let i = cursor + 1; i < all.length; i++) {
    const item = all[i] as T;
    if (!match(item)) continue;
    if (items.length === limit) return { items, last, more: true };
    items.push(item);
    last = i;
  }
  return { items, last, more: false };
}

export interface Finish<T> {
  api: Api;
  baseHash: string;
  resolved: Resolved;
  page: PageResult<T>;
  /** Whether a sync token goes on the last page (always for incremental listings). */
  wantSync: boolean;
  key: 'connections' | 'contactGroups' | 'items';
  render: (item: T) => unknown;
  totals: Record<string, number>;
}

/** Builds the page body: items, nextPageToken or nextSyncToken, totals; empty pages if enabled. */
export function finishListing<T>(
  ctx: ListingContext<{ seq: number }>,
  f: Finish<T>,
): Record<string, unknown> {
  const { state } = f.resolved;
  const kind = f.api;
  const body: Record<string, unknown> = {};
  const insertEmpty =
    ctx.emptyPages &&
    (state.empties === 0 || (state.empties === 1 && state.cursor >= 0 && f.page.more));
  if (insertEmpty) {
    const next = { ...state, empties: state.empties + 1 };
    body.nextPageToken = ctx.tokens.encodePage(`${kind}-page`, next);
    return { ...body, ...f.totals };
  }
  if (f.page.items.length > 0) body[f.key] = f.page.items.map(f.render);
  if (f.page.more) {
    const next = { ...state, cursor: f.page.last };
    body.nextPageToken = ctx.tokens.encodePage(`${kind}-page`, next);
  } else if (f.resolved.incremental || f.wantSync) {
    body.nextSyncToken = ctx.tokens.issueSync(
      `${kind}-sync`,
      ctx.epoch,
      f.baseHash,
      state.snapshot,
    );
  }
  return { ...body, ...f.totals };
}
