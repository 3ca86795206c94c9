import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/connection.js';
import { cliEnv, runCli, startCli } from './cli-process.js';

// An export is written to a hidden `.NAME.PID.partial` beside its target and renamed when whole.
// A process killed mid-write cannot remove it; the next export does.

let dir: string;
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const CONTACTS = 8_000;

/** A mirror big enough that its export takes a while: long notes, as some address books have. */
function seedLargeMirror(file: string): void {
  const db = openDatabase(file);
  const now = '2026-01-01T00:00:00.000Z';
  const account = db
    .prepare(`INSERT INTO accounts (email, status, connected_at) VALUES (?, 'connected', ?)`)
    .run('me@example.com', now).lastInsertRowid;
  const insert = db.prepare(
    `INSERT INTO contacts (account_id, resource_name, display_name, notes, raw, created_at, updated_at, synced_at)
     VALUES (?, ?, ?, ?, '{}', ?, ?, ?)`,
  );
  const notes = 'A long note about this person. '.repeat(100);
  db.transaction(() => {
    for (let i = 0; i < CONTACTS; i++)
      insert.run(account, `people/c${i}`, `Person ${i}`, notes, now, now, now);
  })();
  db.close();
}

const partials = (folder: string) => fs.readdirSync(folder).filter((f) => f.endsWith('.partial'));

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Starts a CLI export of the seeded mirror and resolves once its first megabyte is on disk. */
async function exportUnderWay(db: string, target: string) {
  const env = cliEnv('http://127.0.0.1:9', { CONTACTS_SYNC_DB: db });
  const child = startCli(['export', '--format', 'vcard', '--output', target], env);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const folder = path.dirname(target);
  await waitFor(() =>
    partials(folder).some(
      (f) => (fs.statSync(path.join(folder, f), { throwIfNoEntry: false })?.size ?? 0) > 0,
    ),
  );
  return { child, exited, env };
}

const vcards = (file: string) => fs.readFileSync(file, 'utf8').split('END:VCARD').length - 1;

describe('an export killed mid-write', () => {
  it('leaves no partial file once the next export has run, and that export is whole', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-export-kill-'));
    const db = path.join(dir, 'contacts.db');
    seedLargeMirror(db);
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const target = path.join(out, 'contacts.vcf');

    const { child, exited, env } = await exportUnderWay(db, target);
    child.kill('SIGKILL');
    await exited;
    expect(partials(out)).toHaveLength(1); // what the killed process could not clean up
    expect(fs.existsSync(target)).toBe(false);

    const again = await runCli(['export', '--format', 'vcard', '--output', target], env);

    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Exported ${CONTACTS} contacts`);
    expect(partials(out)).toEqual([]);
    expect(vcards(target)).toBe(CONTACTS);

    // Ctrl-C mid-write: the CLI stops after the export (it writes synchronously), so the file is
    // whole and nothing partial is left.
    fs.rmSync(target);
    const interrupted = await exportUnderWay(db, target);
    interrupted.child.kill('SIGINT');
    await interrupted.exited;
    expect(partials(out)).toEqual([]);
    expect(vcards(target)).toBe(CONTACTS);
  });

  it('keeps the partial file of an export still running in another process', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-export-kill-'));
    const db = path.join(dir, 'contacts.db');
    openDatabase(db).close();
    // This test's own process is alive: its partial file belongs to a running export.
    const running = path.join(dir, `.other.vcf.${process.pid}.partial`);
    fs.writeFileSync(running, 'BEGIN:VCARD\n');
    const env = cliEnv('http://127.0.0.1:9', { CONTACTS_SYNC_DB: db });

    const result = await runCli(
      ['export', '--format', 'csv', '--output', path.join(dir, 'x.csv')],
      env,
    );

    expect(result.code).toBe(0);
    expect(fs.existsSync(running)).toBe(true);
  });
});
