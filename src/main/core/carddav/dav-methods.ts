/** The answers to PROPFIND and REPORT requests, as multistatus documents (RFC 4918 §13). */
import type { Card, CardStore } from './card-store.js';
import {
  errorXml,
  multistatusXml,
  responseXml,
  xmlText,
  type DavRequest,
  type PropName,
  type VCardVersion,
} from './dav-xml.js';
import {
  bookPath,
  cardPath,
  cardProps,
  collectionProps,
  contactIdOfHref,
  HOME_PATH,
  matchesFilters,
  pick,
  PRINCIPAL_PATH,
  QUERYABLE_PROPERTIES,
  type Resource,
} from './resources.js';

export interface DavAnswer {
  status: number;
  body: string;
  type: string;
  headers?: Record<string, string>;
}

const XML_TYPE = 'application/xml; charset=utf-8';

const multistatus = (responses: Iterable<string>, tail = ''): DavAnswer => ({
  status: 207,
  body: multistatusXml(responses, tail),
  type: XML_TYPE,
});

const failure = (status: number, condition: string): DavAnswer => ({
  status,
  body: errorXml(condition),
  type: XML_TYPE,
});

const notFound = (what: string): DavAnswer => ({
  status: 404,
  body: `${what}\n`,
  type: 'text/plain; charset=utf-8',
});

function cardResponse(
  card: Card,
  accountId: number,
  props: PropName[] | 'all',
  version: VCardVersion = '3.0',
): string {
  const addressData = props !== 'all' && props.includes('address-data') ? version : null;
  return responseXml(
    cardPath(accountId, card.contactId),
    pick(cardProps(card, addressData), props),
  );
}

export function answerPropfind(
  store: CardStore,
  resource: Resource,
  request: DavRequest,
  depth: 0 | 1,
): DavAnswer {
  if (request.kind !== 'propfind') throw new Error('not a PROPFIND');
  const props = request.props;
  switch (resource.kind) {
    case 'root':
    case 'principal':
    case 'home': {
      const responses = [
        responseXml(
          { root: '/', principal: PRINCIPAL_PATH, home: HOME_PATH }[resource.kind],
          pick(collectionProps(resource, null, null), props),
        ),
      ];
      if (depth === 1 && resource.kind === 'home') {
        for (const book of store.books()) {
          const bookResource = { kind: 'book', accountId: book.accountId } as const;
          const token = store.syncToken(book.accountId);
          responses.push(
            responseXml(
              bookPath(book.accountId),
              pick(collectionProps(bookResource, book, token), props),
            ),
          );
        }
      }
      return multistatus(responses);
    }
    case 'book': {
      const book = store.book(resource.accountId);
      if (!book) return notFound('No such address book.');
      const token = store.syncToken(resource.accountId);
      const head = responseXml(
        bookPath(resource.accountId),
        pick(collectionProps(resource, book, token), props),
      );
      if (depth === 0) return multistatus([head]);
      return multistatus(
        (function* () {
          yield head;
          for (const card of store.cards(resource.accountId)) {
            yield cardResponse(card, resource.accountId, props);
          }
        })(),
      );
    }
    case 'card': {
      const card = store
        .cardsByIds(resource.accountId, [resource.contactId])
        .get(resource.contactId);
      if (!card) return notFound('No such contact: it may have been deleted in Google.');
      return multistatus([cardResponse(card, resource.accountId, props)]);
    }
  }
}

export function answerReport(store: CardStore, resource: Resource, request: DavRequest): DavAnswer {
  if (resource.kind !== 'book') return failure(403, '<d:supported-report/>');
  const accountId = resource.accountId;
  if (!store.book(accountId)) return notFound('No such address book.');
  switch (request.kind) {
    case 'multiget': {
      const ids = request.hrefs.map((href) => contactIdOfHref(href, accountId));
      const cards = store.cardsByIds(
        accountId,
        ids.filter((id): id is number => id !== null),
      );
      return multistatus(
        request.hrefs.map((href, index) => {
          const card = cards.get(ids[index] ?? -1);
          return card
            ? cardResponse(card, accountId, request.props, request.version)
            : responseXml(href, new Map(), 404);
        }),
      );
    }
    case 'sync-collection': {
      const newToken = store.syncToken(accountId);
      const tail = `<d:sync-token>${xmlText(newToken)}</d:sync-token>`;
      if (!request.token) {
        return multistatus(
          (function* () {
            for (const card of store.cards(accountId))
              yield cardResponse(card, accountId, request.props, request.version);
          })(),
          tail,
        );
      }
      const changes = store.changesSince(accountId, request.token);
      if (!changes) return failure(403, '<d:valid-sync-token/>');
      if (
        request.limit !== null &&
        changes.changed.length + changes.deleted.length > request.limit
      ) {
        return failure(507, '<d:number-of-matches-within-limits/>');
      }
      const cards = store.cardsByIds(accountId, changes.changed);
      const responses = [
        ...[...cards.values()].map((card) =>
          cardResponse(card, accountId, request.props, request.version),
        ),
        ...changes.deleted.map((id) => responseXml(cardPath(accountId, id), new Map(), 404)),
      ];
      return multistatus(responses, tail);
    }
    case 'query': {
      const unknown = request.filters.find((f) => !QUERYABLE_PROPERTIES.includes(f.name));
      if (unknown) return failure(403, '<card:supported-filter/>');
      const responses: string[] = [];
      let truncated = false;
      for (const card of store.cards(accountId)) {
        if (!matchesFilters(card, request.test, request.filters)) continue;
        if (request.limit !== null && responses.length >= request.limit) {
          truncated = true;
          break;
        }
        responses.push(cardResponse(card, accountId, request.props, request.version));
      }
      // RFC 6352 §8.6.1: a truncated answer says so with a 507 for the request-URI.
      if (truncated) responses.push(responseXml(bookPath(accountId), new Map(), 507));
      return multistatus(responses);
    }
    case 'propfind':
      throw new Error('not a REPORT');
  }
}
