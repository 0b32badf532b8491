// Browser tests (npm run test:e2e): playwright-core driving Debian's Chromium (/usr/bin/chromium,
// installed by .ci/run; never downloaded) against the real server on a temporary database.
// One file at a time: the machine has two cores and each file starts a server and a browser.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
