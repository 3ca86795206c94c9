/**
 * Serving the built renderer, shared by both transports: Electron's app:// protocol and the
 * preview HTTP server. Same files, same Content-Security-Policy, same path checks.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * DESIGN §9: no remote content, no inline script, no eval. `connect-src 'self'` also admits the
 * preview's WebSocket, which lives on the page's own host and port.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The file under `root` that a URL path names, or null when it names nothing servable (outside
 * the root, a dotfile, an unknown type). "/" is the app's index.html.
 */
export function resolveAsset(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((part) => part.startsWith('.'))) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (!file.startsWith(base + path.sep)) return null;
  return path.extname(file) in CONTENT_TYPES ? file : null;
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
}

export interface Asset {
  status: 200 | 404;
  headers: Record<string, string>;
  body: Buffer;
}

/** Reads an asset with its headers; a 404 (never an exception) for anything not servable. */
export async function readAsset(root: string, urlPath: string): Promise<Asset> {
  const file = resolveAsset(root, urlPath);
  if (file) {
    try {
      const body = await fs.readFile(file);
      return {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) },
        body,
      };
    } catch {
      // fall through: a missing file is a 404 like any other
    }
  }
  return {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: Buffer.from('Not found'),
  };
}
