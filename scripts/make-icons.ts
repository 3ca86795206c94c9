/**
 * `npx tsx scripts/make-icons.ts`: draws the app icon (build/icon.png, 512 px, from which
 * electron-builder makes .icns/.ico; and the renderer's favicon) and the four tray icons
 * (src/main/shell/tray-icons.ts, as data URLs so the main bundle needs no asset files). Plain
 * Node, so it runs anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
type Rgb = [number, number, number];
/** Signed distance to a shape (negative inside), in a unit square scaled to the icon. */
type Shape = (x: number, y: number) => number;

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;
const box =
  (cx: number, cy: number, hw: number, hh: number, radius = 0): Shape =>
  (x, y) => {
    const dx = Math.abs(x - cx) - hw + radius;
    const dy = Math.abs(y - cy) - hh + radius;
    return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - radius;
  };
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));
const intersect =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    Math.max(a(x, y), b(x, y));
const clipBelow =
  (shape: Shape, limit: number): Shape =>
  (x, y) =>
    Math.max(shape(x, y), limit - y);

/** A contact: head and shoulders. */
const person = union(circle(0.5, 0.37, 0.14), clipBelow(circle(0.5, 0.9, 0.28), 0.62));
const pauseBars = union(box(0.4, 0.5, 0.06, 0.2, 0.02), box(0.6, 0.5, 0.06, 0.2, 0.02));
const exclamation = union(box(0.5, 0.4, 0.065, 0.19, 0.05), circle(0.5, 0.74, 0.075));

/** Layers painted in order; 4×4 supersampling per pixel for smooth edges. */
function render(size: number, layers: Array<[Shape, Rgb]>): Buffer {
  const rgba = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const [shape, color] of layers) {
        let cover = 0;
        for (let sy = 0; sy < n; sy++) {
          for (let sx = 0; sx < n; sx++) {
            if (shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size) <= 0) cover++;
          }
        }
        const alpha = cover / (n * n);
        [r, g, b] = [0, 1, 2].map((i) => color[i]! * alpha + [r, g, b][i]! * (1 - alpha)) as Rgb;
        a = alpha + a * (1 - alpha);
      }
      const o = (py * size + px) * 4;
      // r, g, b accumulate premultiplied by coverage; PNG wants straight alpha.
      const un = (v: number) => Math.round(a > 0 ? Math.min(255, v / a) : 0);
      rgba.set([un(r), un(g), un(b), Math.round(a * 255)], o);
    }
  }
  return png(size, rgba);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function png(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const WHITE: Rgb = [255, 255, 255];
const disc = circle(0.5, 0.5, 0.47);
const inDisc = intersect(person, disc);
const tray = {
  idle: render(32, [
    [disc, [38, 162, 105]],
    [inDisc, WHITE],
  ]),
  syncing: render(32, [
    [disc, [26, 95, 180]],
    [inDisc, WHITE],
  ]),
  error: render(32, [
    [disc, [192, 28, 40]],
    [exclamation, WHITE],
  ]),
  paused: render(32, [
    [disc, [119, 118, 123]],
    [pauseBars, WHITE],
  ]),
};
const tile = box(0.5, 0.5, 0.44, 0.44, 0.1);
const appIcon = render(512, [
  [tile, [26, 95, 180]],
  [intersect(person, tile), WHITE],
]);

fs.mkdirSync(path.join(root, 'build'), { recursive: true });
fs.writeFileSync(path.join(root, 'build', 'icon.png'), appIcon);
fs.mkdirSync(path.join(root, 'src/renderer/public'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'src/renderer/public/favicon.png'),
  render(64, [
    [tile, [26, 95, 180]],
    [intersect(person, tile), WHITE],
  ]),
);
const entries = Object.entries(tray)
  .map(([state, data]) => `  ${state}: 'data:image/png;base64,${data.toString('base64')}',`)
  .join('\n');
fs.writeFileSync(
  path.join(root, 'src/main/shell/tray-icons.ts'),
  `// Generated by scripts/make-icons.ts; do not edit.\nimport type { TrayIconState } from './tray.js';\n\n` +
    `export const TRAY_ICONS: Record<TrayIconState, string> = {\n${entries}\n};\n`,
);
console.log('wrote build/icon.png, src/renderer/public/favicon.png, src/main/shell/tray-icons.ts');
