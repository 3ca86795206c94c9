/**
 * Every section, in light and dark, at 1280 and 900 px wide, checked by axe-core against the
 * WCAG 2.2 A and AA rules after a real first sync, so the lists, History and charts have content;
 * with a contact's details and a run's details open, the states that add controls. Any violation
 * fails the test and names the rule and the elements. A second test walks the window with Tab.
 */
import { expect, test, type Page } from '@playwright/test';
import { violations } from './support/axe.js';
import { startDemo, type Demo } from './support/demo.js';

const SECTIONS = ['Status', 'Contacts', 'Calendar', 'History', 'Statistics', 'Settings'] as const;
type Section = (typeof SECTIONS)[number];
let demo: Demo | undefined;

test.afterEach(async () => {
  await demo?.stop();
  demo = undefined;
});

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name });

/** Opens a section in the state worth checking: its details panes open where it has them. */
async function open(page: Page, name: Section): Promise<void> {
  await nav(page, name).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  if (name === 'Contacts') {
    await page.locator('.contact-row:not(.placeholder)').first().click();
    await expect(page.getByRole('article', { name: 'Contact details' })).toBeVisible();
  }
  if (name === 'History') {
    const opener = page.getByRole('button', { name: /^Show details of the run at/ }).first();
    if ((await opener.getAttribute('aria-expanded')) !== 'true') await opener.click();
    await expect(page.getByRole('region', { name: /^Run of / })).toBeVisible();
  }
  if (name === 'Statistics') {
    await expect(page.getByRole('heading', { name: 'Contacts over time' })).toBeVisible();
  }
  // Lists and charts draw once their data arrives.
  await page.waitForTimeout(300);
}

async function syncedDemo(page: Page): Promise<void> {
  demo = await startDemo({ contacts: 600, extraArgs: ['--calendar'] });
  await page.goto(demo.previewUrl);
  await nav(page, 'Status').click();
  await page.getByRole('button', { name: 'Sync Now' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('600 contacts', { timeout: 60_000 });
}

test('every section passes axe-core (WCAG 2.2 AA) in light and dark, at 1280 and 900 px', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await syncedDemo(page);

  const found: string[] = [];
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const section of SECTIONS) {
        await open(page, section);
        for (const problem of await violations(page)) {
          found.push(`${section}, ${scheme}, ${width} px: ${problem}`);
        }
      }
    }
  }
  // A state with a message: the time-zone field refusing a name that is no zone.
  await nav(page, 'Settings').click();
  await page.getByRole('combobox', { name: 'Time zone' }).fill('Nowhere');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('is not a time zone');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const problem of await violations(page))
      found.push(`Settings error, ${scheme}: ${problem}`);
  }
  expect(found).toEqual([]);
});

/** The little of the DOM these checks use (tsconfig.json type-checks tests without the DOM lib). */
interface Control {
  disabled?: boolean;
  outerHTML: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  getClientRects(): { length: number };
  closest(selector: string): unknown;
}
interface Main {
  querySelectorAll(selector: string): ArrayLike<Control>;
  ownerDocument: { activeElement: Control | null };
}

/**
 * Marks every enabled, displayed control in main with its index; returns how many. Items of a
 * composite widget (tabindex -1, e.g. the contact rows: one Tab stop, arrows move) are not Tab
 * stops by design.
 */
const markControls = (page: Page) =>
  page.locator('main').evaluate((main) => {
    const controls = Array.from(
      (main as unknown as Main).querySelectorAll(
        ':is(button, input, select, textarea, summary, a[href], [tabindex="0"])',
      ),
    ).filter(
      (el) =>
        !el.disabled &&
        el.getAttribute('tabindex') !== '-1' &&
        el.getClientRects().length > 0 &&
        !el.closest('[inert], [aria-hidden="true"]'),
    );
    controls.forEach((el, i) => el.setAttribute('data-kb', String(i)));
    return controls.length;
  });

/** The mark of the focused control, if one of main's has focus. */
const focusedMark = (page: Page) =>
  page
    .locator('main')
    .evaluate((main) =>
      (main as unknown as Main).ownerDocument.activeElement?.getAttribute('data-kb'),
    );

/** The controls whose mark is not in `seen`. */
const unreached = (page: Page, seen: string[]) =>
  page.locator('main').evaluate(
    (main, marks) =>
      Array.from((main as unknown as Main).querySelectorAll('[data-kb]'))
        .filter((el) => !marks.includes(el.getAttribute('data-kb') ?? ''))
        .map((el) => el.outerHTML.slice(0, 120)),
    seen,
  );

test('every control of every section is reachable by Tab, and operable by keyboard', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await syncedDemo(page);

  for (const name of SECTIONS) {
    await nav(page, name).click();
    // Tab starts from the section's heading, where choosing a section puts focus.
    await page.getByRole('heading', { level: 1, name }).focus();
    await page.waitForTimeout(300);
    const controls = await markControls(page);
    const reached = new Set<string>();
    for (let i = 0; i < controls + 20 && reached.size < controls; i++) {
      await page.keyboard.press('Tab');
      const mark = await focusedMark(page);
      if (mark) reached.add(mark);
    }
    const missed = await unreached(page, [...reached]);
    expect(missed, `${name}: controls Tab never reached`).toEqual([]);
  }

  // Operable: a run's details open with Enter and close with Escape, focus back on the run.
  await nav(page, 'History').click();
  const opener = page.getByRole('button', { name: /^Show details of the run at/ }).first();
  await opener.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /^Run of / })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(opener).toBeFocused();
  // A filter changes with the keyboard alone.
  const resource = page.getByRole('combobox', { name: 'Synced' });
  await resource.focus();
  await page.keyboard.press('ArrowDown');
  await expect(resource).toHaveValue('contacts');
  // Settings: the time-zone field takes a zone typed in, and Space toggles a checkbox.
  await nav(page, 'Settings').click();
  const zone = page.getByRole('combobox', { name: 'Time zone' });
  await zone.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Europe/Berlin');
  await expect(page.getByTestId('schedule-slots')).toContainText('(Europe/Berlin time)');
  const auto = page.getByRole('checkbox', { name: 'Sync automatically' });
  await auto.focus();
  await page.keyboard.press('Space');
  await expect(auto).not.toBeChecked();
});
