import { defineConfig } from 'vitest/config';

/** The tests of several Boost processes on one PostgreSQL: each starts servers and processes of its own. */
const SEVERAL_INSTANCES = ['test/e2e/instances-*.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts', 'test/browser/global-setup.ts'],
    setupFiles: ['test/report-failures.ts'],
    // End-to-end tests each start a real HTTP server and SQLite file; files run in parallel, tests within a file in order.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Each worker imports Boost once for all its files instead of once per file (most of the suite's time otherwise).
    // Safe because every test builds its own Boost, fake Slack and database, and no module keeps state between them.
    isolate: false,
    // One worker per core: the end-to-end files on PostgreSQL start servers of their own.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'boost', include: ['test/**/*.test.ts'], exclude: SEVERAL_INSTANCES },
      },
      {
        // After the rest, on their own: a burst over two processes measures pacing across them, which a busy machine
        // (another file's burst beside it on 2 cores) would turn into a test of the scheduler.
        extends: true,
        test: { name: 'several instances', include: SEVERAL_INSTANCES, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
