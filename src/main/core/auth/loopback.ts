/**
 * The loopback receiver of Google's installed-app OAuth flow (DESIGN §9): an HTTP server on
 * 127.0.0.1 (never 0.0.0.0) on a random port that serves one path, accepts exactly one GET with the
 * expected `state`, shows the person a small page with the outcome, then closes. It times out and
 * can be cancelled. Anything else — a wrong `state` included — is answered with an error, creates
 * nothing and leaves the sign-in waiting for the real answer.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../errors.js';
import { createLogger } from '../logger.js';

const log = createLogger('auth');

export const CALLBACK_PATH = '/oauth2callback';
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;

/** What a person reads when the browser never came back: "within 5 min", not "within 300 s". */
export function timeoutMessage(timeoutMs: number): string {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  const wait = seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
  return `No answer came from the browser within ${wait}, so nothing was connected. Start the sign-in again.`;
}

export interface LoopbackOptions<T> {
  /** The random `state` sent with the authorization request; the callback must echo it. */
  state: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Turns the authorization code into the result (token exchange, who signed in). The browser's
   * request stays open meanwhile, so its page can tell the real outcome.
   */
  onCode: (code: string) => Promise<{ value: T; message: string }>;
}

export interface LoopbackReceiver<T> {
  redirectUri: string;
  /** Settles once: the value of `onCode`, or an AppError (SIGN_IN_*). */
  result: Promise<T>;
  /** Resolves when the server has stopped listening. */
  closed: Promise<void>;
  /** Gives up (if still waiting) and stops the server. */
  close(): Promise<void>;
}

interface Outcome<T> {
  value?: T;
  error?: AppError;
  page: { status: number; title: string; message: string };
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function sendPage(res: ServerResponse, page: Outcome<unknown>['page'], onSent?: () => void): void {
  const body = Buffer.from(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escapeHtml(page.title)}</title>` +
      '<body style="font:16px system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em">' +
      `<h1 style="font-size:1.4em">${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p>` +
      '</body></html>',
  );
  res.writeHead(page.status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(body.length),
    'cache-control': 'no-store',
    // The page is static: no scripts, no subresources, and the URL (it holds the code) never leaks.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    connection: 'close',
  });
  res.end(body, onSent);
}

function failure(code: AppError['code'], message: string, status: number, title: string) {
  return { error: new AppError(code, message), page: { status, title, message } };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A callback without our `state` did not come from the sign-in we started (another tab, a stale
 * bookmark, or a page forging one): answered, never allowed to end the sign-in in progress.
 */
const FOREIGN_CALLBACK = {
  status: 400,
  title: 'Not this sign-in',
  message:
    'This sign-in response does not belong to the sign-in in progress (state mismatch), so it was ignored. ' +
    'Finish the sign-in in the window Contacts Sync Agent opened.',
};

/** Reads a callback that carries the right state: the code, or why there is none. */
function readCallback(url: URL): { code: string } | Outcome<never> {
  const error = url.searchParams.get('error');
  if (error === 'access_denied') {
    return failure(
      'SIGN_IN_DENIED',
      'You did not allow Contacts Sync Agent to read your contacts, so no account was connected.',
      403,
      'Access was not granted',
    );
  }
  if (error) {
    return failure(
      'SIGN_IN_FAILED',
      `Google ended the sign-in with the error "${error}". Nothing was connected; try again.`,
      400,
      'Sign-in failed',
    );
  }
  const code = url.searchParams.get('code');
  if (!code) {
    return failure(
      'SIGN_IN_FAILED',
      'The sign-in response had no authorization code. Nothing was connected; try again.',
      400,
      'Sign-in failed',
    );
  }
  return { code };
}

export async function startLoopbackReceiver<T>(
  options: LoopbackOptions<T>,
): Promise<LoopbackReceiver<T>> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = `127.0.0.1:${port}`;
  const redirectUri = `http://${host}${CALLBACK_PATH}`;

  let settle!: { resolve: (value: T) => void; reject: (error: AppError) => void };
  const result = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  // The caller may stop before awaiting (e.g. the browser could not be opened).
  result.catch(() => undefined);
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));

  let phase: 'waiting' | 'exchanging' | 'done' = 'waiting';
  let pending: ServerResponse | null = null;

  const stopServer = () => {
    server.close();
    server.closeAllConnections();
  };
  const finish = (outcome: Outcome<T>) => {
    if (phase === 'done') return;
    phase = 'done';
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (outcome.error) settle.reject(outcome.error);
    else settle.resolve(outcome.value as T);
    const res = pending;
    pending = null;
    if (res && !res.headersSent) sendPage(res, outcome.page, stopServer);
    else stopServer();
  };
  const onAbort = () =>
    finish(failure('SIGN_IN_CANCELLED', 'The sign-in was cancelled.', 409, 'Sign-in cancelled'));
  const timeoutMs = options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS;
  const timer = setTimeout(
    () => finish(failure('SIGN_IN_TIMEOUT', timeoutMessage(timeoutMs), 408, 'Sign-in timed out')),
    timeoutMs,
  );
  options.signal?.addEventListener('abort', onAbort);
  if (options.signal?.aborted) onAbort();

  const exchange = async (res: ServerResponse, code: string) => {
    phase = 'exchanging';
    pending = res;
    // The browser part is over; the token exchange has its own HTTP timeouts.
    clearTimeout(timer);
    try {
      const { value, message } = await options.onCode(code);
      finish({
        value,
        page: { status: 200, title: 'Signed in — you can close this tab', message },
      });
    } catch (caught) {
      // Only our own messages reach the page: a foreign error's text may quote a response body.
      const error =
        caught instanceof AppError
          ? caught
          : new AppError(
              'SIGN_IN_FAILED',
              'The sign-in could not be completed. Nothing was connected; try again.',
              { cause: caught },
            );
      finish({ error, page: { status: 502, title: 'Sign-in failed', message: error.message } });
    }
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    // A page elsewhere reaching us through DNS rebinding sends its own Host; it changes nothing.
    if (req.headers.host !== host) {
      sendPage(res, { status: 400, title: 'Bad request', message: 'Unexpected host.' });
    } else if (url.pathname !== CALLBACK_PATH) {
      sendPage(res, { status: 404, title: 'Not found', message: 'Nothing is served here.' });
    } else if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      sendPage(res, { status: 405, title: 'Method not allowed', message: 'Only GET is accepted.' });
    } else if (phase !== 'waiting') {
      sendPage(res, {
        status: 409,
        title: 'Already handled',
        message: 'This sign-in was already handled; nothing more was done. You can close this tab.',
      });
    } else if (!sameSecret(url.searchParams.get('state') ?? '', options.state)) {
      log.warn('sign-in callback with a foreign state ignored');
      sendPage(res, FOREIGN_CALLBACK);
    } else {
      const callback = readCallback(url);
      if ('code' in callback) {
        void exchange(res, callback.code);
      } else {
        log.warn('sign-in callback rejected', { code: callback.error?.code });
        pending = res;
        finish(callback);
      }
    }
  });

  return {
    redirectUri,
    result,
    closed,
    close: async () => {
      if (phase !== 'done') onAbort();
      await closed;
    },
  };
}
