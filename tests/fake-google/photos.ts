/**
 * Contact photos of the fake server: Google's photo URLs point to its image host, so the server
 * puts its own origin in their place (`photoUrlOf`) and answers them here with a small PNG, sized
 * by the `=sN` option as Google's image host is, coloured by the photo's ID. Default photos
 * (`/cm/…`, `default: true`) are served too: the app must not ask for them, and tests count.
 */
import { deflateSync } from 'node:zlib';
import type { Reply } from './http.js';
import { googleError } from './http.js';
import type { ContactFields } from './types.js';

export const GOOGLE_PHOTO_ORIGIN = 'https://lh3.googleusercontent.com';
const PHOTO_PATH = /^\/(contacts|cm)\/([A-Za-z0-9_-]+)(?:=([a-z0-9-]*))?$/;

/** The URL a listing shows for a stored photo URL, on this server when it is Google's. */
export function photoUrlOf(url: string, origin: string | null): string {
  return origin && url.startsWith(`${GOOGLE_PHOTO_ORIGIN}/`)
    ? origin + url.slice(GOOGLE_PHOTO_ORIGIN.length)
    : url;
}

/** `fields` with Google's photo URLs moved to `origin` (the same object when there is none). */
export function withPhotoOrigin(fields: ContactFields, origin: string | null): ContactFields {
  if (!origin || !fields.photos) return fields;
  const photos = fields.photos.map((p) => (p.url ? { ...p, url: photoUrlOf(p.url, origin) } : p));
  return { ...fields, photos };
}

export const isPhotoPath = (path: string): boolean => PHOTO_PATH.test(path);

/** GET of a photo path: a PNG of the requested size (`=s64`, default 100, at most 512). */
export function photoReply(path: string): Reply {
  const match = PHOTO_PATH.exec(path);
  if (!match) return googleError(404, 'Not found');
  const size = Math.min(512, Math.max(8, Number(/(?:^|-)s(\d+)/.exec(match[3] ?? '')?.[1] ?? 100)));
  const id = match[2] as string;
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  const rgb = [hash & 0xff, (hash >>> 8) & 0xff, (hash >>> 16) & 0xff].map((c) => 64 + (c % 160));
  return {
    status: 200,
    headers: { 'content-type': 'image/png', 'cache-control': 'private, max-age=86400' },
    body: solidPng(size, rgb as [number, number, number]),
  };
}

/** A `size`×`size` PNG: a disc of `rgb` on a lighter ground, so a shown photo is recognisable. */
export function solidPng(size: number, rgb: [number, number, number]): Buffer {
  const light = rgb.map((c) => Math.min(255, c + 70));
  const raw = Buffer.alloc((size * 3 + 1) * size);
  const r = size / 2;
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    for (let x = 0; x < size; x++) {
      const inside = (x - r + 0.5) ** 2 + (y - r * 0.8) ** 2 < (r * 0.45) ** 2 || y > size * 0.75;
      const colour = inside ? rgb : light;
      raw.set(colour, row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
