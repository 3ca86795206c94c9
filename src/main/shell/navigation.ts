/**
 * Where the app's web contents may go (DESIGN §9): nowhere. The renderer is our app:// page;
 * navigation, redirects, new windows and <webview> are refused, and https: links open in the
 * system browser instead.
 */
import type { PreventableEvent, WebContentsLike } from './ports.js';

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

/** Only https:, and never with credentials in the URL (a classic disguise for a phishing host). */
export function isAllowedExternalUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.hostname !== ''
  );
}

export type OpenExternal = (url: string) => Promise<void> | void;

/** Applies the rules above to one web contents (call it for every one that gets created). */
export function hardenWebContents(contents: WebContentsLike, openExternal: OpenExternal): void {
  const openIfAllowed = (url: string) => {
    if (isAllowedExternalUrl(url)) void Promise.resolve(openExternal(url)).catch(() => undefined);
  };
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
