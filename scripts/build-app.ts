/**
 * `npm run build`: everything Electron runs, as JavaScript in dist/ — the renderer (Vite), the
 * main process (ESM) with its page-decoding worker, and the preload (CommonJS, one file: sandboxed
 * preloads cannot import).
 * Dependencies stay in node_modules (electron-builder packs them; better-sqlite3 is native).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild, type BuildOptions } from 'esbuild';
import { build as vite } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  // Electron 41's Node; `packages: 'external'` keeps every dependency a runtime import.
  target: 'node22',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

await vite({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
await Promise.all([
  esbuild({
    ...common,
    entryPoints: ['src/main/index.ts'],
    outfile: 'dist/main/index.js',
    format: 'esm',
  }),
  // Beside index.js, where WorkerDecoder (src/main/core/google/page-decoder.ts) looks for it.
  esbuild({
    ...common,
    entryPoints: ['src/main/core/google/decode-worker.ts'],
    outfile: 'dist/main/decode-worker.js',
    format: 'esm',
  }),
  esbuild({
    ...common,
    entryPoints: ['src/main/preload.ts'],
    outfile: 'dist/main/preload.cjs',
    format: 'cjs',
    // Only `electron` may stay a require() in a sandboxed preload; bundle the rest.
    packages: undefined,
    external: ['electron'],
  }),
]);
console.log(
  'built dist/renderer, dist/main/index.js, dist/main/decode-worker.js, dist/main/preload.cjs',
);
