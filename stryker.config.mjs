// @ts-check
/**
 * `npm run mutate`: StrykerJS mutation testing of the sync engine, the database layer, the Google
 * adapters and contact search (issue #17, "Test strength"). Not part of `npm test`: a full run
 * takes hours on two cores. Narrow it with `npm run mutate -- --mutate src/main/core/sync/listing.ts`,
 * and the tests it runs with MUTATE_TESTS (vitest.mutate.config.ts).
 * Surviving mutants and the ones judged equivalent are listed in docs/RELIABILITY.md.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  mutate: [
    'src/main/core/sync/**/*.ts',
    'src/main/core/db/**/*.ts',
    'src/main/core/google/**/*.ts',
    'src/main/core/services/contact-search.ts',
    // SQL schema text: a mutated migration is caught by every test at once, and says nothing.
    '!src/main/core/db/schema-*.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 60_000,
  // The first, unmutated run is the whole unit and integration suite: minutes on two cores.
  dryRunTimeoutMinutes: 30,
  tempDirName: '.stryker-tmp',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
};
