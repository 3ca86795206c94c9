/**
 * `npm run screenshots`: saves docs/screenshots/{section}-{light,dark}.png for every section.
 * Starts the demo (fake Google with calendar sync on, the real core, preview mode), syncs, changes
 * a few contacts on the fake server and syncs again, so History holds an incremental run with
 * changes. Statistics would show a single day of runs, so before its pictures the script backfills
 * 30 days of runs and spreads the contacts' first-seen dates in the demo's throwaway database
 * (after the other sections are taken, so History and Status show only real runs). Uses Debian's
 * Chromium (CHROMIUM_PATH to override). Not part of `npm test`. Section names as arguments
 * (`npm run screenshots -- history settings`) take only those pictures; `calendar-bysetpos`
 * takes just docs/screenshots/calendar-bysetpos-light.png.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { startDemo, type Demo } from '../tests/e2e/support/demo.js';
import { CHROMIUM_LAUNCH } from '../tests/e2e/support/chromium.js';
import { mulberry32 } from '../tests/fake-google/prng.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'docs', 'screenshots');
const CONTACTS = 3000;
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];
const only = process.argv.slice(2).map((name) => name.toLowerCase());
const wanted = (section: string) => only.length === 0 || only.includes(section.toLowerCase());

/** Waits until `finished` runs are recorded and none is running (contacts, then calendar). */
async function waitForRuns(demo: Demo, finished: number): Promise<void> {
  const db = new Database(path.join(demo.dataDir, 'contacts.db'), { readonly: true });
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const row = db
        .prepare(
          `SELECT sum(status != 'running') AS done, sum(status = 'running') AS running
           FROM sync_runs`,
        )
        .get() as { done: number | null; running: number | null };
      if ((row.done ?? 0) >= finished && (row.running ?? 0) === 0) return;
      if (Date.now() > deadline) throw new Error(`Only ${row.done ?? 0} runs finished in 2 min.`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    db.close();
  }
}

async function syncNow(page: Page, demo: Demo, runsAfter: number): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Status' })
    .click();
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await waitForRuns(demo, runsAfter);
}

/** One contact renamed, one added, one deleted on the "server": the next run is incremental. */
async function changeContacts(demo: Demo): Promise<void> {
  const people = await demo.control<Array<{ resourceName: string }>>('GET', '/contacts');
  const [renamed, deleted] = [people[7], people[12]];
  if (!renamed || !deleted) throw new Error('The demo account has too few contacts.');
  await demo.control('POST', '/contacts/update', {
    resourceName: renamed.resourceName,
    patch: { names: [{ givenName: 'Ada', familyName: 'Lovelace', displayName: 'Ada Lovelace' }] },
  });
  await demo.control('POST', '/contacts/add', { count: 1 });
  await demo.control('POST', '/contacts/delete', { resourceName: deleted.resourceName });
}

/**
 * 30 days of scheduled runs (a few failed or skipped, one slow day) and contacts first seen over
 * the month, written straight into the throwaway database the demo uses.
 */
function backfill(demo: Demo): void {
  const db = new Database(path.join(demo.dataDir, 'contacts.db'), { timeout: 10_000 });
  const random = mulberry32(20261123);
  const day = 86_400_000;
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  try {
    const { id: accountId } = db.prepare('SELECT id FROM accounts LIMIT 1').get() as { id: number };
    const insert = db.prepare(
      `INSERT INTO sync_runs (account_id, resource, kind, trigger, status, skip_reason, started_at,
         finished_at, duration_ms, fetched, updated, unchanged, pages, api_calls, bytes_received,
         error_code, error_message)
       VALUES (?, ?, 'incremental', 'scheduled', ?, ?, ?, ?, ?, ?, ?, 0, 1, ?, ?, ?, ?)`,
    );
    const contacts = db.prepare('SELECT id FROM contacts ORDER BY id').all() as Array<{
      id: number;
    }>;
    const firstSeen = db.prepare('UPDATE contacts SET created_at = ? WHERE id = ?');
    db.transaction(() => {
      for (let ago = 29; ago >= 1; ago--) {
        for (const hour of [2, 8, 14, 20]) {
          const start = today.getTime() - ago * day + hour * 3_600_000 + random() * 600_000;
          const roll = random();
          const status = roll < 0.08 ? 'failed' : roll < 0.25 ? 'skipped' : 'success';
          const slow = ago === 11 ? 2.5 : 1;
          const duration = status === 'skipped' ? 0 : Math.round((900 + random() * 1400) * slow);
          const calls = status === 'skipped' ? 0 : 1 + Math.floor(random() * 3);
          const fetched = status === 'success' ? Math.floor(random() * 25) : 0;
          insert.run(
            accountId,
            'contacts',
            status,
            status === 'skipped' ? (random() < 0.5 ? 'not_due' : 'adaptive_interval') : null,
            new Date(start).toISOString(),
            new Date(start + duration).toISOString(),
            duration,
            fetched,
            fetched,
            calls,
            calls * 18_000,
            status === 'failed' ? 'NETWORK' : null,
            status === 'failed' ? 'Google could not be reached. Check the connection.' : null,
          );
          if (hour === 8) {
            const calendarMs = Math.round(400 + random() * 600);
            insert.run(
              accountId,
              'calendar',
              'success',
              null,
              new Date(start + 60_000).toISOString(),
              new Date(start + 60_000 + calendarMs).toISOString(),
              calendarMs,
              3,
              0,
              2,
              9_000,
              null,
              null,
            );
          }
        }
      }
      // The last 600 contacts arrived over the month, the rest before it.
      contacts.forEach(({ id }, i) => {
        const recent = i - (contacts.length - 600);
        const at =
          recent < 0
            ? today.getTime() - 45 * day
            : today.getTime() - 29 * day + (recent / 600) * 29 * day + random() * 3_600_000;
        firstSeen.run(new Date(at).toISOString(), id);
      });
    })();
  } finally {
    db.close();
  }
}

/** Opens a section and waits for what makes its picture worth taking. */
async function open(page: Page, section: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: section })
    .click();
  await page.getByRole('heading', { level: 1, name: section }).waitFor();
  switch (section) {
    case 'Contacts': {
      // A contact with several fields, so the details pane shows what it can do.
      const details = page.getByRole('article', { name: 'Contact details' });
      const rows = page.locator('.contact-row:not(.placeholder)');
      for (let i = 0; i < 12; i++) {
        await rows.nth(i).click();
        await details.waitFor();
        // The pane may still show the previous contact for a moment (names can repeat).
        await page.waitForTimeout(300);
        if ((await details.locator('dt').count()) >= 5) break;
      }
      break;
    }
    case 'History': {
      // The incremental contacts run with its detail (the contacts it changed), once H9's
      // detail pane is there; a second pass finds it open already.
      const row = page.locator('tr', { hasText: 'Contacts' }).filter({ hasText: 'Changes only' });
      const details = row.getByRole('button', { name: /^Show details of the run/ });
      if ((await details.count()) && (await details.getAttribute('aria-expanded')) !== 'true') {
        await details.click();
      }
      if (await details.count()) await page.locator('#run-detail').waitFor();
      break;
    }
    case 'Statistics':
      await page.getByRole('heading', { name: 'Contacts over time' }).waitFor();
      break;
    case 'Settings':
      await page.getByRole('group', { name: 'Pause auto-sync' }).waitFor();
      break;
  }
  // Charts draw and fonts settle after the data arrives.
  await page.waitForTimeout(500);
}

async function shoot(page: Page, section: string, scheme: Scheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await open(page, section);
  const file = path.join(outDir, `${section.toLowerCase()}-${scheme}.png`);
  // Settings and Statistics are long: the whole page; the others as the window shows them.
  await page.screenshot({
    path: file,
    fullPage: section === 'Settings' || section === 'Statistics',
  });
  process.stdout.write(`${path.relative(root, file)}\n`);
}

/**
 * Issue #14: the week (Monday to Sunday) of the demo's stand-up moved in the week of its
 * "Month-end report" (last weekday of the month, BYSETPOS=-1), clipped from the whole agenda.
 */
async function shootAgendaWeek(page: Page): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await open(page, 'Calendar');
  const moved = page.locator('.agenda-day', { hasText: 'Team stand-up (moved)' }).first();
  const day = (await moved.getAttribute('aria-labelledby'))?.replace(/^day-/, '') ?? '';
  const monday = new Date(`${day}T00:00:00Z`);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  const week = Array.from({ length: 7 }, (_, k) =>
    new Date(monday.getTime() + k * 86_400_000).toISOString().slice(0, 10),
  );
  const boxes: ({ x: number; y: number; width: number; height: number } | null)[] = [];
  for (const date of week) {
    const section = page.locator(`.agenda-day[aria-labelledby="day-${date}"]`);
    if ((await section.count()) > 0) boxes.push(await section.boundingBox());
  }
  const found = boxes.filter((b) => b !== null);
  const top = Math.min(...found.map((b) => b.y)) - 8;
  const bottom = Math.max(...found.map((b) => b.y + b.height)) + 8;
  const left = Math.min(...found.map((b) => b.x)) - 8;
  const right = Math.max(...found.map((b) => b.x + b.width)) + 8;
  const file = path.join(outDir, 'calendar-bysetpos-light.png');
  await page.screenshot({
    path: file,
    fullPage: true,
    clip: { x: left, y: top, width: right - left, height: bottom - top },
  });
  process.stdout.write(`${path.relative(root, file)}\n`);
}

const demo = await startDemo({
  contacts: CONTACTS,
  extraArgs: ['--calendar'],
  startTimeoutMs: 120_000,
});
const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(demo.previewUrl);
  await syncNow(page, demo, 2);
  if (wanted('calendar-bysetpos')) await shootAgendaWeek(page);
  const sections = ['Status', 'Contacts', 'Calendar', 'History', 'Settings'].filter(wanted);
  if (sections.length > 0 || wanted('Statistics')) {
    await changeContacts(demo);
    await syncNow(page, demo, 4);
    await page.waitForTimeout(500);
    for (const scheme of SCHEMES) {
      for (const section of sections) await shoot(page, section, scheme);
    }
    if (wanted('Statistics')) {
      backfill(demo);
      await page.reload();
      for (const scheme of SCHEMES) await shoot(page, 'Statistics', scheme);
    }
  }
  if (problems.length) throw new Error(`The page reported errors:\n${problems.join('\n')}`);
} finally {
  await browser.close();
  await demo.stop();
}
