/**
 * Journeys a person makes, end to end: the real renderer in Chromium over the preview transport,
 * the real core, and the fake Google server changed through its /__control API between steps.
 */
import { expect, test, type Page } from '@playwright/test';
import { startDemo, type Demo } from './support/demo.js';

/** The part of a fake Google contact the journeys use. */
interface Person {
  resourceName: string;
}

let demo: Demo | undefined;

test.afterEach(async () => {
  await demo?.stop();
  demo = undefined;
});

/** Collects script errors and failed requests, which no journey should cause. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

const section = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name });

/** History's runs as the person reads them, newest first: one record per row, keyed by column. */
async function historyRows(page: Page): Promise<Record<string, string>[]> {
  const table = page.getByRole('table');
  const headers = (await table.getByRole('columnheader').allTextContents()).map((h) => h.trim());
  const rows = await table.locator('tbody').getByRole('row').all();
  return Promise.all(
    rows.map(async (row) => {
      const cells = await row.getByRole('cell').allTextContents();
      return Object.fromEntries(headers.map((header, i) => [header, (cells[i] ?? '').trim()]));
    }),
  );
}

test('connect, first sync, a change on Google, Sync Now, History and search', async ({
  page,
  context,
}) => {
  const contacts = 1200;
  const problems = watchProblems(page);
  demo = await startDemo({ contacts, signedOut: true });
  await page.goto(demo.previewUrl);
  await expect(page.getByTestId('status-line')).toHaveText('No account connected');
  // On first run the next step is Connect: no Sync Now to press yet.
  await expect(page.getByRole('button', { name: 'Sync Now' })).toHaveCount(0);

  // Connect: in preview mode the app prints Google's sign-in address instead of opening a
  // browser; the person opens it, the fake Google approves and sends the browser back to the app.
  const since = demo.output().length;
  await page.getByRole('button', { name: 'Connect a Google account' }).click();
  const signInUrl = await demo.waitForOutput(/Sign in to Google at:\s*(\S+)/, { since });
  const browserTab = await context.newPage();
  await browserTab.goto(signInUrl);
  await expect(browserTab.getByRole('heading', { level: 1 })).toHaveText(
    'Signed in — you can close this tab',
  );
  await browserTab.close();

  // The first sync starts by itself, shows progress, and ends with every contact copied.
  const account = page.getByRole('article', { name: 'demo@example.com' });
  await expect(account).toBeVisible();
  const total = contacts.toLocaleString('en-US');
  await expect(page.getByTestId('last-run')).toContainText(
    `synced ${total} contacts (${total} new`,
  );
  await expect(page.getByTestId('contact-count')).toHaveText(`${total} contacts`);
  await expect(account.getByText('up to date', { exact: true })).toBeVisible();

  // Someone renames a contact on Google.
  const people = await demo.control<Person[]>('GET', '/contacts');
  const target = people[7];
  if (!target) throw new Error('the fake holds too few contacts');
  const newName = { givenName: 'Philippa', familyName: 'Quennell-Ashdown' };
  await demo.control('POST', '/contacts/update', {
    resourceName: target.resourceName,
    patch: {
      names: [{ ...newName, displayName: `${newName.givenName} ${newName.familyName}` }],
    },
  });

  await page.getByRole('button', { name: 'Sync Now' }).click();
  await expect(page.getByTestId('last-run')).toContainText(
    /synced \d+ contacts \(0 new, 1 updated, 0 deleted\)/,
  );

  // History: the new run on top, an incremental one with exactly one contact updated. Wide
  // enough for every column (narrower, they fold into a second line: see history.spec.ts).
  await page.setViewportSize({ width: 1280, height: 800 });
  await section(page, 'History').click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await expect(page.getByRole('table').locator('tbody').getByRole('row')).toHaveCount(2);
  const [manual, afterConnect] = await historyRows(page);
  expect(manual).toMatchObject({
    What: 'Changes only',
    'Started by': 'You (Sync Now)',
    Status: 'succeeded',
    Created: '0',
    Updated: '1',
    Deleted: '0',
  });
  expect(afterConnect).toMatchObject({
    What: 'Everything',
    'Started by': 'After connecting',
    Status: 'succeeded',
    Created: total,
  });
  // The run's detail names the contact it changed and what changed; the first import says why it
  // lists none.
  await page
    .getByRole('button', { name: /^Show details of the run at/ })
    .first()
    .click();
  const detail = page.getByRole('region', { name: /^Run of / });
  const changed = detail.getByRole('list', { name: 'Changed contacts' }).getByRole('listitem');
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText('Philippa Quennell-Ashdown');
  await expect(changed).toContainText('Updated: name');
  await page
    .getByRole('button', { name: /^Show details of the run at/ })
    .last()
    .click();
  await expect(detail).toContainText(`First import: ${total} contacts added.`);

  // Contacts: searching the new name finds the renamed contact, and its details show it.
  await section(page, 'Contacts').click();
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Quennell');
  const list = page.getByRole('list', { name: 'Contacts' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list.getByRole('button', { name: /Philippa Quennell-Ashdown/ }).click();
  await expect(page.getByRole('article', { name: 'Contact details' })).toContainText(
    'Philippa Quennell-Ashdown',
  );

  expect(problems).toEqual([]);
});

test('a failing Google shows a readable error, and Sync Now recovers once it is back', async ({
  page,
}) => {
  const problems = watchProblems(page);
  demo = await startDemo({ contacts: 300 });
  await page.goto(demo.previewUrl);
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await expect(page.getByTestId('last-run')).toContainText('synced 300 contacts (300 new');

  // Google's People API answers 503 to every listing. `Retry-After: 0` makes the core's three
  // retries immediate, so the run fails in well under a second instead of after 2 + 4 + 8 s.
  await demo.control('POST', '/faults', {
    path: 'connections',
    kind: 'status',
    status: 503,
    retryAfterSeconds: 0,
    count: 1000,
  });
  await page.getByRole('button', { name: 'Sync Now' }).click();

  const main = page.getByRole('main');
  const account = page.getByRole('article', { name: 'demo@example.com' });
  await expect(page.getByTestId('status-line')).toHaveText('Last sync failed just now');
  await expect(account.getByText('error', { exact: true })).toBeVisible();
  const readable = 'Google had a temporary problem (HTTP 503). The sync will try again later.';
  await expect(account).toContainText(readable);
  await expect(account).toContainText('Press Sync Now to try again');
  // Activity names the run and its outcome in a few words; the message itself appears once.
  await expect(page.getByTestId('last-run')).toContainText(
    'demo@example.com · contacts · failed — Google was busy',
  );
  await expect(main.getByText(readable)).toHaveCount(1);
  // What the person sees carries no error codes, class names or stack traces.
  const shown = (await main.innerText()).replaceAll('\n', ' ');
  for (const raw of ['SERVER_ERROR', 'GoogleApiError', 'NETWORK', 'undefined', '    at ']) {
    expect(shown).not.toContain(raw);
  }
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Google is back: the next Sync Now succeeds and the error goes away.
  await demo.control('DELETE', '/faults');
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await expect(page.getByTestId('last-run')).toContainText(
    /synced \d+ contacts \(0 new, 0 updated, 0 deleted\)/,
  );
  await expect(page.getByTestId('status-line')).toHaveText(/^Last synced (just now|1 min ago)$/);
  await expect(account.getByText('up to date', { exact: true })).toBeVisible();
  // Activity keeps the failure as history; the card drops its message.
  await expect(account).not.toContainText(readable);
  await expect(page.getByTestId('activity')).toContainText('failed — Google was busy');

  expect(problems).toEqual([]);
});
