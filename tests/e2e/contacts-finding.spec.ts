/**
 * Finding your way in Contacts (issue 12), in Chromium over the preview transport against the
 * real core: the focus in Search contacts and `/`, the jump index, the order by last name
 * (remembered across a reload), and details with links and copy targets a person can hit.
 */
import { expect, test, type Page } from '@playwright/test';
import { startDemo, type Demo } from './support/demo.js';

let demo: Demo | undefined;

test.afterAll(async () => {
  await demo?.stop();
});

const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name });

/**
 * The name of the first row drawn below the top of the list's viewport (plain JavaScript: this
 * project's Node tsconfig has no DOM types).
 */
const FIRST_VISIBLE = `(() => {
  const list = document.querySelector('[data-testid="contact-list"]');
  const top = list.getBoundingClientRect().top;
  const rows = [...list.querySelectorAll('.contact-row:not(.placeholder)')];
  const row = rows.find((r) => r.getBoundingClientRect().top >= top - 1);
  return row ? row.querySelector('.name').textContent : '';
})()`;

const firstVisibleName = (page: Page) => page.evaluate<string>(FIRST_VISIBLE);

test('search focus and /, the jump index, the order by last name, readable details', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  page.on('console', (m) => (m.type() === 'error' ? problems.push(m.text()) : undefined));
  page.on('pageerror', (error) => problems.push(error.message));
  demo = await startDemo({ contacts: 2500, startTimeoutMs: 120_000 });
  await page.goto(demo.previewUrl);
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('2,500 contacts', {
    timeout: 120_000,
  });

  // `/` from Status opens Contacts with the focus in the search box.
  await page.locator('body').press('/');
  const box = page.getByRole('searchbox', { name: 'Search contacts' });
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');
  await expect(page.getByTestId('result-count')).toHaveText('2,500 contacts');

  // The jump index: M brings the first contact whose name starts with M to the top.
  const index = page.getByRole('navigation', { name: 'Jump to letter' });
  await index.getByRole('button', { name: 'Jump to M' }).click();
  await expect.poll(() => firstVisibleName(page)).toMatch(/^M/);
  await expect(page.locator('.contact-row:focus .name')).toHaveText(/^M/);
  await expect(page.locator('.contact-letter', { hasText: /^M$/ })).toBeInViewport();

  // By last name: rows read family name first, and the letters follow.
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('last');
  await expect(page.getByTestId('contact-list')).toHaveAttribute('data-state', 'ready');
  await index.getByRole('button', { name: 'Jump to S' }).click();
  await expect.poll(() => firstVisibleName(page)).toMatch(/^S/);
  // Family name first ("Sato, Amara") among the S rows drawn; which of them fit the window
  // depends on its height (single-name contacts such as "Samuel" sort among them).
  await expect(
    page.locator('.contact-row .name', { hasText: /^S[^,]*, \S/ }).first(),
  ).toBeAttached();

  // Remembered: after a reload, Contacts opens in the same order, the focus in the search box.
  await page.reload();
  await section(page, 'Contacts').click();
  await expect(box).toBeFocused();
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toHaveValue('last');
  await expect(page.locator('.contact-row .name', { hasText: /^\S+, \S/ }).first()).toBeVisible();

  // Details: a contact with a phone number shows it as a tel: link, copy targets ≥ 24 × 24 px.
  await box.fill('a');
  const details = page.getByRole('article', { name: 'Contact details' });
  const rows = page.locator('.contact-row:not(.placeholder)');
  for (let i = 0; i < 20; i++) {
    await rows.nth(i).click();
    await details.waitFor();
    if (await details.locator('a[href^="tel:"]').count()) break;
  }
  const tel = details.locator('a[href^="tel:"]').first();
  await expect(tel).toBeVisible();
  expect(await tel.getAttribute('href')).toMatch(/^tel:\+?\d+$/);
  for (const button of await details.getByRole('button', { name: /^Copy / }).all()) {
    const size = await button.boundingBox();
    expect(size!.width).toBeGreaterThanOrEqual(24);
    expect(size!.height).toBeGreaterThanOrEqual(24);
  }
  await expect(details.getByRole('link', { name: 'Open in Google Contacts' })).toHaveAttribute(
    'href',
    /^https:\/\/contacts\.google\.com\/person\/[\w-]+$/,
  );

  expect(problems).toEqual([]);
});
