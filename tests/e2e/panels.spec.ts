/**
 * History, Settings and the layout in real Chromium over the preview transport: History fits
 * 800 px without sideways scrolling, Escape closes a run's details and focus returns to its row,
 * the time-zone field finds Europe/Berlin from "Ber", and the sidebar stays in view.
 */
import { expect, test, type Page } from '@playwright/test';
import { startDemo, type Demo } from './support/demo.js';

let demo: Demo | undefined;

test.afterEach(async () => {
  await demo?.stop();
  demo = undefined;
});

const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name });

async function syncedDemo(page: Page): Promise<void> {
  demo = await startDemo({ contacts: 300, extraArgs: ['--calendar'] });
  await page.goto(demo.previewUrl);
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('300 contacts', { timeout: 60_000 });
}

/** The little of the DOM these checks use (tsconfig.json type-checks tests without the DOM lib). */
interface Box {
  scrollWidth: number;
  clientWidth: number;
  scrollTop: number;
  scrollHeight: number;
}

/** How far the page and History's table are wider than their boxes (0: no sideways scroll). */
async function overflow(page: Page): Promise<{ page: number; table: number }> {
  const excess = (e: unknown) => (e as Box).scrollWidth - (e as Box).clientWidth;
  return {
    page: await page.locator('html').evaluate(excess),
    table: await page.getByTestId('history-table').evaluate(excess),
  };
}

test('History fits 800 px without sideways scrolling; Escape closes details and refocuses', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await syncedDemo(page);
  await section(page, 'History').click();
  const opener = page.getByRole('button', { name: /^Show details of the run at/ }).first();
  await expect(opener).toBeVisible();
  expect(await overflow(page)).toEqual({ page: 0, table: 0 });
  // The columns that did not fit are on a second line, not gone.
  await expect(page.locator('.run-second-line').first()).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'API calls' })).toBeHidden();

  await opener.click();
  const detail = page.getByRole('region', { name: /^Run of / });
  await expect(detail).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expect(opener).toBeFocused();
  await expect(opener).toHaveAttribute('aria-expanded', 'false');

  // At any width up to a wide window, nothing scrolls sideways; wide, every column is back.
  for (const width of [900, 1000, 1120, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await overflow(page), `${width} px`).toEqual({ page: 0, table: 0 });
  }
  await expect(page.getByRole('columnheader', { name: 'API calls' })).toBeVisible();
  await expect(page.locator('.run-second-line').first()).toBeHidden();
});

test('the time-zone field finds Europe/Berlin from “Ber” and refuses what is no zone', async ({
  page,
}) => {
  demo = await startDemo({ contacts: 50, env: { TZ: 'America/New_York' } });
  await page.goto(demo.previewUrl);
  await section(page, 'Settings').click();
  const zone = page.getByRole('combobox', { name: 'Time zone' });
  // The default is the computer's own zone.
  await expect(zone).toHaveValue('America/New_York');
  await expect(page.getByText(/^This computer’s time zone\./)).toBeVisible();

  await zone.fill('Ber');
  // The browser suggests from the field's list as one types; Europe/Berlin is in it.
  const list = await zone.getAttribute('list');
  await expect(page.locator(`datalist[id="${list}"] option[value="Europe/Berlin"]`)).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('“Ber” is not a time zone.');
  await expect(zone).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Escape');
  await expect(zone).toHaveValue('America/New_York');

  await zone.fill('Europe/Berlin');
  await expect(page.getByTestId('schedule-slots')).toContainText('(Europe/Berlin time)');
  await page
    .getByRole('button', { name: 'Use this computer’s time zone (America/New_York)' })
    .click();
  await expect(zone).toHaveValue('America/New_York');
  await expect(page.getByTestId('schedule-slots')).toContainText('(America/New_York time)');
});

test('the sidebar stays in view at the bottom of a long page', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 600 });
  await syncedDemo(page);
  await section(page, 'Statistics').click();
  await expect(page.getByRole('heading', { name: 'Contacts over time' })).toBeVisible();
  const html = page.locator('html');
  const scrolled = await html.evaluate((e) => {
    const root = e as unknown as Box;
    root.scrollTop = root.scrollHeight;
    return root.scrollTop;
  });
  expect(scrolled).toBeGreaterThan(200);
  await expect(section(page, 'Settings')).toBeInViewport();
  await expect(page.getByText('Contacts Sync Agent')).toBeInViewport();
});
