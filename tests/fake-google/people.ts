/** GET /v1/people/me/connections and GET /v1/contactGroups. */
import { invalidArgument, json, JSON_TYPE } from './http.js';
import type { Reply } from './http.js';
import {
  checkParams,
  collectPage,
  finishListing,
  parsePageSize,
  resolveListing,
} from './listing.js';
import type { ListingContext } from './listing.js';
import { paramHash } from './tokens.js';
import type { ContactRecord, GroupRecord } from './types.js';

/** Every Person field name the real API accepts in a personFields mask. */
export const PERSON_FIELDS = new Set([
  'addresses',
  'ageRanges',
  'biographies',
  'birthdays',
  'calendarUrls',
  'clientData',
  'coverPhotos',
  'emailAddresses',
  'events',
  'externalIds',
  'genders',
  'imClients',
  'interests',
  'locales',
  'locations',
  'memberships',
  'metadata',
  'miscKeywords',
  'names',
  'nicknames',
  'occupations',
  'organizations',
  'phoneNumbers',
  'photos',
  'relations',
  'sipAddresses',
  'skills',
  'urls',
  'userDefined',
]);

const SORT_ORDERS = [
  'LAST_MODIFIED_ASCENDING',
  'LAST_MODIFIED_DESCENDING',
  'FIRST_NAME_ASCENDING',
  'LAST_NAME_ASCENDING',
];
const SOURCES = [
  'READ_SOURCE_TYPE_CONTACT',
  'READ_SOURCE_TYPE_PROFILE',
  'READ_SOURCE_TYPE_DOMAIN_CONTACT',
  'READ_SOURCE_TYPE_OTHER_CONTACT',
];
const DOCS = 'https://developers.google.com/people/api/rest/v1/people.connections/list';

export function parsePersonFields(raw: string | null): Set<string> | Reply {
  const paths = (raw ?? '')
    .split(',')
    .map((p) => p.trim().replace(/^person\./, ''))
    .filter((p) => p.length > 0);
  if (paths.length === 0) {
    return invalidArgument(
      'personFields mask is required. Please specify one or more valid paths. ' +
        `Valid paths are documented at ${DOCS}.`,
    );
  }
  for (const p of paths) {
    if (!PERSON_FIELDS.has(p)) {
      return invalidArgument(
        `Invalid personFields mask path: "${p}". Valid paths are documented at ${DOCS}.`,
      );
    }
  }
  return new Set(paths);
}

function parseBool(raw: string | null, field: string): boolean | Reply {
  if (raw === null || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  return invalidArgument(`Invalid value at '${field}' (TYPE_BOOL), "${raw}"`);
}

export function listConnections(ctx: ListingContext, url: URL): Reply {
  const q = url.searchParams;
  const bad = checkParams(q, [
    'personFields',
    'pageSize',
    'pageToken',
    'requestSyncToken',
    'syncToken',
    'sortOrder',
    'sources',
    'requestMask.includeField',
  ]);
  if (bad) return bad;
  const mask = parsePersonFields(q.get('personFields') ?? q.get('requestMask.includeField'));
  if (!(mask instanceof Set)) return mask;
  const pageSize = parsePageSize(q.get('pageSize'), 100);
  if (typeof pageSize !== 'number') return pageSize;
  const requestSync = parseBool(q.get('requestSyncToken'), 'request_sync_token');
  if (typeof requestSync !== 'boolean') return requestSync;
  const sortOrder = q.get('sortOrder') ?? '';
  if (sortOrder !== '' && !SORT_ORDERS.includes(sortOrder)) {
    return invalidArgument(`Invalid value at 'sort_order', "${sortOrder}"`);
  }
  const sources = q.getAll('sources');
  const badSource = sources.find((s) => !SOURCES.includes(s));
  if (badSource !== undefined) return invalidArgument(`Invalid value at 'sources', "${badSource}"`);

  const maskKey = [...mask].sort().join(',');
  const baseHash = paramHash({
    personFields: maskKey,
    pageSize: String(pageSize),
    requestSyncToken: String(requestSync),
    sortOrder,
    sources: [...sources].sort().join(','),
  });
  const resolved = resolveListing(ctx, {
    api: 'people',
    baseHash,
    pageToken: q.get('pageToken'),
    syncToken: q.get('syncToken'),
  });
  if ('status' in resolved) return resolved;

  const { store } = ctx;
  const since = resolved.state.since;
  const match = resolved.incremental
    ? (r: ContactRecord) => r.seq > since
    : (r: ContactRecord) => !r.deleted;
  const total = resolved.incremental ? countWhere(store.records, match) : store.active;
  const limit = Math.min(pageSize, ctx.maxPageSize ?? pageSize);
  const page = collectPage(store.records, resolved.state.cursor, limit, match);
  const body = finishListing(ctx, {
    api: 'people',
    baseHash,
    resolved,
    page,
    wantSync: requestSync,
    key: 'connections',
    render: (r) => store.personBytes(r, mask, maskKey, resolved.incremental ? since : undefined),
    totals: { totalPeople: total, totalItems: total },
  });
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body: pageJson(body) };
}

const HEAD = Buffer.from('{"connections":[');
const COMMA = Buffer.from(',');

/**
 * The UTF-8 bytes of `JSON.stringify(body)`, where `body.connections` (the first key, if any)
 * holds each Person's JSON bytes: concatenating cached bytes is far cheaper than serializing.
 */
function pageJson(body: Record<string, unknown>): string | Buffer {
  const { connections, ...rest } = body;
  const tail = JSON.stringify(rest);
  if (connections === undefined) return tail;
  const parts: Buffer[] = [HEAD];
  for (const item of connections as Buffer[]) {
    if (parts.length > 1) parts.push(COMMA);
    parts.push(item);
  }
  parts.push(Buffer.from(tail === '{}' ? ']}' : `],${tail.slice(1)}`, 'utf8'));
  return Buffer.concat(parts);
}

function countWhere<T>(items: readonly T[], match: (item: T) => boolean): number {
  let n = 0;
  for (const item of items) if (match(item)) n++;
  return n;
}

export function listContactGroups(ctx: ListingContext, url: URL): Reply {
  const q = url.searchParams;
  const bad = checkParams(q, ['pageSize', 'pageToken', 'syncToken', 'groupFields']);
  if (bad) return bad;
  const pageSize = parsePageSize(q.get('pageSize'), 30);
  if (typeof pageSize !== 'number') return pageSize;
  const baseHash = paramHash({ pageSize: String(pageSize) });
  const resolved = resolveListing(ctx, {
    api: 'groups',
    baseHash,
    pageToken: q.get('pageToken'),
    syncToken: q.get('syncToken'),
  });
  if ('status' in resolved) return resolved;
  const { store } = ctx;
  const since = resolved.state.since;
  const match = resolved.incremental
    ? (g: GroupRecord) => g.seq > since
    : (g: GroupRecord) => !g.deleted;
  const total = countWhere(store.groups, match);
  const page = collectPage(store.groups, resolved.state.cursor, pageSize, match);
  const body = finishListing(
    { ...ctx, emptyPages: false },
    {
      api: 'groups',
      baseHash,
      resolved,
      page,
      wantSync: true,
      key: 'contactGroups',
      render: (g) => store.toGroup(g),
      totals: { totalItems: total },
    },
  );
  return json(200, body);
}
