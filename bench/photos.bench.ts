/**
 * `npx tsx bench/photos.bench.ts`: contact photos (issue 12; figures in docs/PERFORMANCE.md,
 * "Contact photos"). A full sync without photos is the baseline; then the same sync with the
 * photo service attached (the pass starts when the run has finished, so the run's time should not
 * move), the background pass (photos/s, bytes on disk), and serving a cached photo (the
 * lookup + read both transports do). The fake Google server runs in this process here, so its PNG
 * encoding competes with the client for the CPU: photos/s is a floor. Options: --contacts 10000
 */
import { parseArgs } from 'node:util';
import { AccountsRepo } from '../src/main/core/db/accounts-repo.js';
import { createPhotoService } from '../src/main/core/photos/photo-service.js';
import { readPhoto } from '../src/main/core/photos/serve-photo.js';
import {
  MemorySettingsStore,
  SettingsService,
} from '../src/main/core/settings/settings-service.js';
import { photoPath } from '../src/shared/photos.js';
import { Harness } from '../tests/integration/harness.js';

const { values } = parseArgs({ options: { contacts: { type: 'string', default: '10000' } } });
const contacts = Number(values.contacts);

async function timedSync(h: Harness): Promise<number> {
  const start = performance.now();
  const run = await h.sync();
  if (run.status !== 'success') throw new Error(`sync ${run.status}`);
  return performance.now() - start;
}

const baseline = await Harness.start({ contacts });
const bareMs = await timedSync(baseline);
await baseline.close();

const h = await Harness.start({ contacts });
const photos = createPhotoService({
  db: h.db,
  databasePath: h.dbFile,
  clients: h.clients,
  accounts: new AccountsRepo(h.db),
  orchestrator: h.orchestrator,
  settings: new SettingsService(new MemorySettingsStore()),
});
let passStart = 0;
h.orchestrator.onRunFinished(() => (passStart = performance.now()));
const withPhotosMs = await timedSync(h);
const requestsDuringRun = h.fake.requestCount('photo');
await photos.fetcher.whenIdle();
const passMs = performance.now() - passStart;
const fetched = h.fake.requestCount('photo');
const mb = photos.cache.totalBytes() / 1e6;

const names = h.db
  .prepare(
    `SELECT c.resource_name AS name FROM contacts c JOIN contact_photos p ON p.contact_id = c.id
     WHERE p.state = 'cached'`,
  )
  .all() as { name: string }[];
const serveMs: number[] = [];
for (let i = 0; i < 2000; i++) {
  const path = photoPath(h.accountId, names[i % names.length]!.name) as string;
  const start = performance.now();
  const answer = await readPhoto(photos.cache, path);
  serveMs.push(performance.now() - start);
  if (answer.status !== 200) throw new Error(`served ${answer.status}`);
}
serveMs.sort((a, b) => a - b);
await photos.close();
await h.close();

const f = (n: number) => n.toFixed(1);
console.log(`contacts ${contacts}, custom photos ${fetched}`);
console.log(`full sync without photos     ${f(bareMs)} ms`);
console.log(
  `full sync with photo service ${f(withPhotosMs)} ms (photo requests during the run: ${requestsDuringRun})`,
);
console.log(
  `photo pass after the run     ${f(passMs)} ms, ${f((fetched / passMs) * 1000)} photos/s, ${f(mb)} MB on disk`,
);
console.log(
  `serve a cached photo         median ${serveMs[1000]!.toFixed(3)} ms, p95 ${serveMs[1900]!.toFixed(3)} ms`,
);
