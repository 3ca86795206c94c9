/**
 * `npx tsx bench/search.bench.ts`: contact search in SQLite alone at 100,000 contacts (issue 12;
 * figures in docs/PERFORMANCE.md). A full sync from the fake Google server (in this process) fills
 * a fresh database; then: the full-text index's size, the cost of building it for the whole account
 * (what a first import does at its end), and `ContactSearch` latency per kind of query a person
 * types. Written to run on the code before and after a change, so both print the same lines.
 *
 * Options: --contacts N (default 100000), --rounds N (default 3: each query timed N times),
 * --variants (also build other index designs over the same contacts and print their size and build
 * time: what the chosen one was measured against).
 */
import { parseArgs } from 'node:util';
import { BulkImport } from '../src/main/core/db/bulk-import.js';
import { fillSearchIndex } from '../src/main/core/db/search-terms.js';
import { ContactSearch } from '../src/main/core/services/contact-search.js';
import { Harness } from '../tests/integration/harness.js';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    variants: { type: 'boolean', default: false },
  },
});
const contacts = Number(values.contacts);
const rounds = Number(values.rounds);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

const h = await Harness.start({ contacts, seed: 7 });
try {
  const started = performance.now();
  const run = await h.sync();
  if (run.status !== 'success') throw new Error(`sync failed: ${run.error?.message}`);
  console.log(
    `full sync of ${contacts} contacts: ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const ftsBytes = (
    h.db
      .prepare<[], { bytes: number }>(
        "SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'contacts_fts%'",
      )
      .get() as { bytes: number }
  ).bytes;
  console.log(`full-text index: ${(ftsBytes / 1e6).toFixed(1)} MB`);

  // The end of a first import: every active contact of the account into the index at once.
  const builds: number[] = [];
  for (let i = 0; i < rounds; i++) {
    h.db.exec("INSERT INTO contacts_fts (contacts_fts) VALUES ('delete-all')");
    h.db.prepare('INSERT INTO contacts_fts_pending (account_id) VALUES (?)').run(h.accountId);
    const t = performance.now();
    h.db.transaction(() => new BulkImport(h.db, h.accountId).finish())();
    builds.push(performance.now() - t);
  }
  console.log(`index build for the account: median ${percentile(builds, 50).toFixed(0)} ms`);

  if (values.variants) measureVariants(h.db);

  const sample = h.db
    .prepare<[], { display_name: string | null; email: string | null; phone: string | null }>(
      `SELECT c.display_name,
         (SELECT value FROM contact_emails WHERE contact_id = c.id ORDER BY position) AS email,
         (SELECT raw FROM contact_phones WHERE contact_id = c.id ORDER BY position) AS phone
       FROM contacts c WHERE c.deleted_at IS NULL ORDER BY (c.id * 7919) % 100003 LIMIT 400`,
    )
    .all();
  const pick = (f: (r: (typeof sample)[number], i: number) => string | null | undefined) =>
    sample
      .map(f)
      .filter((q): q is string => !!q && q.length > 0)
      .slice(0, 40);
  const kinds: Record<string, string[]> = {
    'name prefix, 2–5 letters': pick((r, i) => {
      const word = r.display_name?.split(/\s+/).find((w) => /^\p{L}{3,}$/u.test(w));
      return word?.slice(0, 2 + (i % 4)).toLowerCase();
    }),
    'one letter': [...'abcdefghijklmnopqrstuvwxyz'],
    'whole email': pick((r) => r.email),
    'email local part': pick((r) => r.email?.split('@')[0]),
    'phone as typed': pick((r) => r.phone),
    'last 7 digits of a phone': pick((r) => {
      const digits = r.phone?.replace(/\D/g, '') ?? '';
      return digits.length >= 7 ? digits.slice(-7) : null;
    }),
  };

  const search = new ContactSearch(h.db);
  console.log(`\nContactSearch, page of 100 with its total, ${rounds} rounds`);
  for (const [kind, queries] of Object.entries(kinds)) {
    const times: number[] = [];
    let errors = 0;
    let empty = 0;
    for (let round = 0; round < rounds; round++) {
      for (const query of queries) {
        const t = performance.now();
        try {
          if (search.search(query, { limit: 100 }).total === 0) empty++;
        } catch {
          errors++;
        }
        times.push(performance.now() - t);
      }
    }
    console.log(
      `${kind.padEnd(26)} n=${String(queries.length).padStart(2)}  p50 ${percentile(times, 50).toFixed(1)} ms` +
        `  p95 ${percentile(times, 95).toFixed(1)} ms  errors ${errors / rounds}  no match ${empty / rounds}`,
    );
  }

  for (const words of [1_000, 64_000]) {
    const text = Array.from({ length: words }, (_, i) => 'abcdefghij'[i % 10]).join(' ');
    const t = performance.now();
    let outcome = 'answered';
    try {
      search.search(text, { limit: 100 });
    } catch (error) {
      outcome = `refused (${(error as { code?: string }).code ?? (error as Error).message})`;
    }
    console.log(`${words} one-letter words: ${(performance.now() - t).toFixed(0)} ms, ${outcome}`);
  }
} finally {
  await h.close();
}

/** Other designs of the index, filled from the same contacts: size and build time of each. */
function measureVariants(db: Harness['db']): void {
  // Registers the term functions the chosen design uses (search_names, …) on this connection.
  db.transaction(() => {
    db.exec("INSERT INTO contacts_fts (contacts_fts) VALUES ('delete-all')");
    fillSearchIndex(db, null);
  })();
  db.function('digits_only', { deterministic: true }, (raw, e164) =>
    [String(raw).replace(/\D+/g, ''), typeof e164 === 'string' ? e164.slice(1) : '']
      .filter(Boolean)
      .join(' '),
  );
  const variants: Record<string, { options: string; phone: string }> = {
    'chosen: detail=full, phone endings': { options: 'detail = full', phone: 'search_phone' },
    'detail=full, no phone endings': { options: 'detail = full', phone: 'digits_only' },
    'detail=none, phone endings': { options: 'detail = none', phone: 'search_phone' },
    "detail=full, endings, prefix='2 3'": {
      options: "detail = full, prefix = '2 3'",
      phone: 'search_phone',
    },
  };
  for (const [name, { options, phone }] of Object.entries(variants)) {
    db.exec(`DROP TABLE IF EXISTS fts_variant;
      CREATE VIRTUAL TABLE fts_variant USING fts5(names, organization, emails, phones,
        content = '', contentless_delete = 1, ${options},
        tokenize = 'unicode61 remove_diacritics 2')`);
    const t = performance.now();
    db.exec(`INSERT INTO fts_variant (rowid, names, organization, emails, phones)
      SELECT c.id, search_names(c.display_name, c.given_name, c.family_name, c.nickname),
        concat_ws(' ', nullif(c.organization, ''), nullif(c.title, '')),
        search_emails(coalesce((SELECT group_concat(e.value, ' ' ORDER BY e.position)
                                FROM contact_emails e WHERE e.contact_id = c.id), '')),
        coalesce((SELECT group_concat(${phone}(p.raw, p.e164), ' ' ORDER BY p.position)
                  FROM contact_phones p WHERE p.contact_id = c.id), '')
      FROM contacts c WHERE c.deleted_at IS NULL`);
    const ms = performance.now() - t;
    const { bytes } = db
      .prepare<[], { bytes: number }>(
        "SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'fts_variant%'",
      )
      .get()!;
    console.log(
      `variant ${name.padEnd(38)} ${(bytes / 1e6).toFixed(1)} MB, build ${ms.toFixed(0)} ms`,
    );
  }
  db.exec('DROP TABLE fts_variant');
}
