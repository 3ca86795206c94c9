/**
 * 100,000 contacts in a real browser: the demo (fake Google, the real core, the preview server)
 * syncs them all, then the Contacts section scrolls to the last contact in name order, loading
 * pages as it goes, and Search contacts answers.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startDemo, type Demo } from './support/demo.js';

const CONTACTS = 100_000;
let demo: Demo | undefined;

test.afterAll(async () => {
  await demo?.stop();
});

/** The last active contact in the list's order, read from the app's database by plain SQL. */
function lastContactName(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'contacts.db'), { readonly: true });
  try {
    const row = db
      .prepare<[], { display_name: string }>(
        `SELECT display_name FROM contacts WHERE deleted_at IS NULL
         ORDER BY display_name COLLATE NOCASE DESC, id DESC LIMIT 1`,
      )
      .get();
    if (!row?.display_name) throw new Error('the last contact has no name');
    return row.display_name;
  } finally {
    db.close();
  }
}

/** What the test touches of the list element (the tests' tsconfig has no DOM types). */
interface Scrollable {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('100,000 contacts: the list scrolls to the last one and a search answers', async ({
  page,
}) => {
  // The full sync of 100,000 contacts alone takes about 25 s on an idle machine.
  test.setTimeout(300_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  demo = await startDemo({ contacts: CONTACTS, startTimeoutMs: 120_000 });
  await page.goto(demo.previewUrl);
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('100,000 contacts', {
    timeout: 240_000,
  });

  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Contacts' }).click();
  await expect(page.getByTestId('result-count')).toHaveText('100,000 contacts');
  const viewport = page.getByTestId('contact-list');
  const list = page.getByRole('list', { name: 'Contacts' });
  await expect(list.locator('.contact-row:not(.placeholder)').first()).toBeVisible();

  // Scroll to the end the way a person drags the scrollbar: a few big jumps, then the bottom.
  for (const fraction of [0.25, 0.5, 0.75, 1]) {
    await viewport.evaluate((e, f) => {
      const element = e as unknown as Scrollable;
      element.scrollTop = (element.scrollHeight - element.clientHeight) * f;
    }, fraction);
  }
  const last = lastContactName(demo.dataDir);
  const lastRow = list.getByRole('button', { name: new RegExp(`^${escape(last)}`) }).last();
  await expect(lastRow).toBeInViewport();
  await expect(list.getByRole('button', { name: 'Loading contact' })).toHaveCount(0);
  // The last row ends where the list ends: nothing below it, nothing cut off.
  const [row, box] = await Promise.all([lastRow.boundingBox(), viewport.boundingBox()]);
  const [rowBottom, listBottom] = [row!.y + row!.height, box!.y + box!.height];
  expect(Math.abs(listBottom - rowBottom)).toBeLessThan(4);

  // Search: a word of that last name finds it, and the count says how many match.
  const word = last.split(/\s+/).find((w) => /^\p{L}{3,}/u.test(w)) ?? last;
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill(word);
  await expect(viewport).toHaveAttribute('data-query', word);
  await expect(viewport).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('result-count')).toHaveText(/^[\d,]+ contacts?$/);
  await expect(page.getByTestId('result-count')).not.toHaveText('100,000 contacts');
  // The matches keep the list's order, so that last contact is also the last match.
  await viewport.evaluate((e) => {
    const element = e as unknown as Scrollable;
    element.scrollTop = element.scrollHeight;
  });
  await expect(
    list.getByRole('button', { name: new RegExp(`^${escape(last)}`) }).last(),
  ).toBeInViewport();

  expect(problems).toEqual([]);
});
