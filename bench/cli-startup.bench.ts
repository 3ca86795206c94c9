/**
 * `npm run bench:cli`: how long `contacts-sync status` takes to start and answer, against Node
 * loading better-sqlite3 and nothing else, measured interleaved in the same run (issue #18 item 6;
 * target: at most 3× the baseline). The built CLI (dist/main/cli.js) is rebuilt first; the
 * TypeScript sources through tsx are measured too, as the "before".
 *
 * Options: --runs N (default 15)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCli, ROOT } from '../scripts/build-cli.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Number(values.runs);

await buildCli();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-startup-'));
const db = path.join(dir, 'contacts.db');
const bin = path.join(ROOT, 'bin/contacts-sync.js');

const commands = {
  baseline: { args: ['-e', "require('better-sqlite3')"], env: {} },
  built: { args: [bin, '--db', db, 'status'], env: {} },
  source: { args: [bin, '--db', db, 'status'], env: { CONTACTS_SYNC_FROM_SOURCE: '1' } },
} as const;
type Name = keyof typeof commands;

const timings: Record<Name, number[]> = { baseline: [], built: [], source: [] };
for (let run = 0; run <= runs; run++) {
  for (const name of Object.keys(commands) as Name[]) {
    const { args, env } = commands[name];
    const started = performance.now();
    const result = spawnSync(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const ms = performance.now() - started;
    if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr.toString()}`);
    if (run > 0) timings[name].push(ms); // the first round warms the file cache
  }
}
fs.rmSync(dir, { recursive: true, force: true });

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const base = median(timings.baseline);
console.log(
  `contacts-sync status startup, median of ${runs} interleaved runs (load ${os.loadavg()[0]?.toFixed(2)})`,
);
for (const name of Object.keys(commands) as Name[]) {
  const ms = median(timings[name]);
  console.log(
    `  ${name.padEnd(9)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / base).toFixed(2)}× baseline`,
  );
}
const ratio = median(timings.built) / base;
console.log(`target ≤ 3× baseline: ${ratio <= 3 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×)`);
