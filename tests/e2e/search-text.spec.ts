/**
 * Search as a person types it, in the preview in Chromium against the real core (issue 12): an
 * email address and the last digits of a phone number find the contact; punctuation alone and
 * text past the bounds get a calm explanation, never "Something went wrong".
 */
import { expect, test } from '@playwright/test';
import { startDemo, type Demo } from './support/demo.js';

let demo: Demo | undefined;
test.afterAll(async () => {
  await demo?.stop();
});

interface FakePerson {
  names?: { displayName?: string }[];
  emailAddresses?: { value?: string }[];
  phoneNumbers?: { value?: string }[];
}

test('Search contacts finds an email address and phone digits, and explains what it cannot search', async ({
  page,
}) => {
  demo = await startDemo({ contacts: 300 });
  const people = await demo.control<FakePerson[]>('GET', '/contacts');
  const someone = people.find(
    (p) =>
      p.names?.[0]?.displayName &&
      p.emailAddresses?.[0]?.value &&
      (p.phoneNumbers?.[0]?.value?.replace(/\D/g, '').length ?? 0) >= 7,
  )!;
  const name = someone.names![0]!.displayName!;

  await page.goto(demo.previewUrl);
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('300 contacts');
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Contacts' })
    .click();
  const box = page.getByRole('searchbox', { name: 'Search contacts' });
  const list = page.getByRole('list', { name: 'Contacts' });

  for (const text of [
    someone.emailAddresses![0]!.value!,
    someone.phoneNumbers![0]!.value!.replace(/\D/g, '').slice(-7),
  ]) {
    await box.fill(text);
    await expect(page.getByTestId('contact-list')).toHaveAttribute('data-query', text);
    await expect(list.getByText(name, { exact: true }).first()).toBeVisible();
  }

  await box.fill('" * (');
  await expect(page.getByText('Type a letter or a digit to search')).toBeVisible();
  await box.fill('a '.repeat(20));
  await expect(page.getByText(/up to 16 words and 200 characters/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
