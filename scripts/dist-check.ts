/**
 * `npm run dist:check`: packages the app as electron-builder would for Linux (`--dir`), with a
 * stand-in Electron distribution (a dummy binary: the real one cannot be downloaded here, so no
 * fuses either, which need it), then checks what a person would install: the asar holds the main
 * process, preload, workers and renderer and no development dependency, stays within its size
 * budget, better-sqlite3's native module is unpacked beside it, and the afterPack hook judges that
 * module's ABI correctly (here, offline, it was not rebuilt for Electron, so the hook must refuse
 * the build; on a machine where the rebuild ran, it must let it through).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { build as electronBuilder, Platform } from 'electron-builder';
import { abiMismatch, abiOfNativeModule, nativeModulePath } from '../build/after-pack.mjs';
import { ROOT, WORKER_ENTRIES } from './build-cli.js';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage(file: string, options: object): string[];
  extractFile(file: string, inside: string): Buffer;
};
const { getAbi } = require('node-abi') as { getAbi(version: string, runtime: string): string };

/** The asar must stay under this (today ~21 MB: the renderer, dist/main and production deps). */
const ASAR_BUDGET_BYTES = 40 * 1024 * 1024;
const REQUIRED = [
  '/dist/main/index.js',
  '/dist/main/preload.cjs',
  ...WORKER_ENTRIES.map((entry) => `/dist/main/${path.basename(entry, '.ts')}.js`),
  '/dist/main/cli.js',
  '/dist/renderer/index.html',
  '/package.json',
];

const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dist-check-'));
const standIn = path.join(work, 'electron-dist');
fs.mkdirSync(path.join(standIn, 'resources'), { recursive: true });
fs.writeFileSync(path.join(standIn, 'electron'), '#!/bin/sh\necho stand-in electron\n', {
  mode: 0o755,
});
const electronVersion = (require('electron/package.json') as { version: string }).version;
fs.writeFileSync(path.join(standIn, 'version'), electronVersion);
const output = path.join(work, 'out');

let hookError: Error | null = null;
try {
  await electronBuilder({
    projectDir: ROOT,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: {
      electronDist: standIn,
      electronVersion,
      // Rebuilding for Electron downloads its headers, which cannot be reached here; fuses need
      // the real binary. Both run in a real `npm run dist`.
      npmRebuild: false,
      electronFuses: null,
      directories: { output },
    },
  });
} catch (error) {
  hookError = error as Error;
}

const appOutDir = path.join(output, 'linux-unpacked');
const asarFile = path.join(appOutDir, 'resources', 'app.asar');
check(fs.existsSync(asarFile), 'app.asar was written');
if (fs.existsSync(asarFile)) {
  const files = new Set(asar.listPackage(asarFile, { isPack: false }));
  for (const file of REQUIRED) check(files.has(file), `app.asar holds ${file}`);
  // The lockfile marks every package only development needs (directly or through others);
  // electron-builder may hoist a package elsewhere, so it is matched by name and version.
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { name?: string; version?: string; dev?: boolean }>;
  };
  const neededInProduction = new Set(
    Object.entries(lock.packages)
      .filter(([, entry]) => !entry.dev)
      // An alias (`wrap-ansi-cjs` for `npm:wrap-ansi@7`) carries its real name.
      .map(
        ([key, entry]) => `${entry.name ?? key.replace(/^.*node_modules\//, '')}@${entry.version}`,
      ),
  );
  const devInside = [...files]
    .filter((file) => /^\/node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(file))
    .map((file) => {
      const manifest = JSON.parse(asar.extractFile(asarFile, file.slice(1)).toString()) as {
        name: string;
        version: string;
      };
      return `${manifest.name}@${manifest.version}`;
    })
    .filter((id) => !neededInProduction.has(id));
  check(
    devInside.length === 0,
    `no development-only package inside (${devInside.slice(0, 10).join(', ') || 'none'})`,
  );
  check(![...files].some((file) => file.startsWith('/src/')), 'no TypeScript sources inside');
  const size = fs.statSync(asarFile).size;
  check(
    size <= ASAR_BUDGET_BYTES,
    `app.asar is ${(size / 1e6).toFixed(1)} MB (budget ${ASAR_BUDGET_BYTES / 1024 / 1024} MiB)`,
  );
}

const native = nativeModulePath(appOutDir, 'linux', 'contacts-sync-agent');
check(fs.existsSync(native), 'better_sqlite3.node is unpacked beside app.asar');
if (fs.existsSync(native)) {
  const found = abiOfNativeModule(fs.readFileSync(native));
  const expected = Number(getAbi(electronVersion, 'electron'));
  const mismatch = abiMismatch(found, electronVersion, expected);
  console.log(`     native module ABI ${found}, Electron ${electronVersion} needs ${expected}`);
  if (mismatch) {
    check(
      hookError?.message.includes('The app would not start') ?? false,
      'the afterPack hook refused the mismatched native module',
    );
  } else {
    check(hookError === null, `the build passed the hook (${hookError?.message ?? 'no error'})`);
  }
}
if (hookError && !hookError.message.includes('The app would not start')) {
  check(false, `electron-builder failed for another reason: ${hookError.message}`);
}

fs.rmSync(work, { recursive: true, force: true });
console.log(failures.length === 0 ? 'dist:check passed' : `dist:check FAILED: ${failures.length}`);
process.exitCode = failures.length === 0 ? 0 : 1;
