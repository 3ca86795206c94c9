/**
 * Contact photos in preview mode (issue 12): after Sync Now the app fetches the photos from the
 * fake Google server in the background, and Contacts shows them — real `<img>` elements that
 * loaded from the app's own origin under its strict CSP — and initials for everyone else. With
 * UPDATE_SCREENSHOTS=1 it refreshes docs/screenshots/contacts-photos-{light,dark}.png.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { startDemo, type Demo } from './support/demo.js';

let demo: Demo | undefined;

test.afterAll(async () => {
  await demo?.stop();
});

/** Names of contacts whose photo is cached, once every photo the sync stored has been fetched. */
async function cachedPhotoNames(dataDir: string): Promise<string[]> {
  const db = new Database(path.join(dataDir, 'contacts.db'), { readonly: true });
  try {
    for (let tries = 0; ; tries++) {
      const pending = db
        .prepare(
          `SELECT count(*) AS n FROM contacts c LEFT JOIN contact_photos p ON p.contact_id = c.id
           WHERE c.photo_url IS NOT NULL AND c.deleted_at IS NULL AND p.contact_id IS NULL`,
        )
        .get() as { n: number };
      const synced = db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number };
      if (synced.n > 0 && pending.n === 0) break;
      if (tries > 240) throw new Error(`${pending.n} photos still not fetched after a minute`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return (
      db
        .prepare(
          `SELECT c.display_name AS name FROM contacts c JOIN contact_photos p
           ON p.contact_id = c.id WHERE p.state = 'cached' AND c.display_name IS NOT NULL
           ORDER BY c.display_name`,
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
  } finally {
    db.close();
  }
}

test('Contacts shows the Google photos the app fetched after the sync, and initials otherwise', async ({
  page,
}) => {
  demo = await startDemo({ contacts: 300 });
  const response = await page.goto(demo.previewUrl);
  expect(response?.headers()['content-security-policy']).toContain("img-src 'self' data:");
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('300 contacts');
  // Straight to Contacts: the list is on screen before the photos arrive, and they replace the
  // initials when the app announces them (photosUpdated), without leaving the section.
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Contacts' })
    .click();
  const list = page.getByRole('list', { name: 'Contacts' });
  await expect(page.getByTestId('result-count')).toHaveText('300 contacts');
  const names = await cachedPhotoNames(demo.dataDir);
  expect(names.length).toBeGreaterThan(5);

  // The first screen holds both kinds: photos that loaded, and initials.
  const shown = list.locator('.avatar[data-photo="shown"] img');
  await expect(shown.first()).toBeVisible();
  await expect(list.locator('.avatar[data-photo="none"]').first()).toBeVisible();
  const widths = await shown.evaluateAll((imgs) =>
    imgs.map((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
  );
  expect(widths.every((w) => w > 0)).toBe(true);
  const src = await shown.first().getAttribute('src');
  expect(src).toMatch(/^\/photos\/\d+\/[A-Za-z0-9_-]+(\?v=\d+)?$/);

  // The details of a contact with a photo show it large.
  const row = shown.first().locator('xpath=ancestor::button[1]');
  await row.click();
  const details = page.getByRole('article', { name: 'Contact details' });
  const large = details.locator('.avatar.large[data-photo="shown"] img');
  await expect(large).toBeVisible();
  expect(
    await large.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
  ).toBeGreaterThan(0);

  if (process.env['UPDATE_SCREENSHOTS']) {
    await page.screenshot({ path: 'docs/screenshots/contacts-photos-light.png' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'docs/screenshots/contacts-photos-dark.png' });
  }
});
