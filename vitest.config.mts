import { readFileSync } from 'node:fs';
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
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { TZ: 'Europe/Berlin' },
  },
});
