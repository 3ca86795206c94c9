/**
 * Exports as browser downloads in preview mode (there is no save dialog in a browser page): the
 * exporter writes into the profile's `exports/` folder, and the preview server hands the file out
 * at `/exports/NAME?token=…` as an attachment. Only plain names of files in that one folder.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { SECURITY_HEADERS } from '../core/api/renderer-assets.js';

export const DOWNLOAD_PATH = '/exports/';
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

const CONTENT_TYPES: Record<string, string> = {
  '.vcf': 'text/vcard; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

/** The link for a file the exporter wrote, or undefined for a file outside the folder. */
export function downloadPath(folder: string, file: string, token: string): string | undefined {
  const name = path.basename(file);
  if (path.resolve(path.dirname(file)) !== path.resolve(folder) || !NAME.test(name)) {
    return undefined;
  }
  return `${DOWNLOAD_PATH}${encodeURIComponent(name)}?token=${encodeURIComponent(token)}`;
}

/** Sends `exports/NAME`; false when there is no such file (the caller answers 404). */
export function sendDownload(folder: string, name: string, res: http.ServerResponse): boolean {
  if (!NAME.test(name)) return false;
  const file = path.join(folder, name);
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    size = stat.size;
  } catch {
    return false;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
    'Content-Length': String(size),
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  });
  fs.createReadStream(file).pipe(res);
  return true;
}
