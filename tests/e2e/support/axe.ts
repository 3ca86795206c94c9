/** axe-core over the page as it is now: WCAG 2.1 A and AA rules, serious and critical only. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** One line per violation, naming the rule and up to three elements. */
export async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join('; ')}`,
    );
}
