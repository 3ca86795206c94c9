/**
 * Where the app's web contents may go (DESIGN §9): nowhere. The renderer is our app:// page;
 * navigation, redirects, new windows and <webview> are refused, and allow-listed links open in
 * the system browser instead.
 */
import { createLogger } from '../core/logger.js';
import type { PreventableEvent, WebContentsLike } from './ports.js';

const log = createLogger('navigation');

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A page of our own renderer, served by the app:// protocol. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/**
 * Pages the app has reason to send a person to: their Google account (permissions, security),
 * Google Contacts, the Cloud Console (their own sign-in client) and Google's help. Anything else
 * in a contact's data or a synced note stays text, not a link the app opens.
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  'accounts.google.com',
  'myaccount.google.com',
  'contacts.google.com',
  'console.cloud.google.com',
  'support.google.com',
];

/** One plain address: no second recipient, no header hidden in an encoding. */
const MAIL_ADDRESS = /^[^\s\p{Cc}@?&#,;:<>"/\\%]+@[^\s\p{Cc}@?&#,;:<>"/\\%]+$/u;
/** A number to dial: digits and the usual separators, never `*` or `#` (service codes). */
const DIAL_NUMBER = /^\+?[\d\s().-]*\d[\d\s().-]*$/;

function decoded(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * mailto: one address and nothing else (a `?attach=` or `?bcc=` could make a mail program send
 * a file or a copy), and tel: a plain number (a `*`/`#` code could, say, forward calls).
 */
function isContactAction(parsed: URL): boolean {
  if (parsed.search !== '' || parsed.hash !== '') return false;
  const path = decoded(parsed.pathname);
  if (path === null) return false;
  return parsed.protocol === 'mailto:' ? MAIL_ADDRESS.test(path) : DIAL_NUMBER.test(path);
}

/**
 * https: to one of EXTERNAL_HOSTS (or an origin in `alsoOrigins`: the configured sign-in page),
 * never with credentials in the URL (a classic disguise); mailto: and tel: for a contact's
 * address and number.
 */
export function isAllowedExternalUrl(url: string, alsoOrigins: readonly string[] = []): boolean {
  const parsed = parse(url);
  if (parsed === null) return false;
  if (parsed.protocol === 'mailto:' || parsed.protocol === 'tel:') return isContactAction(parsed);
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (alsoOrigins.includes(parsed.origin)) return true;
  return parsed.protocol === 'https:' && EXTERNAL_HOSTS.includes(parsed.hostname);
}

/**
 * What a log may say about a refused URL: its scheme and host. Never the path, query or
 * fragment, which can hold tokens, codes or a contact's address.
 */
export function describeRefusedUrl(url: string): string {
  const parsed = parse(url);
  if (parsed === null) return 'an unreadable URL';
  return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
}

export type OpenExternal = (url: string) => Promise<void> | void;

/** `shell.openExternal` behind the allow-list; a refused URL is logged without its details. */
export function allowListedOpener(
  openExternal: OpenExternal,
  alsoOrigins: readonly string[] = [],
): (url: string) => Promise<void> {
  return async (url) => {
    if (!isAllowedExternalUrl(url, alsoOrigins)) {
      log.warn('refused to open a link outside the app', { url: describeRefusedUrl(url) });
      return;
    }
    await openExternal(url);
  };
}

/**
 * Applies the rules above to one web contents. The composition root calls it for every web
 * contents Electron creates (app 'web-contents-created'), not only the main window's.
 */
export function hardenWebContents(contents: WebContentsLike, openExternal: OpenExternal): void {
  const open = allowListedOpener(openExternal);
  const openIfAllowed = (url: string) => void open(url).catch(() => undefined);
  contents.on('will-navigate', (event: PreventableEvent, url: string) => {
    event.preventDefault();
    openIfAllowed(url);
  });
  contents.on('will-redirect', (event: PreventableEvent) => event.preventDefault());
  contents.on('will-attach-webview', (event: PreventableEvent) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
}
