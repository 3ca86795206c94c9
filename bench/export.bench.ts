/**
 * `npx tsx bench/export.bench.ts`: exports of 100,000 contacts in each format through the
 * exporter the app uses (chunks of 250 rows, progress after each). Prints the total time, the
 * file size, and the longest stretch the main thread was busy between two chunks (what the
 * window and other API calls wait at most). Options: --contacts 100000
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/main/core/db/connection.js';
import { EXPORT_EXTENSIONS, FileContactsExporter } from '../src/main/core/export/exporter.js';
import { EXPORT_FORMATS } from '../src/shared/api/types.js';

const { values } = parseArgs({ options: { contacts: { type: 'string', default: '100000' } } });
const contactCount = Number(values.contacts);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csa-export-bench-'));
const db = openDatabase(path.join(dir, 'contacts.db'));
const now = new Date().toISOString();

db.transaction(() => {
  db.prepare(`INSERT INTO accounts (id, email, connected_at) VALUES (1, 'a@example.com', ?)`).run(
    now,
  );
  const contact = db.prepare(
    `INSERT INTO contacts (account_id, resource_name, display_name, given_name, family_name,
       organization, birthday, notes, raw, created_at, updated_at, synced_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?)`,
  );
  const email = db.prepare(
    `INSERT INTO contact_emails (contact_id, position, value, type) VALUES (?, 0, ?, 'work')`,
  );
  const phone = db.prepare(
    `INSERT INTO contact_phones (contact_id, position, raw, e164, type) VALUES (?, ?, ?, ?, 'mobile')`,
  );
  for (let i = 0; i < contactCount; i++) {
    // Messy on purpose: separators, quotes, a line break, RTL and emoji in every row.
    const id = contact.run(
      `people/c${i}`,
      `Zoë "Z" O'Neil-${i}; مرحبا 😀`,
      'Zoë',
      `O'Neil-${i}`,
      i % 3 ? 'Acme, Inc.' : '=HYPERLINK("x")',
      i % 5 ? '1980-02-29' : 'spring\nsometime',
      `Met at the conference, table ${i}.\nLikes <tags> & "quotes".`,
      now,
      now,
      now,
    ).lastInsertRowid;
    email.run(id, `zoe.${i}@example.com`);
    phone.run(
      id,
      0,
      `+1 (415) 555-${String(i % 10_000).padStart(4, '0')}`,
      `+1415555${i % 10_000}`,
    );
    phone.run(id, 1, `030 ${i}`, null);
  }
})();

console.log(
  `${contactCount.toLocaleString('en-US')} contacts; load ${os.loadavg()[0]!.toFixed(1)}`,
);
for (const format of EXPORT_FORMATS) {
  const file = path.join(dir, `out.${format}.${EXPORT_EXTENSIONS[format]}`);
  const exporter = new FileContactsExporter(db, async () => file);
  let last = performance.now();
  let longest = 0;
  const started = performance.now();
  const result = await exporter.export({ format, includeDeleted: false }, () => {
    const at = performance.now();
    longest = Math.max(longest, at - last);
    last = at;
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const size = (fs.statSync(file).size / 1e6).toFixed(1);
  console.log(
    `${format.padEnd(9)} ${result.count} contacts  ${seconds} s  ${size} MB  longest chunk ${longest.toFixed(0)} ms`,
  );
}
db.close();
fs.rmSync(dir, { recursive: true, force: true });
