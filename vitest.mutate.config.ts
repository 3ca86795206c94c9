import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS runs against each mutant of the core (stryker.config.mjs): unit and
 * integration, not the renderer's (they never load the core).
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // StrykerJS runs test files in threads of one process, where a test cannot change the
          // time zone ICU uses; the Statistics timeline is not among the mutated files anyway.
          // disk-failures runs the CLI as another user, who may not read Stryker's sandbox copy.
          exclude: [
            'tests/integration/timeline.test.ts',
            'tests/integration/disk-failures.test.ts',
          ],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
