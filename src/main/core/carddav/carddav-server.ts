/**
 * A read-only CardDAV server (RFC 6352) over the mirror, on 127.0.0.1: discovery, PROPFIND,
 * addressbook-multiget, addressbook-query, sync-collection (RFC 6578) and GET. Writes are
 * refused 403 with a sentence saying why. Every request needs the app password (HTTP Basic).
 */
import http from 'node:http';
import { baseUrl, close, listen } from '../directory/http-listen.js';
import type { Clock } from '../clock.js';
import { createLogger } from '../logger.js';
import { BasicAuthGate } from './basic-auth.js';
import type { CardStore } from './card-store.js';
import { DavRequestError, parsePropfind, parseReport } from './dav-xml.js';
import { answerPropfind, answerReport, type DavAnswer } from './dav-methods.js';
import { cardText, resolvePath, VCARD_CONTENT_TYPE } from './resources.js';

const log = createLogger('carddav');

/** Request bodies are a few hundred bytes; a multiget of 10,000 hrefs is ~600 KB. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export const READ_ONLY_MESSAGE =
  'This address book is a read-only copy of your Google contacts. Change contacts in Google ' +
  'Contacts; the next sync brings the change here.\n';

export interface CardDavOptions {
  store: CardStore;
  clock: Clock;
  credentials: () => { username: string; password: string };
}

export interface ClientSeen {
  at: string;
  userAgent: string | null;
}

class BodyTooLarge extends Error {}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const LOOPBACK_HOSTS = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

export class CardDavServer {
  private server: http.Server | null = null;
  private readonly gate: BasicAuthGate;
  private lastClient: ClientSeen | null = null;

  constructor(private readonly options: CardDavOptions) {
    this.gate = new BasicAuthGate(options.credentials, options.clock);
  }

  /** Listens on 127.0.0.1 (only); port 0 picks a free one. Returns the base URL. */
  async start(port: number): Promise<string> {
    if (this.server) throw new Error('The CardDAV server is already running.');
    const server = http.createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        log.error('request failed', { error: String(error) });
        if (!response.headersSent) send(response, 500, 'The address book could not be read.\n');
        else response.destroy();
      });
    });
    // Slow or idle clients must not hold sockets forever.
    server.requestTimeout = 60_000;
    server.headersTimeout = 20_000;
    await listen(server, port, '127.0.0.1');
    this.server = server;
    return this.url() ?? '';
  }

  url(): string | null {
    return baseUrl(this.server);
  }

  clientSeen(): ClientSeen | null {
    return this.lastClient;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await close(server);
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse) {
    // DNS rebinding: a web page whose name now points at 127.0.0.1 sends its own Host.
    if (!LOOPBACK_HOSTS.test(request.headers.host ?? '')) {
      send(response, 421, 'This server answers only requests addressed to 127.0.0.1.\n');
      return;
    }
    const verdict = this.gate.check(request.headers.authorization);
    if (verdict === 'throttled') {
      const wait = this.gate.retryAfterSeconds();
      send(response, 429, `Too many wrong passwords. Try again in ${wait} s.\n`, {
        'retry-after': String(wait),
      });
      return;
    }
    if (verdict !== 'ok') {
      send(response, 401, 'Give the user name and app password shown in Settings.\n', {
        'www-authenticate': 'Basic realm="Contacts Sync Agent", charset="UTF-8"',
      });
      return;
    }
    this.lastClient = {
      at: this.options.clock.now().toISOString(),
      userAgent: request.headers['user-agent']?.slice(0, 200) ?? null,
    };
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      send(response, 400, 'The request path is not a valid URL path.\n');
      return;
    }
    if (pathname === '/.well-known/carddav' || pathname === '/.well-known/carddav/') {
      send(response, 301, '', { location: '/' });
      return;
    }
    const resource = resolvePath(pathname);
    if (!resource) {
      send(response, 404, 'Nothing here: the address books are under /addressbooks/.\n');
      return;
    }
    const method = request.method ?? 'GET';
    let body: string;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        send(response, 413, 'The request body is too large.\n', { connection: 'close' });
        return;
      }
      throw error;
    }
    let answer: DavAnswer;
    try {
      answer = this.dispatch(method, resource, body, request.headers);
    } catch (error) {
      if (!(error instanceof DavRequestError)) throw error;
      answer = { status: 400, body: `${error.message}\n`, type: 'text/plain; charset=utf-8' };
    }
    send(response, answer.status, method === 'HEAD' ? '' : answer.body, {
      'content-type': answer.type,
      ...answer.headers,
    });
  }

  private dispatch(
    method: string,
    resource: NonNullable<ReturnType<typeof resolvePath>>,
    body: string,
    headers: http.IncomingHttpHeaders,
  ): DavAnswer {
    const { store } = this.options;
    switch (method) {
      case 'OPTIONS':
        return {
          status: 200,
          body: '',
          type: 'text/plain',
          headers: {
            dav: '1, 3, addressbook',
            allow: 'OPTIONS, GET, HEAD, PROPFIND, REPORT',
          },
        };
      case 'PROPFIND':
        return answerPropfind(store, resource, parsePropfind(body), depthOf(headers));
      case 'REPORT':
        return answerReport(store, resource, parseReport(body));
      case 'GET':
      case 'HEAD': {
        if (resource.kind !== 'card') {
          return text(
            200,
            'Contacts Sync Agent: a read-only CardDAV server. Use a CardDAV client.\n',
          );
        }
        const card = store
          .cardsByIds(resource.accountId, [resource.contactId])
          .get(resource.contactId);
        if (!card) return text(404, 'No such contact: it may have been deleted in Google.\n');
        if (headers['if-none-match'] === card.etag) {
          return { status: 304, body: '', type: VCARD_CONTENT_TYPE, headers: { etag: card.etag } };
        }
        // Content negotiation (RFC 6352 §5.1.1): vCard 4.0 when the client asks for it.
        const version = /version\s*=\s*"?4\.0/i.test(headers.accept ?? '') ? '4.0' : '3.0';
        return {
          status: 200,
          body: cardText(card, version),
          type: VCARD_CONTENT_TYPE,
          headers: { etag: card.etag, vary: 'Accept' },
        };
      }
      default:
        return text(403, READ_ONLY_MESSAGE);
    }
  }
}

function depthOf(headers: http.IncomingHttpHeaders): 0 | 1 {
  // "infinity" is served as 1: there is nothing deeper than a book's cards.
  return headers['depth'] === '0' ? 0 : 1;
}

function text(status: number, body: string): DavAnswer {
  return { status, body, type: 'text/plain; charset=utf-8' };
}

function send(
  response: http.ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
    'content-length': String(Buffer.byteLength(body)),
  });
  response.end(body);
}
