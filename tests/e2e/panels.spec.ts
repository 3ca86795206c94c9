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

/** Whether anything is wider than its box: the page, and History's table. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const wrap = document.querySelector('[data-testid="history-table"]') as HTMLElement;
    const doc = document.scrollingElement as HTMLElement;
    return {
      page: doc.scrollWidth - doc.clientWidth,
      table: wrap.scrollWidth - wrap.clientWidth,
    };
  });

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
  const suggestions = await zone.evaluate((input: HTMLInputElement) =>
    Array.from(input.list?.options ?? [])
      .map((o) => o.value)
      .filter((v) => v.toLowerCase().includes('ber')),
  );
  expect(suggestions).toContain('Europe/Berlin');
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
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
  await expect(section(page, 'Settings')).toBeInViewport();
  await expect(page.getByText('Contacts Sync Agent')).toBeInViewport();
});
