/**
 * The app in a real browser: `npm run demo -- --preview` (fake Google with a demo account, the
 * real core, the preview server), then Sync Now, watching progress and the final count arrive as
 * events. With UPDATE_SCREENSHOTS=1 it also refreshes docs/screenshots/preview.png and
 * status-syncing-light.png; every section's pictures come from `npm run screenshots`.
 */
import { expect, test } from '@playwright/test';
import { startDemo, type Demo } from './support/demo.js';

const CONTACTS = 2500;
let demo: Demo | undefined;

test.afterAll(async () => {
  await demo?.stop();
});

test('Sync Now in the preview shows progress and the final count as events', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  demo = await startDemo({ contacts: CONTACTS });
  await page.goto(demo.previewUrl);
  await expect(page.getByTestId('status-line')).toHaveText('Not synced yet');
  await expect(page.getByText('demo@example.com')).toBeVisible();

  // Each later page of the listing takes a moment, so progress is on screen long enough to see.
  await demo.control('POST', '/faults', {
    path: 'connections',
    kind: 'delay',
    delayMs: 700,
    afterRequests: 1,
    count: 2,
  });
  await page.getByRole('button', { name: 'Sync Now' }).click();
  if (process.env['UPDATE_SCREENSHOTS']) {
    // Best effort: the demo's sync may finish before the first progress event is drawn.
    const shown = await page
      .getByRole('progressbar')
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) await page.screenshot({ path: 'docs/screenshots/status-syncing-light.png' });
  }

  // Progress events: the bar counts the pages as they arrive.
  await expect(page.getByTestId('progress-text')).toContainText(/[1-9][\d,]* contacts fetched/);
  // The finished run, then the statistics it triggered.
  const count = CONTACTS.toLocaleString('en-US');
  await expect(page.getByTestId('last-run')).toContainText(
    `synced ${count} contacts (${count} new`,
  );
  await expect(page.getByTestId('contact-count')).toHaveText(`${count} contacts`);
  await expect(page.getByTestId('status-line')).toHaveText(/^Last synced (just now|1 min ago)$/);
  await expect(page.getByRole('button', { name: 'Sync Now' })).toBeEnabled();

  // Activity holds the finished run alone: progress lives in the bar, not in the list.
  await expect(page.getByTestId('activity').getByRole('listitem')).toHaveCount(1);
  if (process.env['UPDATE_SCREENSHOTS']) {
    await page.screenshot({ path: 'docs/screenshots/preview.png', fullPage: true });
  }

  // Contacts: the list fills from the local copy, and Search contacts finds one by name.
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Contacts' }).click();
  await expect(nav.getByRole('button', { name: 'Contacts' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const list = page.getByRole('list', { name: 'Contacts' });
  await expect(page.getByTestId('result-count')).toHaveText(`${count} contacts`);
  const name = (await list.locator('.contact-row .name').nth(3).textContent()) ?? '';
  expect(name.length).toBeGreaterThan(0);
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill(name);
  await expect(page.getByTestId('result-count')).not.toHaveText(`${count} contacts`);
  await list
    .getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .first()
    .click();
  await expect(page.getByRole('article', { name: 'Contact details' })).toContainText(name);

  // No CSP violation, no failed request, no script error.
  expect(problems).toEqual([]);
});
