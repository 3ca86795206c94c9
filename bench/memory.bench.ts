/**
 * `npm run bench:memory` (issue 15 item 3): the memory of the process that holds the core, as
 * built JavaScript under plain `node` (Electron cannot run here). bench/memory-core.ts composes
 * the core as the desktop app's main process does; it is bundled like the app
 * (scripts/build-cli.ts MAIN_BUILD, with the worker bundles beside it) into .tmp/bench-memory/
 * and run in its own process, the fake Google server (N contacts) in a third. This process reads
 * the core's /proc/<pid>/status every 100 ms and its smaps at each new peak, and prints:
 *   idle at start (5 s after start)            target ≤ 90 MB RSS
 *   peak during the first import of N          target ≤ 300 MB RSS
 *   idle 60 s after the import ended            target ≤ 150 MB RSS
 * with where the memory is at each point: glibc's arenas (main thread / other threads), other
 * anonymous memory (V8 heaps of every thread, large allocations) and mapped files, beside the main
 * thread's V8 heap as the core reports it.
 *
 * Options: --contacts N (100000), --idle-s S (60), --photos (the app's default photo pass on;
 * off by default, see docs/PERFORMANCE.md), --node-option X (repeatable, e.g.
 * --node-option=--max-semi-space-size=4), --env K=V (repeatable, e.g. --env MALLOC_ARENA_MAX=2).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { startFakeGoogle } from './control.js';
import { build } from 'esbuild';
import { MAIN_BUILD, ROOT, WORKER_ENTRIES } from '../scripts/build-cli.js';
import { readCpuSeconds, readMaps, readStatus, type MapsBreakdown } from './proc-memory.js';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '100000' },
    'idle-s': { type: 'string', default: '60' },
    photos: { type: 'boolean', default: false },
    'node-option': { type: 'string', multiple: true, default: [] },
    env: { type: 'string', multiple: true, default: [] },
  },
});
const contacts = Number(values.contacts);

const outDir = path.join(ROOT, '.tmp/bench-memory');
await Promise.all(
  ['bench/memory-core.ts', ...WORKER_ENTRIES].map((entry) =>
    build({
      ...MAIN_BUILD,
      entryPoints: [entry],
      outfile: path.join(outDir, `${path.basename(entry, '.ts')}.js`),
    }),
  ),
);

const fakeGoogle = await startFakeGoogle(contacts);
const fakeProcess = fakeGoogle.process;
const info: Record<string, string> = {
  FAKE_GOOGLE_URL: fakeGoogle.url,
  FAKE_GOOGLE_REFRESH_TOKEN: fakeGoogle.refreshToken,
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-memory-'));
const extraEnv = Object.fromEntries(values.env.map((kv) => kv.split(/=(.*)/s).slice(0, 2)));
const child = spawn(
  process.execPath,
  ['--expose-gc', ...values['node-option'], path.join(outDir, 'memory-core.js')],
  {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      PATH: process.env['PATH'],
      HOME: dir,
      CONTACTS_SYNC_GOOGLE_URL: info['FAKE_GOOGLE_URL'],
      GOOGLE_CLIENT_ID: 'fake-client-id',
      GOOGLE_CLIENT_SECRET: 'fake-client-secret',
      CONTACTS_SYNC_PHOTOS: values.photos ? 'on' : 'off',
      MEMORY_BENCH_DIR: dir,
      MEMORY_BENCH_REFRESH_TOKEN: info['FAKE_GOOGLE_REFRESH_TOKEN'],
      MEMORY_BENCH_IDLE_S: values['idle-s'],
      ...extraEnv,
    },
  },
);
const pid = child.pid!;

interface Heap {
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}
interface Point {
  label: string;
  rss: number;
  hwm: number;
  threads: number;
  heap: Heap | null;
  maps: MapsBreakdown | null;
}

let lastHeap: Heap | null = null;
let maxHeapUsed = 0;
let importing = false;
let imported = false;
let idleMeasured = false;
let highestAfter = 0;
let peak: Point | null = null;
let importStarted = 0;
let importSeconds = 0;
let importCpu = 0;
const points: Point[] = [];
const pointNow = (label: string): Point => {
  const status = readStatus(pid) ?? { rss: NaN, hwm: NaN, threads: 0 };
  return { label, ...status, heap: lastHeap, maps: readMaps(pid) };
};

// Sampled from outside: the core's event loop may be stalled exactly when memory peaks.
const sampler = setInterval(() => {
  const status = readStatus(pid);
  if (!status) return;
  // After the import: the photo pass (--photos) and the release of memory happen here.
  if (imported && !idleMeasured) highestAfter = Math.max(highestAfter, status.rss);
  if (!importing) return;
  // smaps costs a few ms: read it only when the peak has grown by 5 MB or more.
  if (!peak || status.rss > peak.rss + 5) {
    const seconds = (performance.now() - importStarted) / 1000;
    peak = pointNow(`peak, at ${seconds.toFixed(0)} s`);
  }
}, 100);

let fetched = 0;
for await (const line of readline.createInterface({ input: child.stdout! })) {
  const message = JSON.parse(line) as { type: string; name?: string; heap: Heap; run?: never };
  lastHeap = message.heap;
  if (importing) maxHeapUsed = Math.max(maxHeapUsed, message.heap.heapUsed);
  if (message.type !== 'phase') continue;
  if (message.name === 'import started') {
    importing = true;
    importStarted = performance.now();
    importCpu = readCpuSeconds(pid);
  }
  if (message.name === 'import ended') {
    importing = false;
    imported = true;
    importSeconds = (performance.now() - importStarted) / 1000;
    importCpu = readCpuSeconds(pid) - importCpu;
    fetched = (message as { run?: { fetched: number } }).run?.fetched ?? 0;
    const end = pointNow('import ended');
    // Set by the sampler's callback, which the compiler does not follow.
    const highest = peak as Point | null;
    if (highest) highest.hwm = end.hwm; // VmHWM was reset when the import started
    points.push(highest ?? end, end);
    continue;
  }
  if (message.name === 'idle after') idleMeasured = true;
  if (message.name !== 'import started' && message.name !== 'closed')
    points.push(pointNow(message.name!));
}
clearInterval(sampler);
fakeProcess.kill();
fs.rmSync(dir, { recursive: true, force: true });

const f = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(0));
console.log(
  `Memory of the core's process (built JS, node ${process.version}), first import of ${contacts} ` +
    `(${fetched} fetched, ${importSeconds.toFixed(1)} s, CPU ${importCpu.toFixed(1)} s); photos ${values.photos ? 'on' : 'off'}; ` +
    `load ${os.loadavg()[0]?.toFixed(2)}, ${os.cpus().length} cores; MB`,
);
if (values['node-option'].length || values.env.length)
  console.log(`  with ${[...values['node-option'], ...values.env].join(' ')}`);
console.log(
  '  point                  RSS  (HWM) threads | main arena  thread arenas  other anon  files | V8 heap used/total  external',
);
for (const p of points) {
  const m = p.maps;
  console.log(
    `  ${p.label.padEnd(20)} ${f(p.rss).padStart(5)} ${`(${f(p.hwm)})`.padStart(6)} ${String(p.threads).padStart(7)} | ` +
      `${f(m?.mainArena).padStart(10)} ${f(m?.threadArenas).padStart(14)} ${f(m?.otherAnon).padStart(11)} ${f(m?.files).padStart(6)} | ` +
      `${`${f(p.heap?.heapUsed)} / ${f(p.heap?.heapTotal)}`.padStart(18)} ${f(p.heap?.external).padStart(9)}`,
  );
}
console.log(`  main thread's V8 heap used, highest sample during the import: ${f(maxHeapUsed)} MB`);
console.log(`  highest RSS between the import's end and "idle after": ${f(highestAfter)} MB`);

const at = (label: string) => points.find((p) => p.label.startsWith(label));
const peakRss = Math.max(at('peak')?.rss ?? NaN, at('peak')?.hwm ?? NaN);
const verdict = (name: string, value: number | undefined, target: number) =>
  `  ${name.padEnd(34)} ${f(value).padStart(5)} MB  target ≤ ${target} MB: ${value !== undefined && value <= target ? 'met' : 'NOT met'}`;
console.log('targets (issue 15 item 3):');
console.log(verdict('idle at start', at('idle at start')?.rss, 90));
console.log(verdict('peak during the import (VmHWM)', peakRss, 300));
console.log(verdict(`idle ${values['idle-s']} s after the import`, at('idle after')?.rss, 150));
