import { people, type people_v1 } from '@googleapis/people';
import type { OAuth2Client } from 'google-auth-library';
import type { CountryCode } from 'libphonenumber-js/min';
import { z } from 'zod';
import { listItem, pageFields, type PersonEntry } from './connections-page.js';
import { classifyGoogleError, malformedResponse } from './errors.js';
import { requestFingerprint, type ListingParams } from './fingerprint.js';
import type { PageItems } from './packed-items.js';
import { inlineDecoder, type ConnectionsDecoder } from './page-decoder.js';
import { PERSON_FIELDS, type ContactGroup } from './person.js';

export interface PageRequest {
  pageToken?: string;
  syncToken?: string;
}

export interface ListPage<T> {
  /** Contacts pages read on the decoding thread arrive packed (packed-items.ts). */
  items: PageItems<T>;
  nextPageToken: string | null;
  nextSyncToken: string | null;
  /** The server's count of the whole listing, when it sent one. */
  totalItems: number | null;
  bytes: number;
}

/** One call per page; the sync engine decides about tokens, retries and storage. */
export interface PeopleSource {
  /**
   * Contacts arrive read and flattened (connections-page.ts), ready for the mirror. `onReceived`
   * is told when the body has arrived and is handed to the decoder.
   */
  listConnections(
    request: PageRequest,
    signal: AbortSignal,
    onReceived?: () => void,
  ): Promise<ListPage<PersonEntry>>;
  listContactGroups(request: PageRequest, signal: AbortSignal): Promise<ListPage<ContactGroup>>;
  /** Of the parameters each listing sends besides its tokens (see requestFingerprint). */
  fingerprint(listing: 'connections' | 'contactGroups'): string;
}

export const CONNECTIONS_PAGE_SIZE = 1000;
const GROUPS_PAGE_SIZE = 1000;

const groupsPage = z.looseObject({ ...pageFields, contactGroups: z.array(listItem).optional() });

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

export interface PeopleSourceOptions {
  /** Reads connections pages; a worker thread's in the apps (page-decoder.ts). */
  decoder?: ConnectionsDecoder;
  /** Region for phone numbers typed without a country code (otherwise they get no E.164 form). */
  defaultRegion?: CountryCode;
  /** The Person fields asked for (default PERSON_FIELDS); tests change it as an upgrade would. */
  personFields?: string;
}

/** The People API through Google's own client library (`rootUrl` points it at the fake in tests). */
export class GooglePeopleSource implements PeopleSource {
  private readonly api: people_v1.People;

  constructor(
    auth: OAuth2Client,
    rootUrl: string,
    private readonly options: PeopleSourceOptions = {},
  ) {
    this.api = people({ version: 'v1', auth, rootUrl });
  }

  fingerprint(listing: 'connections' | 'contactGroups'): string {
    return requestFingerprint(this.params(listing));
  }

  /** Every parameter but the tokens; the same on every page and every run, or Google refuses. */
  private params(listing: 'connections' | 'contactGroups'): ListingParams {
    if (listing === 'contactGroups') {
      return { pageSize: GROUPS_PAGE_SIZE, groupFields: 'name,groupType,memberCount,metadata' };
    }
    return {
      personFields: this.options.personFields ?? PERSON_FIELDS,
      pageSize: CONNECTIONS_PAGE_SIZE,
      requestSyncToken: true,
    };
  }

  async listConnections(
    request: PageRequest,
    signal: AbortSignal,
    onReceived?: () => void,
  ): Promise<ListPage<PersonEntry>> {
    let response: RawResponse;
    try {
      // The body is read by the decoder (off the main thread in the apps), not by gaxios.
      response = await this.api.people.connections.list(
        { resourceName: 'people/me', ...this.params('connections'), ...request },
        { retry: false, signal, responseType: 'arraybuffer' },
      );
    } catch (error) {
      throw classifyGoogleError(error);
    }
    if (!(response.data instanceof ArrayBuffer)) throw malformedResponse();
    const decoder = this.options.decoder ?? inlineDecoder;
    const decoded = decoder.decode(response.data, this.options.defaultRegion);
    onReceived?.();
    const page = await decoded;
    return {
      items: page.entries,
      nextPageToken: page.nextPageToken,
      nextSyncToken: page.nextSyncToken,
      totalItems: page.totalItems,
      bytes: bytesOf(response) || response.data.byteLength,
    };
  }

  async listContactGroups(
    request: PageRequest,
    signal: AbortSignal,
  ): Promise<ListPage<ContactGroup>> {
    try {
      const response = await this.api.contactGroups.list(
        { ...this.params('contactGroups'), ...request },
        { retry: false, signal },
      );
      const parsed = groupsPage.safeParse(response.data);
      if (!parsed.success) throw malformedResponse(parsed.error);
      const data = parsed.data;
      return {
        items: (data.contactGroups ?? []) as ContactGroup[],
        nextPageToken: data.nextPageToken || null,
        nextSyncToken: data.nextSyncToken || null,
        totalItems: data.totalItems ?? null,
        bytes: bytesOf(response),
      };
    } catch (error) {
      throw classifyGoogleError(error);
    }
  }
}
