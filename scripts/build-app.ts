/**
 * `npm run build`: everything Electron runs, as JavaScript in dist/ — the renderer (Vite), the
 * main process (ESM) with its page-decoding worker, and the preload (CommonJS, one file: sandboxed
 * preloads cannot import).
 * Dependencies stay in node_modules (electron-builder packs them; better-sqlite3 is native).
 */
import path from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { buildCli, MAIN_BUILD as common, ROOT as root } from './build-cli.js';

await vite({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
await Promise.all([
  esbuild({ ...common, entryPoints: ['src/main/index.ts'], outfile: 'dist/main/index.js' }),
  buildCli(),
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
console.log('built dist/renderer, dist/main/index.js, cli.js, its workers and preload.cjs');
