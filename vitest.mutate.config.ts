import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against each mutant of the core (stryker.config.mjs): unit and
 * integration, not the renderer's (they never load the core).
 *
 * MUTATE_TESTS (comma-separated test files) narrows a run to the tests that exercise the file
 * being mutated: most mutants of the sync engine are "static" (first run in a beforeAll's sync),
 * so Stryker runs every test for each of them, and the whole suite per mutant takes minutes.
 * A narrowed score is a lower bound of the whole suite's (docs/RELIABILITY.md).
 */
const only = process.env['MUTATE_TESTS']?.split(',').filter(Boolean);
const pick = (folder: string, all: string[]) =>
  only ? only.filter((file) => file.startsWith(folder)) : all;
const unit = pick('tests/unit/', ['tests/unit/**/*.test.ts']);
const integration = pick('tests/integration/', ['tests/integration/**/*.test.ts']);

export default defineConfig({
  test: {
    projects: [
      ...(unit.length > 0
        ? [{ test: { name: 'unit', include: unit, environment: 'node' as const } }]
        : []),
      ...(integration.length > 0
        ? [
            {
              test: {
                name: 'integration',
                include: integration,
                // StrykerJS runs test files in threads of one process, where a test cannot change
                // the time zone ICU uses; the Statistics timeline is not among the mutated files.
                // disk-failures runs the CLI as another user, who may not read Stryker's sandbox.
                exclude: [
                  'tests/integration/timeline.test.ts',
                  'tests/integration/disk-failures.test.ts',
                ],
                environment: 'node' as const,
                testTimeout: 60_000,
                hookTimeout: 60_000,
                maxWorkers: 2,
                sequence: { groupOrder: 1 },
              },
            },
          ]
        : []),
    ],
  },
});
