import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  // What the build writes into the bundles, for tests that run the sources in-process.
  define: { CONNECT_VERSION: JSON.stringify(version) },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Test files share each worker's loaded modules (and its in-process command host): loading connect's sources
    // again for every file cost more than all the in-process tests themselves. Tests keep no state in modules.
    isolate: false,
    // Many tests spend their time waiting on the processes, terminals and shells they start, so a worker per CPU
    // (vitest's default leaves one CPU free, which on a 2-CPU machine runs the files one at a time) keeps both busy.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { TZ: 'Europe/Berlin' },
  },
});
