// The unit tier (`npm test`, `npm run test:unit`): every test/**/*.test.ts except the kernel tier's *.kernel.test.ts.
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Globs below are relative to `dir`, so `vitest run --dir test` (package.json) finds the same files.
    dir: 'test',
    include: ['**/*.test.ts'],
    exclude: [...configDefaults.exclude, '**/*.kernel.test.ts'],
    // tree-sitter is a native addon: processes, not worker threads.
    pool: 'forks',
    // Results are computed, never taken from a cache of earlier runs; the tests of the cache
    // (test/cache, test/diff/cache, test/cli/commands/check-cache) name their own directory.
    env: { KDRIFT_CACHE_DIR: 'off' },
    // Tests spawn `node bin/kdrift` (tsx compiles on the fly): seconds on a busy 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
