import os from 'node:os';
import { defineConfig } from 'vitest/config';

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
  },
});
