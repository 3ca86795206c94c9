import { people, type people_v1 } from '@googleapis/people';
import type { OAuth2Client } from 'google-auth-library';
import { z } from 'zod';
import { classifyGoogleError, malformedResponse } from './errors.js';
import { PERSON_FIELDS, type ContactGroup, type Person } from './person.js';

export interface PageRequest {
  pageToken?: string;
  syncToken?: string;
}

export interface ListPage<T> {
  items: T[];
  nextPageToken: string | null;
  nextSyncToken: string | null;
  /** The server's count of the whole listing, when it sent one. */
  totalItems: number | null;
  bytes: number;
}

/** One call per page; the sync engine decides about tokens, retries and storage. */
export interface PeopleSource {
  listConnections(request: PageRequest, signal: AbortSignal): Promise<ListPage<Person>>;
  listContactGroups(request: PageRequest, signal: AbortSignal): Promise<ListPage<ContactGroup>>;
}

export const CONNECTIONS_PAGE_SIZE = 1000;
const GROUPS_PAGE_SIZE = 1000;

const item = z.looseObject({ resourceName: z.string().min(1) });
const pageFields = {
  nextPageToken: z.string().optional(),
  nextSyncToken: z.string().optional(),
  totalItems: z.number().optional(),
};
const connectionsPage = z.looseObject({
  ...pageFields,
  connections: z.array(item).optional(),
  totalPeople: z.number().optional(),
});
const groupsPage = z.looseObject({ ...pageFields, contactGroups: z.array(item).optional() });

interface RawResponse {
  data: unknown;
  headers?: unknown;
}

/** gaxios hands back fetch `Headers`; its types also allow a plain HTTP/2 header object. */
export function bytesOf(response: RawResponse): number {
  const headers = response.headers as
    { get?: (name: string) => string | null; [name: string]: unknown } | undefined;
  const length =
    typeof headers?.get === 'function'
      ? headers.get('content-length')
      : headers?.['content-length'];
  return Number(length ?? 0) || 0;
}

function toPage<T>(
  response: RawResponse,
  schema: typeof connectionsPage | typeof groupsPage,
  pick: (
    data: z.infer<typeof connectionsPage> & z.infer<typeof groupsPage>,
  ) => unknown[] | undefined,
): ListPage<T> {
  const parsed = schema.safeParse(response.data);
  if (!parsed.success) throw malformedResponse(parsed.error);
  const data = parsed.data as z.infer<typeof connectionsPage> & z.infer<typeof groupsPage>;
  return {
    items: (pick(data) ?? []) as T[],
    nextPageToken: data.nextPageToken || null,
    nextSyncToken: data.nextSyncToken || null,
    totalItems: data.totalItems ?? data.totalPeople ?? null,
    bytes: bytesOf(response),
  };
}

/** The People API through Google's own client library (`rootUrl` points it at the fake in tests). */
export class GooglePeopleSource implements PeopleSource {
  private readonly api: people_v1.People;

  constructor(auth: OAuth2Client, rootUrl: string) {
    this.api = people({ version: 'v1', auth, rootUrl });
  }

  async listConnections(request: PageRequest, signal: AbortSignal): Promise<ListPage<Person>> {
    try {
      const response = await this.api.people.connections.list(
        {
          resourceName: 'people/me',
          personFields: PERSON_FIELDS,
          pageSize: CONNECTIONS_PAGE_SIZE,
          requestSyncToken: true,
          ...request,
        },
        { retry: false, signal },
      );
      return toPage<Person>(response, connectionsPage, (d) => d.connections);
    } catch (error) {
      throw classifyGoogleError(error);
    }
  }

  async listContactGroups(
    request: PageRequest,
    signal: AbortSignal,
  ): Promise<ListPage<ContactGroup>> {
    try {
      const response = await this.api.contactGroups.list(
        {
          pageSize: GROUPS_PAGE_SIZE,
          groupFields: 'name,groupType,memberCount,metadata',
          ...request,
        },
        { retry: false, signal },
      );
      return toPage<ContactGroup>(response, groupsPage, (d) => d.contactGroups);
    } catch (error) {
      throw classifyGoogleError(error);
    }
  }
}
