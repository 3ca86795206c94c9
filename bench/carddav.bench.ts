/**
 * `npm run bench:carddav`: vdirsyncer mirroring the same contacts from our CardDAV server and from
 * Radicale (Debian's `radicale`, serving the same cards as vCard files), in one run: wall time of
 * the first sync, of a no-change resync, and of a resync after 10 changes (issue #16 item 5).
 * Needs `vdirsyncer` and `radicale` installed; installs nothing itself.
 *
 * Options: --contacts N (default 10000)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CardDavServer } from '../src/main/core/carddav/carddav-server.js';
import { CardStore } from '../src/main/core/carddav/card-store.js';
import { Harness } from '../tests/integration/harness.js';

const { values } = parseArgs({ options: { contacts: { type: 'string', default: '10000' } } });
const contacts = Number(values.contacts);

for (const program of ['vdirsyncer', 'radicale']) {
  if (spawnSync(program, ['--version']).status !== 0) {
    console.log(
      `${program} is not installed (apt-get install vdirsyncer radicale): nothing to compare.`,
    );
    process.exit(0);
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listens on ${port}`);
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

/** Radicale's file-system storage: one folder per collection, one .vcf per card. */
function writeRadicaleCollection(root: string): void {
  const book = path.join(root, 'collection-root', 'contacts', 'google');
  fs.mkdirSync(book, { recursive: true });
  fs.writeFileSync(path.join(book, '.Radicale.props'), JSON.stringify({ tag: 'VADDRESSBOOK' }));
  const accountId = store.books()[0]!.accountId;
  // Only files whose content changed are rewritten, as a CardDAV upload would change them.
  for (const card of store.cards(accountId)) {
    const file = path.join(book, `${card.contactId}.vcf`);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== card.vcard) {
      fs.writeFileSync(file, card.vcard);
    }
  }
}

const radicaleRoot = path.join(dir, 'radicale');
writeRadicaleCollection(radicaleRoot);
const radicalePort = await freePort();
const radicaleConfig = path.join(dir, 'radicale.conf');
fs.writeFileSync(
  radicaleConfig,
  `[server]\nhosts = 127.0.0.1:${radicalePort}\n[auth]\ntype = none\n[storage]\nfilesystem_folder = ${radicaleRoot}\n[logging]\nlevel = warning\n`,
);
const radicale: ChildProcess = spawn('radicale', ['--config', radicaleConfig], { stdio: 'ignore' });
await waitForPort(radicalePort);

function vdirsyncerConfig(name: string, url: string): string {
  const file = path.join(dir, `${name}.conf`);
  fs.writeFileSync(
    file,
    `[general]\nstatus_path = "${dir}/${name}-status/"\n\n[pair p]\na = "local"\nb = "remote"\ncollections = ["from b"]\nconflict_resolution = "b wins"\n\n[storage local]\ntype = "filesystem"\npath = "${dir}/${name}-vdir/"\nfileext = ".vcf"\n\n[storage remote]\ntype = "carddav"\nurl = "${url}"\nusername = "contacts"\npassword = "bench-password"\nread_only = true\n`,
  );
  return file;
}

/** vdirsyncer as a child process; never synchronously, since our server runs in this process. */
function vdirsyncer(config: string, args: string[], input = ''): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('vdirsyncer', ['-c', config, ...args], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdin.end(input);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(errors))));
  });
}

async function timedSync(config: string): Promise<number> {
  const started = performance.now();
  await vdirsyncer(config, ['sync']);
  return performance.now() - started;
}

const configs = {
  ours: vdirsyncerConfig('ours', `${oursUrl}.well-known/carddav`),
  radicale: vdirsyncerConfig('radicale', `http://127.0.0.1:${radicalePort}/contacts/`),
};
for (const config of Object.values(configs))
  await vdirsyncer(config, ['discover', 'p'], 'y\n'.repeat(5));
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
writeRadicaleCollection(radicaleRoot);
for (const name of ['ours', 'radicale'] as const)
  rows[name]!['10-change resync'] = await timedSync(configs[name]);

radicale.kill();
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
