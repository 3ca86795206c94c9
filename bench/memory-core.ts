/**
 * The process bench/memory.bench.ts measures, built to JavaScript and run with plain `node`: the
 * core and its API composed as the desktop app's main process composes them (createCoreServices,
 * with the background schedule), against the fake Google server whose URL and refresh token
 * arrive in the environment. It goes through the phases itself and reports each on stdout, one
 * JSON line each, with its own V8 figures every ~100 ms (the parent reads RSS from /proc).
 *
 * Environment: MEMORY_BENCH_DIR, MEMORY_BENCH_REFRESH_TOKEN, MEMORY_BENCH_IDLE_S, and the app's
 * own (CONTACTS_SYNC_GOOGLE_URL, GOOGLE_CLIENT_ID/SECRET, CONTACTS_SYNC_PHOTOS).
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { createCoreServices } from '../src/main/core/api/services.js';
import { FileTokenVault } from '../src/main/core/auth/token-vault.js';
import { AccountsRepo } from '../src/main/core/db/accounts-repo.js';
import type { SyncRun } from '../src/shared/domain.js';

const dir = process.env['MEMORY_BENCH_DIR']!;
const idleMs = Number(process.env['MEMORY_BENCH_IDLE_S'] ?? '60') * 1000;
const MB = 1024 * 1024;

function send(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function heap() {
  const usage = process.memoryUsage();
  return {
    heapUsed: usage.heapUsed / MB,
    heapTotal: usage.heapTotal / MB,
    external: usage.external / MB,
    arrayBuffers: usage.arrayBuffers / MB,
  };
}

const phase = (name: string, extra: Record<string, unknown> = {}) =>
  send({ type: 'phase', name, heap: heap(), ...extra });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sampler = setInterval(() => send({ type: 'heap', heap: heap() }), 100);

const vault = new FileTokenVault(path.join(dir, 'tokens.json'));
const core = createCoreServices({
  databasePath: path.join(dir, 'contacts.db'),
  vault,
  opener: () => undefined,
  env: process.env,
  background: {},
});
core.start();
const account = new AccountsRepo(core.db).upsert(
  'bench@example.com',
  null,
  new Date().toISOString(),
);
vault.set(account.email, { refreshToken: process.env['MEMORY_BENCH_REFRESH_TOKEN']! });

await sleep(5000);
phase('idle at start');

const finished = new Promise<SyncRun>((resolve) => {
  const off = core.api.subscribe((event) => {
    if (event.name === 'runFinished' && event.payload.resource === 'contacts') {
      off();
      resolve(event.payload);
    }
  });
});
// The peak of the import alone: Linux's high-water mark restarts here ("5" resets VmHWM).
try {
  fs.writeFileSync('/proc/self/clear_refs', '5');
} catch {
  // not Linux, or not allowed: the parent's samples still see the peak
}
phase('import started');
const result = await core.api.call('syncNow', {});
if (!result.ok) throw new Error(`syncNow: ${result.error.code} ${result.error.message}`);
const run = (await finished) as SyncRun;
phase('import ended', { run: { status: run.status, fetched: run.counts.fetched } });

await sleep(idleMs);
phase('idle after', { v8: v8.getHeapStatistics() });

// Diagnostics after the measured phases: what a collection and SQLite's shrink would give back.
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  gc();
  await sleep(1000);
  phase('after a full GC');
}
core.db.pragma('shrink_memory');
await sleep(1000);
phase('after shrink_memory');

clearInterval(sampler);
await core.close();
phase('closed');
