import type { CountryCode } from 'libphonenumber-js/min';
import { z } from 'zod';
import { malformedResponse } from './errors.js';
import { toContactRecord, type ContactRecord } from './person.js';

/** One Person of a connections page, as the mirror applies it. */
export type PersonEntry =
  | { kind: 'upsert'; record: ContactRecord; previousResourceNames?: string[] }
  | { kind: 'tombstone'; resourceName: string; previousResourceNames?: string[] };

export interface ConnectionsPage {
  entries: PersonEntry[];
  nextPageToken: string | null;
  nextSyncToken: string | null;
  totalItems: number | null;
}

/** An item of any People listing (a Person, a contact group): it must name itself. */
export const listItem = z.looseObject({ resourceName: z.string().min(1) });
export const pageFields = {
  nextPageToken: z.string().optional(),
  nextSyncToken: z.string().optional(),
  totalItems: z.number().optional(),
};
const connectionsPage = z.looseObject({
  ...pageFields,
  connections: z.array(listItem).optional(),
  totalPeople: z.number().optional(),
});

/**
 * A `people.connections.list` response body, read and flattened: everything the sync needs of a
 * page, with no Google types left. Pure and synchronous, so it runs on a worker thread as well as
 * inline (page-decoder.ts). A body that is not JSON or not a page is MALFORMED_RESPONSE.
 */
export function decodeConnectionsPage(
  body: Uint8Array,
  defaultRegion?: CountryCode,
): ConnectionsPage {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    throw malformedResponse(error);
  }
  const parsed = connectionsPage.safeParse(json);
  if (!parsed.success) throw malformedResponse(parsed.error);
  const data = parsed.data;
  const entries = (data.connections ?? []).map((person): PersonEntry => {
    const metadata = person['metadata'] as
      { deleted?: boolean; previousResourceNames?: string[] } | undefined;
    const previous = metadata?.previousResourceNames;
    const renamed = previous && previous.length > 0 ? { previousResourceNames: previous } : {};
    // A contact re-keyed and then deleted between two syncs is mirrored under its old name.
    if (metadata?.deleted)
      return { kind: 'tombstone', resourceName: person.resourceName, ...renamed };
    return {
      kind: 'upsert',
      record: toContactRecord(person, defaultRegion),
      ...renamed,
    };
  });
  return {
    entries,
    nextPageToken: data.nextPageToken || null,
    nextSyncToken: data.nextSyncToken || null,
    totalItems: data.totalItems ?? data.totalPeople ?? null,
  };
}
