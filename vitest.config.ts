import os from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files start first, so that no worker is left with one of them at the end. Vitest
 * orders by the last run's durations when it has them; on a fresh clone (CI) it has none and
 * orders by size, which puts the short fuzz files, the longest to run, last.
 */
const LONG = [/\/fuzz\.auth\.test\.ts$/, /\/fuzz\.[a-z]+\.test\.ts$/, /\/access\.matrix\.test\.ts$/];
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONG.findIndex((re) => re.test(f.moduleId));
      return i === -1 ? LONG.length : i;
    };
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map((x) => x.f);
  }
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One worker per core (Vitest's default keeps one core free, which on two cores means one file
    // at a time): the files wait on SQLite and PostgreSQL as much as they compute.
    maxWorkers: Math.max(2, os.availableParallelism()),
    // A worker keeps the modules it loaded from one file to the next (each file still builds its
    // own app and database): fastify, kysely, zod and the modules are loaded once per worker, not
    // once per file. The tests keep no state in modules and restore what they change in process.env.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    globalSetup: ['test/helpers/pg-schemas.ts'],
  },
});
