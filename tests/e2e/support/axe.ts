/**
 * axe-core over the page as it is now: the WCAG 2.2 A and AA rules at every impact, and one h1
 * per section (issue 13 item 6). One line per violation, naming the rule and up to three elements.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  // Not a WCAG rule in axe, but asked of every section: one h1 naming it.
  const headings = await new AxeBuilder({ page }).withRules(['page-has-heading-one']).analyze();
  return [...result.violations, ...headings.violations].map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`)
        .join('; ')}`,
  );
}
