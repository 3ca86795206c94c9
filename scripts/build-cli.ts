/**
 * Builds the command line to JavaScript (dist/main/cli.js beside its page-decoding worker), so
 * `contacts-sync` starts without transpiling TypeScript. `npm ci` runs it (the `prepare` script);
 * `npm run build` runs it as part of the app's build.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild, type BuildOptions } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Main-process code: Electron 41's Node; `packages: 'external'` keeps dependencies runtime imports. */
export const MAIN_BUILD: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: ROOT,
  format: 'esm',
};

/** Worker threads' modules; each is bundled as dist/main/<name>.js. */
export const WORKER_ENTRIES = [
  'src/main/core/google/decode-worker.ts',
  'src/main/core/sync/sync-writer-worker.ts',
  'src/main/core/export/export-worker.ts',
  'src/main/core/services/figures-worker.ts',
];

/**
 * The command line is bundled with its dependencies (all but the native better-sqlite3 and `open`,
 * which runs a script of its package): loading one minified file instead of ~1,000 modules is
 * what makes `contacts-sync status` start in ~0.25 s instead of ~0.8 s (bench/cli-startup.bench.ts).
 */
export async function buildCli(outDir = path.join(ROOT, 'dist/main')): Promise<void> {
  await Promise.all([
    esbuild({
      ...MAIN_BUILD,
      entryPoints: ['src/main/cli.ts'],
      outfile: path.join(outDir, 'cli.js'),
      packages: undefined,
      external: ['better-sqlite3', 'open'],
      minify: true,
      // Bundled CommonJS dependencies call require() for Node's own modules.
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
    }),
    // Beside the bundles that start them, where workerEntry (core/workers.ts) looks.
    ...WORKER_ENTRIES.map((entry) =>
      esbuild({
        ...MAIN_BUILD,
        entryPoints: [entry],
        outfile: path.join(outDir, `${path.basename(entry, '.ts')}.js`),
      }),
    ),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli();
  console.log(`built dist/main/cli.js and ${WORKER_ENTRIES.length} worker bundles`);
}
