// The kernel tier (`npm run test:kernel`, and `npm test` when KDRIFT_KERNEL_SRC is set): test/**/*.kernel.test.ts
// against the real tree that scripts/kernel-tree.sh builds.
import { configDefaults, defineConfig } from 'vitest/config';

const MINUTE = 60_000;

export default defineConfig({
  test: {
    dir: 'test',
    include: ['**/*.kernel.test.ts'],
    exclude: [...configDefaults.exclude],
    // Checks the tree before the first test; fails the run if a test wrote into the shared cache.
    globalSetup: ['test/helpers/kernel.ts'],
    pool: 'forks',
    // Results are computed, never taken from a cache of earlier runs; the tests of the cache
    // (test/cache, test/diff/cache, test/cli/commands/check-cache) name their own directory.
    env: { KDRIFT_CACHE_DIR: 'off' },
    // Two cores: a test may itself run gcc over a thousand headers.
    maxWorkers: 2,
    minWorkers: 1,
    // Whole-tree tests (gcc as oracle over ~1000 headers, every beauty table) take minutes.
    testTimeout: 20 * MINUTE,
    hookTimeout: 20 * MINUTE,
    teardownTimeout: 2 * MINUTE,
    // No kernel tests yet is not a failure (vitest exits 1 on "No test files found").
    passWithNoTests: true,
  },
});
