/**
 * `npm run demo -- [--contacts N] [--port P] [--preview] [--data DIR] [--signed-out]
 * [--calendar] [--no-client]`: the app against the fake Google server, with a demo account of a few thousand
 * messy contacts and a calendar, nothing synced yet (with --signed-out no account at all:
 * "Connect a Google account" signs in for real; with --calendar calendar sync is on; with
 * --no-client no OAuth client is set, so the first-run guide asks for the client file).
 * Opens Electron when its binary is installed; otherwise (or with --preview) serves preview mode
 * and prints `PREVIEW_URL=…`; `FAKE_GOOGLE_URL=…` is the fake's base URL (its /__control API).
 * Never part of the packaged app.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FakeGoogle } from '../../../tests/fake-google/server.js';
import { FileTokenVault } from '../core/auth/token-vault.js';
import { AccountsRepo } from '../core/db/accounts-repo.js';
import { openDatabase, type Db } from '../core/db/connection.js';
import { resolveSettingsFile } from '../core/settings/conf-store.js';
import { PROJECT_ROOT, startPreviewApp } from './app.js';
import { enableCalendarSync, seedDemoCalendar } from './demo-calendar.js';
import { buildRenderer } from './build-renderer.js';
import { announce, closeOnSignal, fail, parsePort } from './process.js';

const DEMO_EMAIL = 'demo@example.com';

/** The Electron binary's path, or null when its download was skipped (DESIGN §2). */
function electronBinary(): string | null {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function seedAccount(databasePath: string, tokensFile: string, refreshToken: string): void {
  let db: Db;
  try {
    db = openDatabase(databasePath);
  } catch (error) {
    // Left built for Electron by `npm start` or an interrupted demo.
    if ((error as { cause?: { code?: string } }).cause?.code === 'ERR_DLOPEN_FAILED') {
      throw new Error('better-sqlite3 is built for Electron; run "npm run rebuild:node" first.');
    }
    throw error;
  }
  try {
    new AccountsRepo(db).upsert(DEMO_EMAIL, 'Demo Account', new Date().toISOString());
  } finally {
    db.close();
  }
  new FileTokenVault(tokensFile).set(DEMO_EMAIL, { refreshToken });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      contacts: { type: 'string', default: '3000' },
      port: { type: 'string' },
      preview: { type: 'boolean', default: false },
      data: { type: 'string' },
      'signed-out': { type: 'boolean', default: false },
      /** No OAuth client in the environment: the person imports one, as in an installed app. */
      'no-client': { type: 'boolean', default: false },
      /** Calendar sync on (the demo calendar's events are always there to sync). */
      calendar: { type: 'boolean', default: false },
    },
  });
  const contacts = Number(values.contacts);
  if (!Number.isInteger(contacts) || contacts < 0) throw new Error('--contacts must be a count');
  const port = parsePort(values.port);

  // The fake's own user is the demo account, so a real sign-in connects the same address book.
  const fake = new FakeGoogle({ contacts, email: DEMO_EMAIL });
  const googleUrl = await fake.start();
  const dataDir = path.resolve(values.data ?? path.join(PROJECT_ROOT, '.tmp', 'demo-app'));
  fs.rmSync(dataDir, { recursive: true, force: true });
  const databasePath = path.join(dataDir, 'contacts.db');
  const tokensFile = path.join(dataDir, 'tokens.json');
  if (!values['signed-out']) seedAccount(databasePath, tokensFile, fake.refreshToken);
  seedDemoCalendar(fake, DEMO_EMAIL);
  if (values.calendar) enableCalendarSync(resolveSettingsFile(databasePath, {}));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONTACTS_SYNC_DB: databasePath,
    CONTACTS_SYNC_TOKENS: tokensFile,
    CONTACTS_SYNC_GOOGLE_URL: googleUrl,
    ...(values['no-client']
      ? { GOOGLE_CLIENT_ID: undefined, GOOGLE_CLIENT_SECRET: undefined }
      : { GOOGLE_CLIENT_ID: fake.clientId, GOOGLE_CLIENT_SECRET: fake.clientSecret }),
  };
  process.stdout.write(
    `Fake Google serves ${contacts} contacts for ${DEMO_EMAIL} at ${googleUrl}\n` +
      `FAKE_GOOGLE_URL=${googleUrl}\n`,
  );

  const electron = values.preview ? null : electronBinary();
  if (electron) {
    // better-sqlite3 serves one Node ABI at a time: Electron's while the app runs, Node's after.
    const npm = (...args: string[]) => {
      const result = spawnSync('npm', args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
      if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed`);
    };
    npm('run', 'build');
    npm('run', 'rebuild:electron');
    const child = spawn(electron, ['.'], { cwd: PROJECT_ROOT, env, stdio: 'inherit' });
    child.on('exit', () => {
      void fake.stop();
      npm('run', 'rebuild:node');
    });
    return;
  }
  if (!values.preview)
    process.stdout.write('Electron is not installed here: using preview mode.\n');
  await buildRenderer();
  const app = await startPreviewApp({ port, env });
  announce(app);
  closeOnSignal(async () => {
    await app.close();
    await fake.stop();
  });
}

await main().catch(fail('demo'));
