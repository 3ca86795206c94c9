/**
 * Export and deleted contacts as a person uses them in preview mode (issue 12 items 2 and 3): the
 * file arrives as a browser download and is parsed back with real parsers; contacts deleted in
 * Google are listed with their run and exported as a vCard Google Contacts imports.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { violations } from './support/axe.js';
import { startDemo, type Demo } from './support/demo.js';

const CONTACTS = 400;
let demo: Demo | undefined;

test.afterEach(async () => {
  await demo?.stop();
  demo = undefined;
});

async function syncedDemo(page: Page): Promise<Demo> {
  demo = await startDemo({ contacts: CONTACTS });
  await page.goto(demo.previewUrl);
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText(`${CONTACTS} contacts`);
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Contacts' })
    .click();
  return demo;
}

/** Clicks Export in the open dialog and reads the file the browser downloaded. */
async function exportAndDownload(page: Page): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'Export contacts' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export' }).click(),
  ]);
  const file = await download.path();
  await expect(dialog.getByRole('status')).toContainText('your browser saves the file');
  await dialog.getByRole('button', { name: 'Close' }).click();
  return fs.readFileSync(file, 'utf8');
}

/** With UPDATE_SCREENSHOTS: docs/screenshots/NAME-{light,dark}.png of what is on screen now. */
async function shoot(page: Page, name: string): Promise<void> {
  if (!process.env['UPDATE_SCREENSHOTS']) return;
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `docs/screenshots/${name}-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const vCards = (text: string) => {
  const parsed = ICAL.parse(text) as unknown[];
  return (typeof parsed[0] === 'string' ? [parsed] : parsed).map(
    (card) => new ICAL.Component(card as unknown[]),
  );
};

test('exports everything as vCard and the current search as Google CSV, downloaded', async ({
  page,
}) => {
  await syncedDemo(page);
  await page.getByRole('button', { name: 'Export…' }).click();
  const all = vCards(await exportAndDownload(page));
  expect(all).toHaveLength(CONTACTS);

  const search = page.getByRole('searchbox', { name: 'Search contacts' });
  await search.fill('an');
  const counted = page.getByTestId('result-count');
  await expect(counted).toHaveText(/^\d[\d,]* contacts?$/);
  const matches = Number((await counted.textContent())!.replace(/\D/g, ''));
  expect(matches).toBeGreaterThan(0);
  expect(matches).toBeLessThan(CONTACTS);

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export contacts' });
  await expect(dialog.getByRole('radio', { name: 'The current search: “an”' })).toBeChecked();
  await dialog.getByRole('radio', { name: /Google CSV/ }).check();
  await shoot(page, 'contacts-export');
  expect(await violations(page)).toEqual([]);
  const rows = parseCsv(await exportAndDownload(page), { columns: true }) as Record<
    string,
    string
  >[];
  expect(rows).toHaveLength(matches);
  expect(Object.keys(rows[0]!).slice(0, 3)).toEqual(['First Name', 'Middle Name', 'Last Name']);
});

test('shows contacts deleted in Google and exports a selection as vCard', async ({ page }) => {
  const running = await syncedDemo(page);
  const people = await running.control<
    Array<{ resourceName: string; names?: { displayName?: string }[] }>
  >('GET', '/contacts');
  const gone = people.slice(3, 5);
  for (const person of gone) {
    await running.control('POST', '/contacts/delete', { resourceName: person.resourceName });
  }
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Status' })
    .click();
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await expect(page.getByTestId('last-run')).toContainText('2 deleted');
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Contacts' })
    .click();

  await page.getByRole('button', { name: 'Show deleted contacts' }).click();
  await expect(page.getByTestId('deleted-count')).toHaveText('2 deleted contacts');
  const list = page.getByRole('list', { name: 'Deleted contacts' });
  await expect(list.getByText(/sync run #2$/)).toHaveCount(2);
  await list.getByRole('listitem').first().getByRole('button').click();
  await expect(page.getByRole('article', { name: 'Contact details' })).toBeVisible();
  await list.getByRole('checkbox').first().check();
  await shoot(page, 'contacts-deleted');
  expect(await violations(page)).toEqual([]);

  await page.getByRole('checkbox', { name: 'Select all' }).check();
  await page.getByRole('button', { name: 'Export selected (2)' }).click();
  const cards = vCards(await exportAndDownload(page));
  expect(cards.map((c) => c.getFirstPropertyValue('version'))).toEqual(['3.0', '3.0']);
  expect(new Set(cards.map((c) => c.getFirstPropertyValue('uid')))).toEqual(
    new Set(gone.map((p) => p.resourceName)),
  );

  // Back in the list, a deleted contact's name finds nothing.
  await page.getByRole('button', { name: 'Back to contacts' }).click();
  const name = gone[0]!.names?.[0]?.displayName;
  if (name) {
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill(name);
    await expect(page.getByTestId('result-count')).toHaveText(/contacts?$/);
    await expect(
      page.getByRole('list', { name: 'Contacts' }).getByText(name, { exact: true }),
    ).toHaveCount(0);
  }
});
