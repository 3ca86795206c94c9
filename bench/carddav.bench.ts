/**
 * `npm run bench:carddav`: vdirsyncer mirroring the same contacts from our CardDAV server and from
 * Radicale (Debian's `radicale`, serving the same cards as vCard files), in one run: wall time of
 * the first sync, of a no-change resync, and of a resync after 10 changes (issue #16 item 5).
 * Needs `vdirsyncer` and `radicale` installed; installs nothing itself.
 *
 * Options: --contacts N (default 10000)
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CardDavServer } from '../src/main/core/carddav/carddav-server.js';
import { CardStore } from '../src/main/core/carddav/card-store.js';
import { Harness } from '../tests/integration/harness.js';
import {
  discover,
  missingPeerTools,
  startRadicale,
  vdirsyncer,
  vdirsyncerConfig,
  writeRadicaleCollection,
} from './radicale.js';

const { values } = parseArgs({ options: { contacts: { type: 'string', default: '10000' } } });
const contacts = Number(values.contacts);

const missing = missingPeerTools();
if (missing.length > 0) {
  console.log(
    `${missing.join(' and ')} not installed (apt-get install vdirsyncer radicale): nothing to compare.`,
  );
  process.exit(0);
}

const h = await Harness.start({ contacts });
await h.sync();
const dir = h.dir;
const store = new CardStore(h.db);
const ours = new CardDavServer({
  store,
  clock: { now: () => new Date() },
  credentials: () => ({ username: 'contacts', password: 'bench-password' }),
});
const oursUrl = await ours.start(0);

function* radicaleCards() {
  const accountId = store.books()[0]!.accountId;
  for (const card of store.cards(accountId))
    yield { name: String(card.contactId), vcard: card.vcard };
}

const radicaleRoot = path.join(dir, 'radicale');
writeRadicaleCollection(radicaleRoot, radicaleCards());
const radicale = await startRadicale(dir, radicaleRoot);

async function timedSync(config: string): Promise<number> {
  const started = performance.now();
  await vdirsyncer(config, ['sync']);
  return performance.now() - started;
}

const configs = {
  ours: vdirsyncerConfig(dir, 'ours', `${oursUrl}.well-known/carddav`),
  radicale: vdirsyncerConfig(dir, 'radicale', `${radicale.url}contacts/`),
};
for (const config of Object.values(configs)) await discover(config);
const rows: Record<string, Record<string, number>> = { ours: {}, radicale: {} };
for (const name of ['ours', 'radicale'] as const)
  rows[name]!['first sync'] = await timedSync(configs[name]);
for (const name of ['ours', 'radicale'] as const)
  rows[name]!['no-change resync'] = await timedSync(configs[name]);

const people = h.fake.listContacts();
for (let i = 0; i < 10; i++) {
  h.fake.updateContact(people[i * 7]!.resourceName!, { nicknames: [{ value: `Changed ${i}` }] });
}
await h.sync();
writeRadicaleCollection(radicaleRoot, radicaleCards());
for (const name of ['ours', 'radicale'] as const)
  rows[name]!['10-change resync'] = await timedSync(configs[name]);

radicale.stop();
await ours.stop();
await h.close();

console.log(
  `vdirsyncer mirroring ${contacts} contacts (wall ms; load ${os.loadavg()[0]?.toFixed(2)}, ${os.cpus().length} cores)`,
);
console.log('  phase               ours   radicale   ours/radicale');
for (const phase of Object.keys(rows['ours']!)) {
  const a = rows['ours']![phase]!;
  const b = rows['radicale']![phase]!;
  console.log(
    `  ${phase.padEnd(18)} ${a.toFixed(0).padStart(6)} ${b.toFixed(0).padStart(9)}   ${(a / b).toFixed(2)}`,
  );
}
