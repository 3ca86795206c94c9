/**
 * A real CardDAV client against our server: Debian's vdirsyncer discovers the address book
 * (Thunderbird-style: /.well-known/carddav → principal → home), mirrors it into a vdir, and after
 * a change in Google and our next sync transfers only the changed cards. `.ci/run` installs
 * vdirsyncer; where it is missing the test says so and does not run.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CardDavServer } from '../../src/main/core/carddav/carddav-server.js';
import { CardStore, type Card } from '../../src/main/core/carddav/card-store.js';
import { Harness } from './harness.js';

const CONTACTS = 10_000;

function installed(program: string): boolean {
  try {
    execFileSync(program, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const hasVdirsyncer = installed('vdirsyncer');
if (!hasVdirsyncer) {
  console.warn(
    'vdirsyncer is not installed (apt-get install vdirsyncer): the real-client test does not run.',
  );
}

/** Counts the cards whose content the client fetched (multiget and sync-collection bodies). */
class CountingCardStore extends CardStore {
  fetched = 0;
  override cardsByIds(accountId: number, contactIds: readonly number[]): Map<number, Card> {
    const cards = super.cardsByIds(accountId, contactIds);
    this.fetched += cards.size;
    return cards;
  }
}

function vdirsyncer(config: string, args: string[], input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('vdirsyncer', ['-c', config, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(input);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`vdirsyncer ${args.join(' ')}: ${code}\n${output}`)),
    );
  });
}

let h: Harness | undefined;
let server: CardDavServer | undefined;
afterEach(async () => {
  await server?.stop();
  await h?.close();
});

const cardsIn = (folder: string): string[] =>
  fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.vcf'));

describe.runIf(hasVdirsyncer)('vdirsyncer against our CardDAV server', () => {
  it('discovers, mirrors 10,000 contacts, then transfers only what changed', async () => {
    h = await Harness.start({ contacts: CONTACTS });
    await h.sync();
    const store = new CountingCardStore(h.db);
    server = new CardDavServer({
      store,
      clock: { now: () => new Date() },
      credentials: () => ({ username: 'contacts', password: 'vdirsyncer-test-password' }),
    });
    const url = await server.start(0);
    const vdir = path.join(h.dir, 'vdir');
    const config = path.join(h.dir, 'vdirsyncer.conf');
    fs.writeFileSync(
      config,
      `[general]
status_path = "${path.join(h.dir, 'vdirsyncer-status')}/"

[pair google]
a = "local"
b = "mirror"
collections = ["from b"]
conflict_resolution = "b wins"

[storage local]
type = "filesystem"
path = "${vdir}/"
fileext = ".vcf"

[storage mirror]
type = "carddav"
url = "${url}.well-known/carddav"
username = "contacts"
password = "vdirsyncer-test-password"
read_only = true
`,
    );
    await vdirsyncer(config, ['discover', 'google'], 'y\n'.repeat(5));
    await vdirsyncer(config, ['sync']);
    expect(cardsIn(vdir)).toHaveLength(CONTACTS);
    expect(store.fetched).toBe(CONTACTS);

    store.fetched = 0;
    await vdirsyncer(config, ['sync']);
    expect(store.fetched).toBe(0);

    const people = h.fake.listContacts();
    h.fake.updateContact(people[10]!.resourceName!, {
      nicknames: [{ value: 'Renamed by Google' }],
    });
    h.fake.updateContact(people[20]!.resourceName!, { nicknames: [{ value: 'Also changed' }] });
    h.fake.deleteContact(people[30]!.resourceName!);
    h.fake.addContacts(1);
    await h.sync();
    store.fetched = 0;
    await vdirsyncer(config, ['sync']);
    expect(store.fetched).toBe(3); // two changed, one new; the deletion needs no transfer
    const files = cardsIn(vdir);
    expect(files).toHaveLength(CONTACTS);
    const texts = files.map((f) => fs.readFileSync(path.join(vdir, f), 'utf8'));
    expect(texts.filter((t) => t.includes('NICKNAME:Renamed by Google'))).toHaveLength(1);
  }, 240_000);
});
