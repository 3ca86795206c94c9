/**
 * The WebDAV/CardDAV request bodies the server understands (RFC 4918 PROPFIND, RFC 6352 REPORTs,
 * RFC 6578 sync-collection), parsed into plain values, and the XML it answers with.
 *
 * Properties are matched by local name: the ones we serve have distinct names across the DAV:,
 * CardDAV and CalendarServer namespaces, and a property we do not know is left out of the answer.
 */
import { XMLParser } from 'fast-xml-parser';
import { xmlText } from '../xml-text.js';

export { xmlText };

export type PropName = string;

export interface TextMatch {
  text: string;
  matchType: 'contains' | 'equals' | 'starts-with' | 'ends-with';
  negate: boolean;
}

export interface PropFilter {
  /** A vCard property name, upper case (FN, EMAIL, TEL, …). */
  name: string;
  test: 'anyof' | 'allof';
  matches: TextMatch[];
  /** `<is-not-defined/>`: the card must not have the property. */
  isNotDefined: boolean;
}

/** The vCard version a client asks for in `<address-data version="…">` (default 3.0). */
export type VCardVersion = '3.0' | '4.0';

export type DavRequest =
  | { kind: 'propfind'; props: PropName[] | 'all' }
  | { kind: 'multiget'; props: PropName[]; version: VCardVersion; hrefs: string[] }
  | {
      kind: 'sync-collection';
      props: PropName[];
      version: VCardVersion;
      token: string;
      limit: number | null;
    }
  | {
      kind: 'query';
      props: PropName[];
      version: VCardVersion;
      test: 'anyof' | 'allof';
      filters: PropFilter[];
      limit: number | null;
    };

/** A body the server cannot act on; answered 400 with this message. */
export class DavRequestError extends Error {
  override readonly name = 'DavRequestError';
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) => ['href', 'prop-filter', 'text-match'].includes(name),
});

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function child(node: Node | undefined, name: string): Node | undefined {
  const value = node?.[name];
  if (value === '' || value === undefined) return value === '' ? {} : undefined;
  return isNode(value) ? value : undefined;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'];
  return '';
}

function propNames(node: Node | undefined): PropName[] {
  const prop = child(node, 'prop');
  return prop ? Object.keys(prop).filter((key) => !key.startsWith('@') && key !== '#text') : [];
}

function versionOf(node: Node | undefined): VCardVersion {
  const data = child(child(node, 'prop'), 'address-data');
  return data?.['@version'] === '4.0' ? '4.0' : '3.0';
}

function limitOf(node: Node | undefined): number | null {
  const nresults = textOf(child(node, 'limit')?.['nresults']).trim();
  if (!nresults) return null;
  const value = Number(nresults);
  if (!Number.isInteger(value) || value < 1)
    throw new DavRequestError('The limit must be a positive whole number.');
  return value;
}

function parseDocument(body: string): Node {
  // No document type declarations: entity expansion is a way to make a small body huge.
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) {
    throw new DavRequestError('Document type declarations are not accepted.');
  }
  try {
    const parsed: unknown = parser.parse(body, true);
    if (!isNode(parsed)) throw new DavRequestError('The request body is not an XML document.');
    return parsed;
  } catch (error) {
    if (error instanceof DavRequestError) throw error;
    throw new DavRequestError('The request body is not well-formed XML.');
  }
}

/** PROPFIND: an empty body means all properties (RFC 4918 §9.1). */
export function parsePropfind(body: string): DavRequest {
  if (!body.trim()) return { kind: 'propfind', props: 'all' };
  const root = child(parseDocument(body), 'propfind');
  if (!root) throw new DavRequestError('A PROPFIND body must be a DAV:propfind element.');
  if (child(root, 'prop')) return { kind: 'propfind', props: propNames(root) };
  return { kind: 'propfind', props: 'all' };
}

const MATCH_TYPES = new Set(['contains', 'equals', 'starts-with', 'ends-with']);

function parsePropFilter(node: Node): PropFilter {
  const name = String(node['@name'] ?? '').toUpperCase();
  if (!name) throw new DavRequestError('A prop-filter needs a name.');
  const matches = ((node['text-match'] as unknown[] | undefined) ?? []).map((match) => {
    const attrs = isNode(match) ? match : {};
    const matchType = String(attrs['@match-type'] ?? 'contains');
    if (!MATCH_TYPES.has(matchType)) throw new DavRequestError(`Unknown match-type ${matchType}.`);
    return {
      text: textOf(match),
      matchType: matchType as TextMatch['matchType'],
      negate: attrs['@negate-condition'] === 'yes',
    };
  });
  return {
    name,
    test: node['@test'] === 'allof' ? 'allof' : 'anyof',
    matches,
    isNotDefined: 'is-not-defined' in node,
  };
}

/** REPORT: addressbook-multiget, addressbook-query or sync-collection. */
export function parseReport(body: string): DavRequest {
  const document = parseDocument(body);
  const multiget = child(document, 'addressbook-multiget');
  if (multiget) {
    const hrefs = ((multiget['href'] as unknown[] | undefined) ?? []).map((href) =>
      textOf(href).trim(),
    );
    return { kind: 'multiget', props: propNames(multiget), version: versionOf(multiget), hrefs };
  }
  const sync = child(document, 'sync-collection');
  if (sync) {
    const level = textOf(sync['sync-level']).trim();
    if (level && level !== '1') {
      throw new DavRequestError('Only sync-level 1 is supported: address books have no members.');
    }
    return {
      kind: 'sync-collection',
      props: propNames(sync),
      version: versionOf(sync),
      token: textOf(sync['sync-token']).trim(),
      limit: limitOf(sync),
    };
  }
  const query = child(document, 'addressbook-query');
  if (query) {
    const filter = child(query, 'filter') ?? {};
    const filters = ((filter['prop-filter'] as unknown[] | undefined) ?? [])
      .filter(isNode)
      .map(parsePropFilter);
    return {
      kind: 'query',
      props: propNames(query),
      version: versionOf(query),
      test: filter['@test'] === 'allof' ? 'allof' : 'anyof',
      filters,
      limit: limitOf(query),
    };
  }
  throw new DavRequestError(
    'Unsupported report: use addressbook-multiget, addressbook-query or sync-collection.',
  );
}

export const NAMESPACES =
  'xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav" xmlns:cs="http://calendarserver.org/ns/"';

/** One `<d:response>`: found properties (already XML, keyed by local name) and the missing ones. */
export function responseXml(href: string, found: Map<PropName, string>, status = 200): string {
  if (status !== 200) {
    return `<d:response><d:href>${xmlText(href)}</d:href><d:status>HTTP/1.1 ${status} ${
      status === 404 ? 'Not Found' : 'Error'
    }</d:status></d:response>`;
  }
  return `<d:response><d:href>${xmlText(href)}</d:href><d:propstat><d:prop>${[
    ...found.values(),
  ].join('')}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;
}

export function multistatusXml(responses: Iterable<string>, tail = ''): string {
  let xml = `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus ${NAMESPACES}>`;
  for (const response of responses) xml += response;
  return `${xml}${tail}</d:multistatus>\n`;
}

/** A precondition failure body (RFC 4918 §16), e.g. `<d:valid-sync-token/>`. */
export function errorXml(condition: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:error ${NAMESPACES}>${condition}</d:error>\n`;
}
