/**
 * `npm run demo:cli`: the main job end to end with no Google account. Starts the fake Google
 * server with a few thousand messy contacts, then drives the real CLI against it: add an account,
 * sync (full), change some contacts on the "server", sync again (incremental), show statistics.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FakeGoogle } from '../tests/fake-google/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { contacts: { type: 'string', default: '3000' } } });
const count = Number(values.contacts);

const fake = new FakeGoogle({ contacts: count });
const url = await fake.start();
const dataDir = path.join(root, '.tmp', 'demo');
fs.rmSync(dataDir, { recursive: true, force: true });
const env = {
  ...process.env,
  CONTACTS_SYNC_GOOGLE_URL: url,
  CONTACTS_SYNC_DB: path.join(dataDir, 'contacts.db'),
  GOOGLE_CLIENT_ID: 'fake-client-id',
  GOOGLE_CLIENT_SECRET: 'fake-client-secret',
  // A refresh token never goes in the arguments (visible in `ps`).
  CONTACTS_SYNC_REFRESH_TOKEN: fake.refreshToken,
};

/** Runs the real CLI. Asynchronously: the fake server lives in this process and must keep answering. */
async function cli(...args: string[]): Promise<void> {
  console.log(`\n$ contacts-sync ${args.join(' ')}`);
  const child = spawn(process.execPath, [path.join(root, 'bin/contacts-sync.js'), ...args], {
    env,
    stdio: 'inherit',
  });
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (status !== 0) {
    console.error(`demo: "contacts-sync ${args.join(' ')}" exited with ${status}`);
    process.exitCode = 1;
  }
}

console.log(`Fake Google is serving ${count} contacts at ${url}`);
await cli('accounts', 'add', 'demo@example.com');
await cli('sync');
const people = fake.listContacts();
fake.updateContact(people[3]!.resourceName!, {
  names: [{ givenName: 'Ada', familyName: 'Lovelace', displayName: 'Ada Lovelace' }],
});
fake.deleteContact(people[4]!.resourceName!);
fake.addContacts(2);
console.log('\n(On the server: 1 contact renamed to Ada Lovelace, 1 deleted, 2 added.)');
await cli('sync');
await cli('search', 'lovelace');
await cli('history', '--limit', '5');
await cli('stats');
console.log(
  `\nThe database is at ${env.CONTACTS_SYNC_DB}; try: CONTACTS_SYNC_DB=${env.CONTACTS_SYNC_DB} npx contacts-sync search NAME`,
);
await fake.stop();
