// Browser tests (npm run test:e2e): playwright-core driving Debian's Chromium (/usr/bin/chromium,
// installed by .ci/run; never downloaded) against the real server on a temporary database.
// Two files at a time: each file starts its own server (temporary database, free port) and its own
// browser (temporary profile), and much of a browser test is waiting, so two cores run two. The web
// application is built once (src/web-build.ts: a lock, then a freshness check), not per file.
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The accessibility scan (axe-core on every page, in two languages) takes as long as all the other
 * files together: it starts first, and the other worker runs the rest beside it. Vitest would
 * otherwise order the files by their last durations, or on a fresh clone by size, the largest first.
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (f: TestSpecification) => f.moduleId.endsWith('/a11y.test.ts');
    return [...sorted.filter(first), ...sorted.filter((f) => !first(f))];
  }
}

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 2,
    // A worker keeps the modules it loaded (the server, playwright-core, axe-core) from one file to
    // the next; each file still starts its own server and browser. The files restore what they
    // change in process.env.
    isolate: false,
    sequence: { sequencer: LongestFirst },
  },
});
