/**
 * `npm run bench:ui`: the Contacts section with 100,000 contacts in Chromium, over the preview
 * transport (issue #6; figures in docs/PERFORMANCE.md). The demo (fake Google, the real core, the
 * preview server) runs in its own process and syncs every contact first.
 *
 * Every time is taken in the page with performance.now(): from the `input` event of a keystroke
 * in "Search contacts" (a capturing listener, so before React sees it) to the moment the list
 * has drawn that query's rows, i.e. its `data-query` is the new text and `data-state` is ready
 * (a MutationObserver; "frame" adds the next animation frame, when the browser paints).
 *
 * Options: --contacts N (default 100000), --queries N (default 50)
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { SEARCH_PAUSE_MS } from '../src/renderer/sections/useContactSearch.js';
import { startDemo } from '../tests/e2e/support/demo.js';
import { CHROMIUM_LAUNCH } from '../tests/e2e/support/chromium.js';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '50' },
  },
});
const contacts = Number(values.contacts);
const queryCount = Number(values.queries);

interface Timing {
  committed: number;
  frame: number;
}

/**
 * In-page probes, as plain JavaScript (this project's Node tsconfig has no DOM types):
 * `__typed(text)` resolves with the time from the latest `input` event to the list showing the
 * rows of `text`; `__contactsShown()` the same from the next click to the list's first rows;
 * `__coldShown()` from navigation start to the first rows.
 */
const PROBES = `
(() => {
  const listReady = (text) => {
    const list = document.querySelector('[data-testid="contact-list"]');
    if (!list || list.dataset.state !== 'ready') return false;
    if (text !== null && list.dataset.query !== text) return false;
    return list.querySelector('.contact-row:not(.placeholder)') !== null;
  };
  const whenShown = (text, since) =>
    new Promise((resolve) => {
      const check = () => {
        const start = since();
        if (start === null || !listReady(text)) return false;
        observer.disconnect();
        const committed = performance.now() - start;
        requestAnimationFrame(() => resolve({ committed, frame: performance.now() - start }));
        return true;
      };
      const observer = new MutationObserver(check);
      observer.observe(document, { subtree: true, childList: true, attributes: true });
      check();
    });
  // The latest such event: for a run of keystrokes, the time counts from the last one.
  const timed = (type, text) => {
    let start = null;
    const mark = () => (start = performance.now());
    document.addEventListener(type, mark, { capture: true });
    const shown = whenShown(text, () => start);
    void shown.then(() => document.removeEventListener(type, mark, { capture: true }));
    return shown;
  };
  window.__typed = (text) => timed('input', text);
  window.__contactsShown = () => timed('click', null);
  // Watching from the document's start, so a list drawn before the test asks is still timed.
  const cold = whenShown(null, () => 0);
  window.__coldShown = () => cold;
})();
`;

const typed = (page: Page, text: string) =>
  page.evaluate<Timing>(`window.__typed(${JSON.stringify(text)})`);

async function settled(page: Page, text: string): Promise<void> {
  const list = page.getByTestId('contact-list');
  await list.and(page.locator(`[data-query="${text}"][data-state="ready"]`)).waitFor();
  // Past the pause window, so the next keystroke is one "after a pause".
  await page.waitForTimeout(SEARCH_PAUSE_MS + 50);
}

/** Types the last character of `query` after the rest, and times it. */
async function keystroke(page: Page, query: string): Promise<Timing> {
  const box = page.getByRole('searchbox', { name: 'Search contacts' });
  await box.fill(query.slice(0, -1));
  await settled(page, query.slice(0, -1));
  const [timing] = await Promise.all([typed(page, query), box.pressSequentially(query.slice(-1))]);
  return timing;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const summary = (label: string, timings: Timing[]) => {
  const c = timings.map((t) => t.committed);
  const f = timings.map((t) => t.frame);
  const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
  console.log(
    `${label.padEnd(46)} n=${String(timings.length).padStart(2)}  p50 ${ms(percentile(c, 50))}` +
      `  p95 ${ms(percentile(c, 95))}  max ${ms(Math.max(...c))}` +
      `  | +frame p50 ${ms(percentile(f, 50))} p95 ${ms(percentile(f, 95))}`,
  );
  return { p50: percentile(c, 50), p95: percentile(c, 95), frameP95: percentile(f, 95) };
};

/** Queries a person types to find someone: 2–5 first letters of a word of 50 names. */
function pickQueries(dataDir: string, count: number): string[] {
  const db = new Database(path.join(dataDir, 'contacts.db'), { readonly: true });
  try {
    const names = db
      .prepare<[], { display_name: string }>(
        `SELECT display_name FROM contacts WHERE deleted_at IS NULL AND display_name IS NOT NULL
         ORDER BY id`,
      )
      .all()
      .map((r) => r.display_name);
    const queries: string[] = [];
    for (let i = 0; queries.length < count && i < names.length; i++) {
      const name = names[(i * 7919) % names.length]!;
      const words = name.split(/\s+/).filter((w) => /^[\p{L}]{3,}$/u.test(w));
      const word = words[i % Math.max(1, words.length)];
      if (word) queries.push(word.slice(0, 2 + (i % 4)).toLowerCase());
    }
    return queries;
  } finally {
    db.close();
  }
}

// No photo pass after the sync: it would share the two cores with the searches measured here.
const demo = await startDemo({
  contacts,
  startTimeoutMs: 180_000,
  env: { CONTACTS_SYNC_PHOTOS: 'off' },
});
const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 720 } });
  await page.addInitScript(PROBES);
  await page.goto(demo.previewUrl);
  const syncStart = Date.now();
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await page
    .getByTestId('contact-count')
    .filter({ hasText: `${contacts.toLocaleString('en-US')} contacts` })
    .waitFor({ timeout: 600_000 });
  console.log(`synced ${contacts} contacts in ${((Date.now() - syncStart) / 1000).toFixed(1)} s`);

  // First render: a click on "Contacts" in the navigation until its first rows are drawn.
  const nav = page.getByRole('navigation', { name: 'Sections' });
  const firstRenders: Timing[] = [];
  for (let i = 0; i < 10; i++) {
    await nav.getByRole('button', { name: 'Status' }).click();
    await page.getByTestId('status-line').waitFor();
    // No pause before the click: the last visit's listLabels (asked after its first rows) reads
    // schema v6's kept counts, under a millisecond; it used to take 0.3–0.5 s, and this visit's
    // search queued behind it (first render 390–470 ms without a 1 s pause here).
    const shown = page.evaluate<Timing>('window.__contactsShown()');
    await nav.getByRole('button', { name: 'Contacts' }).click();
    firstRenders.push(await shown);
  }

  // Cold: loading the app with #contacts, from navigation start to the first rows.
  const coldLoads: Timing[] = [];
  await page.goto(`${demo.previewUrl}#contacts`);
  for (let i = 0; i < 5; i++) {
    await page.reload();
    coldLoads.push(await page.evaluate<Timing>('window.__coldShown()'));
  }

  const queries = pickQueries(demo.dataDir, queryCount);
  const box = page.getByRole('searchbox', { name: 'Search contacts' });
  await box.fill('');
  const afterPause: Timing[] = [];
  for (const query of queries) afterPause.push(await keystroke(page, query));

  // Worst case: the first letter typed into an empty box (a third of all contacts may match).
  const firstLetters: Timing[] = [];
  for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
    await box.fill('');
    await settled(page, '');
    firstLetters.push(await keystroke(page, letter));
  }

  // Typing without pause: the last keystroke waits out the debounce before it is asked.
  const bursts: Timing[] = [];
  for (const query of queries.filter((q) => q.length >= 4).slice(0, 10)) {
    await box.fill('');
    await settled(page, '');
    // Timed from the last keystroke, 60 ms after the one before it.
    const [timing] = await Promise.all([
      typed(page, query),
      box.pressSequentially(query, { delay: 60 }),
    ]);
    bursts.push(timing);
  }

  console.log(`\nContacts section, ${contacts.toLocaleString('en-US')} contacts, Chromium`);
  const first = summary('first render (click Contacts → rows drawn)', firstRenders);
  const cold = coldLoads.map((t) => t.committed);
  console.log(
    `${'cold load #contacts (navigation start → rows)'.padEnd(46)} n= 5  p50 ${percentile(cold, 50).toFixed(1)} ms  max ${Math.max(...cold).toFixed(1)} ms`,
  );
  const keys = summary(`keystroke after a pause (${queries.length} queries)`, afterPause);
  const letters = summary('first letter into an empty box (a–z)', firstLetters);
  const fast = summary('last keystroke of fast typing (60 ms/key)', bursts);
  console.log(
    `\ntargets (issue 12): keystroke after a pause p95 ≤ 60 ms: ${keys.p95 <= 60 ? 'met' : 'NOT met'}; ` +
      `last keystroke of fast typing p95 ≤ 80 ms: ${fast.p95 <= 80 ? 'met' : 'NOT met'}; ` +
      `earlier: keystroke p95 ≤ 50 ms: ${keys.p95 <= 50 ? 'met' : 'NOT met'}; ` +
      `first render ≤ 300 ms: ${first.p95 <= 300 ? 'met' : 'NOT met'} (p95)`,
  );
  console.log(JSON.stringify({ queries, first, keys, letters }));
} finally {
  await browser.close();
  await demo.stop();
}
