/**
 * Debian's Chromium as every browser run here launches it (tests, the UI benchmark, the
 * screenshots): Playwright's own browsers are never downloaded (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
};
