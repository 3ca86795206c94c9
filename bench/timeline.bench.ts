/**
 * `npx tsx bench/timeline.bench.ts`: how long getTimeline and getStatistics take over a mirror of
 * 100,000 contacts (rows as large as real ones: the contacts table is scanned) and a year of
 * runs. Options: --contacts 100000 --runs 5000 --days 30,365
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/main/core/clock.js';
import { openDatabase } from '../src/main/core/db/connection.js';
import { ReportsService } from '../src/main/core/services/reports.js';
import { TimelineService } from '../src/main/core/services/timeline.js';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5000' },
    days: { type: 'string', default: '30,365' },
  },
});
const contactCount = Number(values.contacts);
const runCount = Number(values.runs);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-timeline-bench-'));
const db = openDatabase(path.join(dir, 'contacts.db'));
const now = Date.now();
const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
// A Person of about the size Google sends: the scan reads past `raw` to reach the timestamps.
const raw = JSON.stringify({ names: [{ displayName: 'x'.repeat(200) }], notes: 'y'.repeat(1200) });

db.transaction(() => {
  db.prepare(`INSERT INTO accounts (id, email, connected_at) VALUES (1, 'a@example.com', ?)`).run(
    iso(now - 400 * day),
  );
  const contact = db.prepare(
    `INSERT INTO contacts (account_id, resource_name, raw, created_at, updated_at, synced_at,
       deleted_at) VALUES (1, ?, ?, ?, ?, ?, ?)`,
  );
  for (let i = 0; i < contactCount; i++) {
    // Most arrive in the first full sync a year ago, the rest spread over the year; 5% deleted.
    const created = i < contactCount * 0.8 ? now - 365 * day : now - Math.random() * 365 * day;
    const deleted = i % 20 === 0 ? created + Math.random() * (now - created) : null;
    const at = iso(created);
    contact.run(`people/c${i}`, raw, at, at, at, deleted === null ? null : iso(deleted));
  }
  const run = db.prepare(
    `INSERT INTO sync_runs (account_id, resource, kind, trigger, status, started_at, finished_at,
       duration_ms, api_calls) VALUES (1, ?, 'incremental', 'scheduled', ?, ?, ?, ?, ?)`,
  );
  const statuses = ['success', 'success', 'success', 'skipped', 'failed', 'cancelled'];
  for (let i = 0; i < runCount; i++) {
    const started = now - ((runCount - i) / runCount) * 365 * day;
    run.run(
      i % 3 === 0 ? 'calendar' : 'contacts',
      statuses[i % statuses.length],
      iso(started),
      iso(started + 2000),
      500 + (i % 7) * 300,
      1 + (i % 4),
    );
  }
})();
db.pragma('optimize');

const timeline = new TimelineService(db, systemClock);
const reports = new ReportsService(db);
const measure = (label: string, fn: () => unknown) => {
  fn(); // warm the page cache and the prepared statements
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}: median ${times[5]?.toFixed(1)} ms, max ${times[9]?.toFixed(1)} ms ` +
      `(${contactCount} contacts, ${runCount} runs)`,
  );
};
for (const days of values.days.split(',').map(Number)) {
  measure(`getTimeline ${days} days`, () => timeline.timeline({ days }));
}
measure('getStatistics', () => reports.statistics());
db.close();
fs.rmSync(dir, { recursive: true, force: true });
