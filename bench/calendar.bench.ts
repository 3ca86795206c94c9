/**
 * `npx tsx bench/calendar.bench.ts`: calendar sync benchmark of issue #7 (figures in
 * docs/PERFORMANCE.md, section "Calendar"). The fake Google server runs in its own process; this
 * process syncs through the real orchestrator, @googleapis/calendar client and SQLite file.
 * Options: --events 20000 --rounds 7
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AuthClients } from '../src/main/core/auth/google-auth.js';
import { FileTokenVault } from '../src/main/core/auth/token-vault.js';
import { systemClock } from '../src/main/core/clock.js';
import { AccountsRepo } from '../src/main/core/db/accounts-repo.js';
import { openDatabase } from '../src/main/core/db/connection.js';
import { calendarSourceFactory } from '../src/main/core/google/calendar-source.js';
import { endpointsForBaseUrl } from '../src/main/core/google/endpoints.js';
import { CalendarService } from '../src/main/core/services/calendar-service.js';
import { SyncOrchestrator } from '../src/main/core/sync/orchestrator.js';
import { FakeControl } from './control.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '7' },
  },
});
const size = Number(values.events);
const rounds = Number(values.rounds);
const PRIMARY = 'me@example.com';

const server = spawn(
  path.join(root, 'node_modules/.bin/tsx'),
  [path.join(root, 'tests/fake-google/main.ts'), '--port', '0'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const info: Record<string, string> = {};
for await (const line of readline.createInterface({ input: server.stdout! })) {
  const [key, value] = line.split('=');
  if (key && value) info[key] = value;
  if (info['FAKE_GOOGLE_URL'] && info['FAKE_GOOGLE_REFRESH_TOKEN']) break;
}
const url = info['FAKE_GOOGLE_URL']!;
const control = new FakeControl(url);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-cal-bench-'));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

try {
  await control.call('POST', '/calendar/events/seed', { calendarId: PRIMARY, count: size });
  const dbFile = path.join(dir, 'contacts.db');
  const db = openDatabase(dbFile);
  const vault = new FileTokenVault(path.join(dir, 'tokens.json'));
  const account = new AccountsRepo(db).upsert(PRIMARY, null, new Date().toISOString());
  vault.set(account.email, { refreshToken: info['FAKE_GOOGLE_REFRESH_TOKEN']! });
  const endpoints = endpointsForBaseUrl(url);
  const clients = new AuthClients(
    { clientId: 'fake-client-id', clientSecret: 'fake-client-secret' },
    endpoints,
    vault,
  );
  const orchestrator = new SyncOrchestrator({
    db,
    clock: systemClock,
    sourceFor: () => {
      throw new Error('contacts are not part of this benchmark');
    },
    calendarSourceFor: calendarSourceFactory(
      (e) => clients.clientFor(e),
      endpoints.calendarRootUrl,
    ),
  });

  const sync = async () => {
    const result = orchestrator.requestSync(account.id, {
      trigger: 'manual',
      resource: 'calendar',
    });
    if (result.status !== 'started') throw new Error('unexpected concurrent run');
    const started = performance.now();
    const run = await result.done;
    if (run.status !== 'success') throw new Error(`sync failed: ${run.error?.message}`);
    return { run, ms: performance.now() - started };
  };

  // A first full sync warms the token, the connection and the JIT; the second one is measured.
  await sync();
  db.exec('DELETE FROM calendars; DELETE FROM sync_state;');
  const full = await sync();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const events = await control.call<{ id: string; recurrence?: string[]; start?: object }[]>(
    'GET',
    `/calendar/events?calendarId=${encodeURIComponent(PRIMARY)}`,
  );
  const series = events.filter((e) => e.recurrence);
  const incremental: number[] = [];
  let incrementalCalls = 0;
  for (let round = 0; round < rounds; round++) {
    // 10 changes: 4 edits, 3 new events, 2 deletions, 1 cancelled instance of a series.
    const pick = (i: number) => events[(round * 97 + i * 31) % events.length]!.id;
    for (let i = 0; i < 4; i++) {
      await control.call('POST', '/calendar/events/update', {
        calendarId: PRIMARY,
        id: pick(i),
        patch: { summary: `Edited ${round}.${i}` },
      });
    }
    await control.call('POST', '/calendar/events/seed', {
      calendarId: PRIMARY,
      count: 3,
      seed: 100 + round,
    });
    for (let i = 4; i < 6; i++) {
      await control.call('POST', '/calendar/events/delete', { calendarId: PRIMARY, id: pick(i) });
    }
    const s = series[round % series.length]!;
    await control.call('POST', '/calendar/events/occurrence', {
      calendarId: PRIMARY,
      seriesId: s.id,
      originalStart: s.start,
    });
    const { run, ms } = await sync();
    incremental.push(ms);
    incrementalCalls = run.apiCalls;
  }
  const quiet = await sync();

  const calendar = new CalendarService(db);
  const agendaMs: number[] = [];
  let agendaItems = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    agendaItems = calendar.agenda({
      from: '2026-03-01T00:00:00Z',
      to: '2026-04-01T00:00:00Z',
    }).length;
    agendaMs.push(performance.now() - started);
  }
  db.close();
  const dbMb = fs.statSync(dbFile).size / 1024 / 1024;

  const f = (n: number, digits = 0) => n.toFixed(digits);
  console.log(`\nCalendar: ${size} events in one calendar (fake Google in another process)`);
  console.log(
    `full sync: ${f(full.ms)} ms, ${f(size / (full.ms / 1000))} events/s, ` +
      `${full.run.apiCalls} API calls (${full.run.pages} pages), ` +
      `${f(full.run.bytesReceived / 1024 / 1024, 1)} MB received, peak RSS ${f(peakRssMb)} MB, ` +
      `database ${f(dbMb, 1)} MB`,
  );
  console.log(
    `incremental sync of 10 changes: median ${f(median(incremental), 1)} ms of ${rounds}, ` +
      `${incrementalCalls} API calls`,
  );
  console.log(`no-change incremental: ${f(quiet.ms, 1)} ms, ${quiet.run.apiCalls} API calls`);
  console.log(
    `agenda of March 2026 (recurring events expanded): first ${f(agendaMs[0] ?? 0, 1)} ms, ` +
      `median ${f(median(agendaMs), 1)} ms of ${agendaMs.length}, ${agendaItems} occurrences`,
  );
} finally {
  server.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
}
