/**
 * The preview transport (DESIGN §1): the built renderer and the handler table over a WebSocket,
 * for a normal browser on this machine. Listens on 127.0.0.1 only; the page and the socket need
 * the random token in the URL, and the socket also our own Origin and Host (so another site open
 * in the same browser, or a DNS-rebinding page, cannot reach the API). Development and tests only.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { ApiEndpoint } from '../core/api/ports.js';
import { readAsset, SECURITY_HEADERS, type Asset } from '../core/api/renderer-assets.js';
import { isPhotoRequest } from '../core/photos/serve-photo.js';
import { createLogger } from '../core/logger.js';
import { DOWNLOAD_PATH, downloadPath, sendDownload } from './downloads.js';

const log = createLogger('preview');

export const PREVIEW_HOST = '127.0.0.1';
export const API_PATH = '/api';
const MAX_MESSAGE_BYTES = 1024 * 1024;
/** A client that stopped reading loses progress events rather than growing our memory. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const INTERNAL = { code: 'INTERNAL', message: 'Something went wrong inside the app.' };

export interface PreviewServerOptions {
  endpoint: ApiEndpoint;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The folder exports are written to, served as downloads (preview has no save dialog). */
  downloadsDir?: string;
  /** Cached contact photos under /photos/ (core/photos/serve-photo.ts). */
  readPhoto?: (urlPath: string) => Promise<Asset>;
}

/** The page's token, echoed as a cookie so its `<img>` requests for photos carry it too. */
const TOKEN_COOKIE = 'preview_token';

/** One request frame: `{id, method, params}`; answered by `{id, result}`. */
interface RequestFrame {
  id: number;
  method: unknown;
  params: unknown;
}

function parseFrame(data: RawData, isBinary: boolean): RequestFrame | null {
  if (isBinary) return null;
  try {
    const frame: unknown = JSON.parse(data.toString());
    if (typeof frame !== 'object' || frame === null) return null;
    const { id, method, params } = frame as Record<string, unknown>;
    return Number.isSafeInteger(id) ? { id: id as number, method, params } : null;
  } catch {
    return null;
  }
}

export class PreviewServer {
  readonly token = randomBytes(24).toString('base64url');
  private readonly http: http.Server;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private port = 0;

  private constructor(private readonly options: PreviewServerOptions) {
    this.http = http.createServer((req, res) => void this.serve(req, res));
    this.http.on('upgrade', (req, socket) => this.upgrade(req, socket));
  }

  static async start(options: PreviewServerOptions): Promise<PreviewServer> {
    const server = new PreviewServer(options);
    await new Promise<void>((resolve, reject) => {
      server.http.once('error', reject);
      server.http.listen(options.port ?? 0, PREVIEW_HOST, () => resolve());
    });
    server.port = (server.http.address() as AddressInfo).port;
    return server;
  }

  get origin(): string {
    return `http://${PREVIEW_HOST}:${this.port}`;
  }

  /** The URL to open: the page, with the token that admits it and its WebSocket. */
  get url(): string {
    return `${this.origin}/?token=${this.token}`;
  }

  address(): AddressInfo {
    return this.http.address() as AddressInfo;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private hasToken(url: URL): boolean {
    return this.isToken(url.searchParams.get('token'));
  }

  private hasTokenCookie(req: http.IncomingMessage): boolean {
    const cookies = (req.headers.cookie ?? '').split(';').map((c) => c.trim());
    const cookie = cookies.find((c) => c.startsWith(`${TOKEN_COOKIE}=`));
    return this.isToken(cookie?.slice(TOKEN_COOKIE.length + 1) ?? null);
  }

  private isToken(value: string | null): boolean {
    const given = Buffer.from(value ?? '');
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Only requests addressed to 127.0.0.1:port by name (a rebinding page has another Host). */
  private requestUrl(req: http.IncomingMessage): URL | null {
    if (req.headers.host !== `${PREVIEW_HOST}:${this.port}`) return null;
    try {
      return new URL(req.url ?? '/', this.origin);
    } catch {
      return null;
    }
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = this.requestUrl(req);
    const deny = (status: number, text: string) => {
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (!url) return deny(403, 'Forbidden');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(405, 'Method not allowed');
    if (url.pathname.startsWith(DOWNLOAD_PATH)) return this.download(url, res, deny);
    const isPage = url.pathname === '/' || url.pathname === '/index.html';
    if (isPage && !this.hasToken(url)) {
      return deny(
        403,
        'Open the URL that "npm run preview" printed (it carries the access token).',
      );
    }
    // Photos are the person's data, not the app's files: only for the page that has the token.
    const readPhoto = isPhotoRequest(url.pathname) ? this.options.readPhoto : undefined;
    if (readPhoto && !this.hasTokenCookie(req)) return deny(403, 'Forbidden');
    const asset = readPhoto
      ? await readPhoto(url.pathname)
      : await readAsset(this.options.rendererDir, url.pathname);
    const cookie = isPage
      ? { 'Set-Cookie': `${TOKEN_COOKIE}=${this.token}; Path=/; HttpOnly; SameSite=Strict` }
      : {};
    res.writeHead(asset.status, { ...asset.headers, ...cookie, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  }

  /** The link the page downloads an export from, for a file in `downloadsDir`. */
  downloadUrlFor(file: string): string | undefined {
    const folder = this.options.downloadsDir;
    return folder === undefined ? undefined : downloadPath(folder, file, this.token);
  }

  private download(url: URL, res: http.ServerResponse, deny: (s: number, t: string) => void) {
    const folder = this.options.downloadsDir;
    if (!this.hasToken(url)) return deny(403, 'Forbidden');
    const name = decodeURIComponent(url.pathname.slice(DOWNLOAD_PATH.length));
    if (folder === undefined || !sendDownload(folder, name, res)) deny(404, 'Not found');
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex): void {
    const url = this.requestUrl(req);
    const allowed =
      url !== null &&
      url.pathname === API_PATH &&
      req.headers.origin === this.origin &&
      this.hasToken(url);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, Buffer.alloc(0), (ws) => this.connect(ws));
  }

  private connect(ws: WebSocket): void {
    const send = (message: unknown) => {
      if (ws.readyState !== ws.OPEN) return;
      try {
        ws.send(JSON.stringify(message));
      } catch (caught) {
        log.warn('could not send to a preview client', { error: (caught as Error).name });
      }
    };
    const unsubscribe = this.options.endpoint.subscribe((event) => {
      if (ws.bufferedAmount < MAX_BUFFERED_BYTES)
        send({ event: event.name, payload: event.payload });
    });
    ws.on('message', (data, isBinary) => {
      const frame = parseFrame(data, isBinary);
      if (!frame) {
        send({
          id: null,
          result: {
            ok: false,
            error: { code: 'INVALID_ARGUMENT', message: 'Unreadable message.' },
          },
        });
        return;
      }
      void this.options.endpoint
        .call(frame.method, frame.params)
        .then((result) => send({ id: frame.id, result }))
        .catch(() => send({ id: frame.id, result: { ok: false, error: INTERNAL } }));
    });
    ws.on('close', unsubscribe);
    ws.on('error', () => ws.terminate());
  }
}
