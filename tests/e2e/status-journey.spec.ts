/**
 * Status through a person's first days, in preview mode against the fake Google: first run →
 * connect (waiting, Copy link, Cancel) → connect for real → a first sync that waits out a 429 →
 * a sync cancelled → auto-sync paused → resumed → disconnected keeping the contacts. With
 * UPDATE_SCREENSHOTS=1 each state is saved, light and dark, as docs/screenshots/status-*.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { startDemo, type Demo } from './support/demo.js';

const CONTACTS = 3000;
let demo: Demo | undefined;

test.afterEach(async () => {
  await demo?.stop();
  demo = undefined;
});

async function snap(page: Page, state: string): Promise<void> {
  if (!process.env['UPDATE_SCREENSHOTS']) return;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `docs/screenshots/status-${state}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Runs in the page (a string: these specs are type-checked without the DOM's types). */
const RECORD_PROGRESS_TEXTS = `
  window.progressTexts = [];
  new MutationObserver(() => {
    const text = document.querySelector('[data-testid="progress-text"]')?.textContent;
    if (text) window.progressTexts.push(text);
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
`;

const filled = (page: Page, name: string) =>
  expect(page.getByRole('button', { name, exact: true })).not.toHaveClass(/secondary/);

async function openSettings(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Settings' })
    .click();
}

async function openStatus(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Status' })
    .click();
}

test('first run to disconnected: each state says what it is and offers the next step', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (m) => (m.type() === 'error' ? problems.push(m.text()) : undefined));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1280, height: 800 });
  demo = await startDemo({ contacts: CONTACTS, signedOut: true });
  await page.goto(demo.previewUrl);

  // First run: Connect is the filled button; there is nothing to sync yet.
  await expect(page.getByTestId('status-line')).toHaveText('No account connected');
  await filled(page, 'Connect a Google account');
  await expect(page.getByRole('button', { name: 'Sync Now' })).toHaveCount(0);
  await snap(page, 'first-run');

  // Connect, then wait in the browser: the link can be copied, and the sign-in cancelled.
  let since = demo.output().length;
  await page.getByRole('button', { name: 'Connect a Google account' }).click();
  const printed = await demo.waitForOutput(/Sign in to Google at:\s*(\S+)/, { since });
  const waiting = page.getByRole('article', { name: 'Signing in' });
  await expect(waiting.getByRole('heading')).toHaveText('Finish signing in in your browser');
  await waiting.getByRole('button', { name: 'Copy link' }).click();
  await expect(waiting).toContainText('Link copied');
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(printed);
  await snap(page, 'signing-in');
  await waiting.getByRole('button', { name: 'Cancel' }).click();
  await expect(waiting).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await filled(page, 'Connect a Google account');

  // Connect for real; Google answers the second page of the first listing with a 429.
  await demo.control('POST', '/faults', {
    path: 'connections',
    kind: 'status',
    status: 429,
    retryAfterSeconds: 3,
    afterRequests: 1,
  });
  since = demo.output().length;
  await page.getByRole('button', { name: 'Connect a Google account' }).click();
  const signInUrl = await demo.waitForOutput(/Sign in to Google at:\s*(\S+)/, { since });
  const tab = await context.newPage();
  await tab.goto(signInUrl);
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText(
    'Signed in — you can close this tab',
  );
  await tab.close();
  const account = page.getByRole('article', { name: 'demo@example.com' });
  const progressText = page.getByTestId('progress-text');
  await expect(progressText).toContainText(/Google is busy — retrying in \d s, attempt 2 of 6/);
  await expect(account.getByTestId('account-story')).toContainText('Google is busy — retrying');
  await snap(page, 'retrying');
  const total = CONTACTS.toLocaleString('en-US');
  await expect(page.getByTestId('last-run')).toContainText(
    `demo@example.com · contacts · synced ${total} contacts (${total} new`,
    { timeout: 30_000 },
  );
  await expect(account.getByTestId('account-story')).toHaveText(
    `Up to date — ${total} contacts, last synced just now.`,
  );
  await filled(page, 'Sync Now');
  await snap(page, 'up-to-date');

  // A sync held up by a slow Google, cancelled: "Cancelling…" at once, then a neutral line.
  await demo.control('POST', '/faults', { path: 'connections', kind: 'delay', delayMs: 8000 });
  // "Cancelling…" may show for a moment only: every text the bar shows is recorded.
  await page.evaluate(RECORD_PROGRESS_TEXTS);
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('last-run')).toContainText(
    'contacts · cancelled — what it saved stays saved',
  );
  const seen = await page.evaluate('window.progressTexts');
  expect(seen).toContain('Cancelling…');
  await expect(account.getByTestId('account-story')).toContainText('The last sync was cancelled');
  await expect(account).toHaveClass(/tone-neutral/);
  await snap(page, 'cancelled');

  // Paused until tomorrow: the card says until when, and Resume is the filled button.
  await demo.control('DELETE', '/faults');
  await openSettings(page);
  await page.getByRole('button', { name: 'Until tomorrow' }).click();
  await openStatus(page);
  await expect(account.getByTestId('account-story')).toContainText(
    'Auto-sync is paused until tomorrow at',
  );
  await filled(page, 'Resume');
  await expect(page.getByRole('button', { name: 'Sync Now' })).toHaveClass(/secondary/);
  await snap(page, 'paused');
  await account.getByRole('button', { name: 'Resume' }).click();
  await expect(account.getByRole('button', { name: 'Resume' })).toHaveCount(0);
  await filled(page, 'Sync Now');

  // Disconnect, keeping the contacts: a calm state of its own, with Connect again.
  await openSettings(page);
  await page.getByRole('button', { name: 'Disconnect demo@example.com…' }).click();
  await page.getByRole('button', { name: 'Disconnect, keep the contacts' }).click();
  await openStatus(page);
  await expect(account.getByTestId('account-story')).toHaveText(
    `Disconnected — ${total} contacts kept. Connect again to resume syncing.`,
  );
  await expect(account).not.toContainText('Sign in again');
  await filled(page, 'Connect again');
  await snap(page, 'disconnected');

  expect(problems).toEqual([]);
});
