/**
 * `npx tsx bench/contact-sort.bench.ts [--contacts 100000]`: the contact list by first and by
 * last name and its A–Z sections (issue 12), on a real database filled by a real sync from the
 * fake Google server. Prints the median of 15 runs of each query, and what the sort migration
 * costs on a database that already holds every contact (figures in docs/PERFORMANCE.md).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { ContactLetters } from '../src/main/core/services/contact-letters.js';
import { ContactSearch } from '../src/main/core/services/contact-search.js';
import { CONTACT_SORT_SCHEMA } from '../src/main/core/db/schema-contact-sort.js';
import { Harness } from '../tests/integration/harness.js';

const { values } = parseArgs({ options: { contacts: { type: 'string', default: '100000' } } });
const contacts = Number(values.contacts);

function median(run: () => unknown, times = 15): number {
  run(); // prepares the statement and warms the cache
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(times / 2)]!;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const h = await Harness.start({ contacts, seed: 1 });
try {
  const syncStart = performance.now();
  await h.sync();
  console.log(`full sync of ${contacts} contacts: ${(performance.now() - syncStart) / 1000} s`);
  console.log(
    `load average before the queries: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  const search = new ContactSearch(h.db);
  const letters = new ContactLetters(h.db);
  const middle = Math.floor(contacts / 2);
  for (const sort of ['first', 'last'] as const) {
    console.log(`\n${sort} name`);
    console.log(
      `  page 0:            ${ms(median(() => search.search('', { sort, limit: 100 })))}`,
    );
    console.log(
      `  page at ${middle}:   ${ms(median(() => search.search('', { sort, limit: 100, offset: middle })))}`,
    );
    console.log(
      `  account, mid page: ${ms(median(() => search.search('', { sort, limit: 100, offset: middle, accountId: h.accountId })))}`,
    );
    console.log(
      `  "a", page 0:       ${ms(median(() => search.search('a', { sort, limit: 100 })))}`,
    );
    console.log(`  sections, all:     ${ms(median(() => letters.letters('', { sort })))}`);
    console.log(
      `  sections, account: ${ms(median(() => letters.letters('', { sort, accountId: h.accountId })))}`,
    );
    console.log(`  sections, "a":     ${ms(median(() => letters.letters('a', { sort })))}`);
  }

  // The migration on a database that already holds every contact (an upgrade).
  h.db.exec(
    'DROP INDEX contacts_last_name; DROP INDEX contacts_account_last_name; DROP INDEX contacts_active_by_id_last; ALTER TABLE contacts DROP COLUMN sort_last',
  );
  const start = performance.now();
  h.db.exec(CONTACT_SORT_SCHEMA);
  console.log(
    `\nmigration (column + 3 indexes) on ${contacts} contacts: ${ms(performance.now() - start)}`,
  );
  const sizes = h.db
    .prepare<[], { name: string; kb: number }>(
      `SELECT name, sum(pgsize) / 1024 AS kb FROM dbstat
       WHERE name IN ('contacts_last_name', 'contacts_account_last_name', 'contacts_active_by_id_last', 'contacts_name') GROUP BY name`,
    )
    .all();
  for (const { name, kb } of sizes) console.log(`  ${name}: ${(kb / 1024).toFixed(1)} MB`);
} finally {
  await h.close();
}
