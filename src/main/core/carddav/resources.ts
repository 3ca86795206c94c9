/**
 * The server's resources and their properties: the root, the one principal, the address-book
 * home, one address book per account, and a card per active contact.
 *
 *   /                          root (points to the principal)
 *   /principal/                the principal (points to the home)
 *   /addressbooks/             the home: one address book per account
 *   /addressbooks/<account>/   an address book
 *   /addressbooks/<account>/<contact>.vcf   a card
 */
import type { AddressBook, Card } from './card-store.js';
import { xmlText, type PropFilter, type PropName, type VCardVersion } from './dav-xml.js';
import { displayNameOf, toVCard } from '../export/formats.js';

/** The card in the version asked for (the stored rendering is 3.0). */
export const cardText = (card: Card, version: VCardVersion): string =>
  version === '3.0' ? card.vcard : toVCard(card.contact, '4.0');

export const PRINCIPAL_PATH = '/principal/';
export const HOME_PATH = '/addressbooks/';

export type Resource =
  | { kind: 'root' }
  | { kind: 'principal' }
  | { kind: 'home' }
  | { kind: 'book'; accountId: number }
  | { kind: 'card'; accountId: number; contactId: number };

/** The resource a request path names; null for anything else (never a file-system path). */
export function resolvePath(pathname: string): Resource | null {
  if (pathname === '/' || pathname === '') return { kind: 'root' };
  if (pathname === PRINCIPAL_PATH || pathname === '/principal') return { kind: 'principal' };
  if (pathname === HOME_PATH || pathname === '/addressbooks') return { kind: 'home' };
  const book = /^\/addressbooks\/(\d{1,15})\/?$/.exec(pathname);
  if (book) return { kind: 'book', accountId: Number(book[1]) };
  const card = /^\/addressbooks\/(\d{1,15})\/(\d{1,15})\.vcf$/.exec(pathname);
  if (card) return { kind: 'card', accountId: Number(card[1]), contactId: Number(card[2]) };
  return null;
}

export const bookPath = (accountId: number) => `${HOME_PATH}${accountId}/`;
export const cardPath = (accountId: number, contactId: number) =>
  `${HOME_PATH}${accountId}/${contactId}.vcf`;

/** The contact id an href of a multiget names within `accountId`'s book; null for others. */
export function contactIdOfHref(href: string, accountId: number): number | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(href, 'http://localhost').pathname);
  } catch {
    return null;
  }
  const resource = resolvePath(pathname);
  return resource?.kind === 'card' && resource.accountId === accountId ? resource.contactId : null;
}

const tag = (name: string, inner = '') => (inner ? `<${name}>${inner}</${name}>` : `<${name}/>`);
const href = (path: string) => tag('d:href', xmlText(path));

const COLLECTION_PROPS: Record<string, string> = {
  'current-user-principal': tag('d:current-user-principal', href(PRINCIPAL_PATH)),
};

export const VCARD_CONTENT_TYPE = 'text/vcard; charset=utf-8';

/** Read-only, to the one user there is (RFC 3744 §5.4). */
const READ_ONLY_PRIVILEGES = tag(
  'd:current-user-privilege-set',
  tag('d:privilege', tag('d:read')) + tag('d:privilege', tag('d:read-current-user-privilege-set')),
);

const SUPPORTED_REPORTS = tag(
  'd:supported-report-set',
  ['card:addressbook-multiget', 'card:addressbook-query', 'd:sync-collection']
    .map((report) => tag('d:supported-report', tag('d:report', tag(report))))
    .join(''),
);

/** Every property of a collection resource, by local name. */
export function collectionProps(
  resource: Exclude<Resource, { kind: 'card' }>,
  book: AddressBook | null,
  syncToken: string | null,
): Map<PropName, string> {
  const props = new Map<PropName, string>(Object.entries(COLLECTION_PROPS));
  props.set('current-user-privilege-set', READ_ONLY_PRIVILEGES);
  switch (resource.kind) {
    case 'root':
      props.set('resourcetype', tag('d:resourcetype', tag('d:collection')));
      props.set('displayname', tag('d:displayname', 'Contacts Sync Agent'));
      break;
    case 'principal':
      props.set('resourcetype', tag('d:resourcetype', tag('d:principal')));
      props.set('displayname', tag('d:displayname', 'Google contacts'));
      props.set('principal-URL', tag('d:principal-URL', href(PRINCIPAL_PATH)));
      props.set('addressbook-home-set', tag('card:addressbook-home-set', href(HOME_PATH)));
      break;
    case 'home':
      props.set('resourcetype', tag('d:resourcetype', tag('d:collection')));
      props.set('displayname', tag('d:displayname', 'Address books'));
      break;
    case 'book': {
      const name = book ? book.email : `Account ${resource.accountId}`;
      props.set(
        'resourcetype',
        tag('d:resourcetype', tag('d:collection') + tag('card:addressbook')),
      );
      props.set('displayname', tag('d:displayname', xmlText(name)));
      props.set(
        'addressbook-description',
        tag('card:addressbook-description', xmlText(`Google contacts of ${name}, read-only`)),
      );
      props.set('supported-report-set', SUPPORTED_REPORTS);
      props.set(
        'supported-address-data',
        tag(
          'card:supported-address-data',
          '<card:address-data-type content-type="text/vcard" version="3.0"/>' +
            '<card:address-data-type content-type="text/vcard" version="4.0"/>',
        ),
      );
      props.set('owner', tag('d:owner', href(PRINCIPAL_PATH)));
      if (syncToken !== null) {
        props.set('sync-token', tag('d:sync-token', xmlText(syncToken)));
        props.set('getctag', tag('cs:getctag', xmlText(syncToken)));
      }
      break;
    }
  }
  return props;
}

/**
 * A card's properties; `address-data` (in the version asked for) only when asked for, in REPORTs,
 * never in allprop. One ETag for both versions: it names the contact's state, so a client that
 * lists ETags and fetches 4.0 cards sees a card as changed only when the contact changed.
 */
export function cardProps(card: Card, addressData: VCardVersion | null): Map<PropName, string> {
  const props = new Map<PropName, string>([
    ['getetag', tag('d:getetag', xmlText(card.etag))],
    ['getcontenttype', tag('d:getcontenttype', VCARD_CONTENT_TYPE)],
    ['resourcetype', tag('d:resourcetype')],
    ['getcontentlength', tag('d:getcontentlength', String(Buffer.byteLength(card.vcard)))],
  ]);
  if (addressData) {
    props.set('address-data', tag('card:address-data', xmlText(cardText(card, addressData))));
  }
  return props;
}

/** The requested properties we have; allprop means all of them (RFC 4918 §9.1). */
export function pick(
  props: Map<PropName, string>,
  requested: PropName[] | 'all',
): Map<PropName, string> {
  if (requested === 'all') return props;
  const picked = new Map<PropName, string>();
  for (const name of requested) {
    const value = props.get(name);
    if (value !== undefined) picked.set(name, value);
  }
  return picked;
}

/** The values of a vCard property of a card, for addressbook-query's text-match. */
function valuesOf(card: Card, property: string): string[] | null {
  const c = card.contact;
  switch (property) {
    case 'FN':
      return [displayNameOf(c)];
    case 'N':
      return [c.familyName, c.givenName].filter((v): v is string => !!v);
    case 'NICKNAME':
      return c.nickname ? [c.nickname] : [];
    case 'EMAIL':
      return c.emails.map((e) => e.value);
    case 'TEL':
      return c.phones.flatMap((p) => [p.raw, p.e164 ?? '', p.raw.replace(/\D/g, '')]);
    case 'ORG':
      return c.organization ? [c.organization] : [];
    case 'UID':
      return [c.resourceName];
    default:
      return null;
  }
}

export const QUERYABLE_PROPERTIES = ['FN', 'N', 'NICKNAME', 'EMAIL', 'TEL', 'ORG', 'UID'];

/** RFC 6352 §10.5 with the i;unicode-casemap collation (case-insensitive, Unicode-aware). */
export function matchesFilters(
  card: Card,
  test: 'anyof' | 'allof',
  filters: PropFilter[],
): boolean {
  if (filters.length === 0) return true;
  const results = filters.map((filter) => {
    const values = valuesOf(card, filter.name) ?? [];
    if (filter.isNotDefined) return values.length === 0;
    if (filter.matches.length === 0) return values.length > 0;
    const outcomes = filter.matches.map((match) => {
      const needle = match.text.toLocaleLowerCase();
      const hit = values.some((value) => {
        const hay = value.toLocaleLowerCase();
        switch (match.matchType) {
          case 'equals':
            return hay === needle;
          case 'starts-with':
            return hay.startsWith(needle);
          case 'ends-with':
            return hay.endsWith(needle);
          case 'contains':
            return hay.includes(needle);
        }
      });
      return match.negate ? !hit : hit;
    });
    return filter.test === 'allof' ? outcomes.every(Boolean) : outcomes.some(Boolean);
  });
  return test === 'allof' ? results.every(Boolean) : results.some(Boolean);
}
