/**
 * One benchmark size in a fresh process (so peak RSS belongs to this size alone): full sync from
 * the fake server in another process, the bare better-sqlite3 baseline over the same rows, then
 * incremental syncs of 10 changes. Prints one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { peopleSourceFactory } from '../src/main/core/auth/google-auth.js';
import { FileTokenVault } from '../src/main/core/auth/token-vault.js';
import { systemClock } from '../src/main/core/clock.js';
import { AccountsRepo } from '../src/main/core/db/accounts-repo.js';
import { openDatabase } from '../src/main/core/db/connection.js';
import { BackgroundCheckpointer } from '../src/main/core/db/wal-checkpoints.js';
import { WorkerDecoder } from '../src/main/core/google/page-decoder.js';
import { endpointsForBaseUrl } from '../src/main/core/google/endpoints.js';
import { SyncOrchestrator } from '../src/main/core/sync/orchestrator.js';
import { FakeControl } from './control.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'refresh-token': { type: 'string' },
    contacts: { type: 'string' },
    incremental: { type: 'string', default: '7' },
    'inline-checkpoints': { type: 'boolean', default: false },
    'inline-decoding': { type: 'boolean', default: false },
  },
});
const url = values.url as string;
const size = Number(values.contacts);
const control = new FakeControl(url);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-bench-'));

await control.seed(size);
const db = openDatabase(path.join(dir, 'contacts.db'));
const vault = new FileTokenVault(path.join(dir, 'tokens.json'));
const account = new AccountsRepo(db).upsert('bench@example.com', null, new Date().toISOString());
vault.set(account.email, { refreshToken: values['refresh-token'] as string });
const checkpoints = new BackgroundCheckpointer(db);
const decoder = new WorkerDecoder();
const orchestrator = new SyncOrchestrator({
  db,
  clock: systemClock,
  ...(values['inline-checkpoints'] ? {} : { checkpoints }),
  sourceFor: peopleSourceFactory(
    { clientId: 'fake-client-id', clientSecret: 'fake-client-secret' },
    endpointsForBaseUrl(url),
    vault,
    undefined,
    values['inline-decoding'] ? {} : { decoder },
  ),
});

async function sync() {
  const result = orchestrator.requestSync(account.id, { trigger: 'manual' });
  if (result.status !== 'started') throw new Error('unexpected concurrent run');
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const run = await result.done;
  if (run.status !== 'success') throw new Error(`sync failed: ${run.error?.message}`);
  const cpu = process.cpuUsage(cpuBefore);
  return { run, ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

// Warm the token and the HTTP connection so the full sync measures the sync.
const full = await sync().then(async (first) => {
  db.exec(
    'DELETE FROM contacts; DELETE FROM contact_groups; DELETE FROM sync_state; DELETE FROM contacts_fts;',
  );
  void first;
  return sync();
});
const peakRssMb = process.resourceUsage().maxRSS / 1024;

// Baseline: the same rows, upserted by a bare better-sqlite3 loop, 1000 per transaction.
const rows = db.prepare('SELECT resource_name, etag, display_name, raw FROM contacts').all() as {
  resource_name: string;
  etag: string;
  display_name: string | null;
  raw: string;
}[];
const bare = new Database(path.join(dir, 'bare.db'));
bare.pragma('journal_mode = WAL');
bare.pragma('synchronous = NORMAL');
bare.exec(
  'CREATE TABLE contacts (resource_name TEXT PRIMARY KEY, etag TEXT, display_name TEXT, raw TEXT NOT NULL)',
);
const upsert = bare.prepare(
  `INSERT INTO contacts VALUES (?, ?, ?, ?) ON CONFLICT (resource_name) DO UPDATE SET
   etag = excluded.etag, display_name = excluded.display_name, raw = excluded.raw`,
);
const writeChunk = bare.transaction((chunk: typeof rows) => {
  for (const r of chunk) upsert.run(r.resource_name, r.etag, r.display_name, r.raw);
});
const bareStarted = performance.now();
for (let i = 0; i < rows.length; i += 1000) writeChunk(rows.slice(i, i + 1000));
const bareMs = performance.now() - bareStarted;
bare.close();

// Incremental: 10 changes (updates, adds, a delete) then a sync; the median of several rounds.
const incremental: { ms: number; apiCalls: number }[] = [];
const people = await control.call<{ resourceName: string }[]>('GET', '/contacts');
for (let round = 0; round < Number(values.incremental); round++) {
  for (let i = 0; i < 7; i++) {
    const target = people[(round * 7 + i) * 13 + 1]!.resourceName;
    await control.call('POST', '/contacts/update', {
      resourceName: target,
      patch: { nicknames: [{ value: `nick ${round}-${i}` }] },
    });
  }
  await control.call('POST', '/contacts/add', { count: 2 });
  await control.call('POST', '/contacts/delete', {
    resourceName: people[size - 1 - round]!.resourceName,
  });
  const { run, ms } = await sync();
  if (run.counts.created + run.counts.updated + run.counts.deleted !== 10) {
    throw new Error(`expected 10 changes, got ${JSON.stringify(run.counts)}`);
  }
  incremental.push({ ms, apiCalls: run.apiCalls });
}
const noChange = await sync();

const sorted = incremental.map((r) => r.ms).sort((a, b) => a - b);
console.log(
  JSON.stringify({
    size,
    fullMs: full.ms,
    fullCpuMs: full.cpuMs,
    contactsPerSecond: size / (full.ms / 1000),
    fullApiCalls: full.run.apiCalls,
    peakRssMb,
    bareMs,
    incrementalMedianMs: sorted[Math.floor(sorted.length / 2)],
    incrementalApiCalls: incremental[0]?.apiCalls,
    noChangeApiCalls: noChange.run.apiCalls,
    dbMb: fs.statSync(path.join(dir, 'contacts.db')).size / 1e6,
  }),
);
await orchestrator.shutdown();
await Promise.all([checkpoints.close(), decoder.close()]);
db.close();
fs.rmSync(dir, { recursive: true, force: true });
