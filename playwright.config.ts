// End-to-end tests: the real renderer in Debian's Chromium, over the preview transport, against
// the real core and the fake Google server (DESIGN §2). Playwright's own browsers are never
// downloaded (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1); `.ci/run` installs /usr/bin/chromium.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './tests/e2e/support/chromium.js';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  // Two cores shared with the unit and integration suites: one browser at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 30_000 },
  reporter: process.env['CI'] ? 'line' : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: CHROMIUM_LAUNCH,
    viewport: { width: 1000, height: 720 },
    trace: 'retain-on-failure',
  },
});
