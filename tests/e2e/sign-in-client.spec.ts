/**
 * An installed app a person can connect (issue 18 item 8): no OAuth client in the environment, the
 * first-run guide on Status, the downloaded client file imported there, then a real sign-in
 * through the fake Google with that client and the first sync.
 */
import { expect, test } from '@playwright/test';
import { startDemo, type Demo } from './support/demo.js';

let demo: Demo | undefined;

test.afterEach(async () => {
  await demo?.stop();
  demo = undefined;
});

test('import the Desktop-app client file from the first-run guide, then connect', async ({
  page,
  context,
}) => {
  demo = await startDemo({ contacts: 60, signedOut: true, extraArgs: ['--no-client'] });
  await page.goto(demo.previewUrl);
  const guide = page.getByRole('region', { name: 'Before you connect: set up Google sign-in' });
  await expect(guide).toContainText('People API');

  // Connecting before there is a client says what to do instead of failing obscurely.
  await page.getByRole('button', { name: 'Connect a Google account' }).click();
  await expect(page.getByTestId('error')).toContainText('Google sign-in client');
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // The file Google Cloud Console downloads for a Desktop-app client (the fake's own client).
  const file = {
    installed: {
      client_id: 'fake-client-id',
      client_secret: 'fake-client-secret',
      auth_uri: `${demo.fakeGoogleUrl}/o/oauth2/auth`,
      token_uri: `${demo.fakeGoogleUrl}/token`,
      redirect_uris: ['http://localhost'],
    },
  };
  await guide.getByLabel('Import the client file (JSON)').setInputFiles({
    name: 'client_secret_fake.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(guide).toContainText('Imported client_secret_fake.json.');
  await expect(guide.getByRole('list')).toHaveCount(0);

  const since = demo.output().length;
  await page.getByRole('button', { name: 'Connect a Google account' }).click();
  const signInUrl = await demo.waitForOutput(/Sign in to Google at:\s*(\S+)/, { since });
  expect(new URL(signInUrl).searchParams.get('client_id')).toBe('fake-client-id');
  const browserTab = await context.newPage();
  await browserTab.goto(signInUrl);
  await expect(browserTab.getByRole('heading', { level: 1 })).toHaveText(
    'Signed in — you can close this tab',
  );
  await browserTab.close();
  await expect(page.getByRole('article', { name: 'demo@example.com' })).toBeVisible();
  await expect(page.getByTestId('last-run')).toContainText('synced 60 contacts (60 new');

  // Settings shows the client and where it comes from.
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Settings' })
    .click();
  await expect(page.getByTestId('sign-in-client')).toHaveText('fake-client-id — your own client');
});
