/**
 * `npm run bench`: sync benchmarks of issue #2 (figures in docs/PERFORMANCE.md). The fake Google
 * server runs in its own process; each size runs in a fresh worker process.
 * Options: --sizes 1000,10000,100000; for comparison, --inline-checkpoints (SQLite checkpoints
 * inside COMMIT) and --inline-decoding (pages read on the main thread), as before the workers.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    'inline-checkpoints': { type: 'boolean', default: false },
    'inline-decoding': { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number);

const server = spawn(tsx, [path.join(root, 'tests/fake-google/main.ts'), '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const info: Record<string, string> = {};
for await (const line of readline.createInterface({ input: server.stdout! })) {
  const [key, value] = line.split('=');
  if (key && value) info[key] = value;
  if (info['FAKE_GOOGLE_URL'] && info['FAKE_GOOGLE_REFRESH_TOKEN']) break;
}

interface Result {
  size: number;
  fullMs: number;
  fullCpuMs: number;
  contactsPerSecond: number;
  fullApiCalls: number;
  peakRssMb: number;
  bareMs: number;
  incrementalMedianMs: number;
  incrementalApiCalls: number;
  noChangeApiCalls: number;
  dbMb: number;
}
const results: Result[] = [];
try {
  for (const size of sizes) {
    const worker = spawnSync(
      tsx,
      [
        path.join(root, 'bench/sync-worker.ts'),
        '--url',
        info['FAKE_GOOGLE_URL']!,
        '--refresh-token',
        info['FAKE_GOOGLE_REFRESH_TOKEN']!,
        '--contacts',
        String(size),
        ...(values['inline-checkpoints'] ? ['--inline-checkpoints'] : []),
        ...(values['inline-decoding'] ? ['--inline-decoding'] : []),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (worker.status !== 0)
      throw new Error(
        `worker for ${size} failed: ${worker.status} ${worker.signal} ${worker.stdout}`,
      );
    results.push(JSON.parse(worker.stdout.trim().split('\n').pop()!) as Result);
  }
} finally {
  server.kill('SIGTERM');
}

const f = (n: number, digits = 0) => n.toFixed(digits);
console.log('\nFull sync (fake Google in another process, pages of 1000)');
console.log(
  'contacts  time ms  client CPU ms  contacts/s  API calls  peak RSS MB  bare upsert ms  ratio  db MB',
);
for (const r of results) {
  console.log(
    `${String(r.size).padStart(8)}  ${f(r.fullMs).padStart(7)}  ${f(r.fullCpuMs).padStart(13)}  ${f(r.contactsPerSecond).padStart(10)}  ` +
      `${String(r.fullApiCalls).padStart(9)}  ${f(r.peakRssMb).padStart(11)}  ${f(r.bareMs).padStart(14)}  ` +
      `${f(r.fullMs / r.bareMs, 2).padStart(5)}  ${f(r.dbMb, 1).padStart(5)}`,
  );
}
console.log('\nIncremental sync of 10 changes (median of 7)');
console.log('contacts  time ms  API calls  no-change API calls');
for (const r of results) {
  console.log(
    `${String(r.size).padStart(8)}  ${f(r.incrementalMedianMs, 1).padStart(7)}  ${String(r.incrementalApiCalls).padStart(9)}  ${String(r.noChangeApiCalls).padStart(19)}`,
  );
}
const bySize = new Map(results.map((r) => [r.size, r]));
const [small, mid, big] = [bySize.get(1000), bySize.get(10000), bySize.get(100000)];
if (small && big) {
  console.log(
    `\nincremental 100k / 1k: ${f(big.incrementalMedianMs / small.incrementalMedianMs, 2)} (target ≤ 1.5)`,
  );
}
if (mid && big) {
  console.log(`peak RSS 100k / 10k: ${f(big.peakRssMb / mid.peakRssMb, 2)} (target ≤ 1.3)`);
  console.log(
    `100k full sync: ${f(big.contactsPerSecond)} contacts/s (target ≥ 20000), ${f(big.fullMs / big.bareMs, 2)}× bare upsert (target ≤ 3)`,
  );
}
