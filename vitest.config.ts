import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts', 'test/browser/global-setup.ts'],
    // End-to-end tests each start a real HTTP server and SQLite file; files run in parallel, tests within a file in order.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Each worker imports Boost once for all its files instead of once per file (most of the suite's time otherwise).
    // Safe because every test builds its own Boost, fake Slack and database, and no module keeps state between them.
    isolate: false,
    // One worker per core: the end-to-end files on PostgreSQL and the two-process tests start servers and processes of
    // their own, and a third worker beside them starves bursts of clicks past Slack's 3 seconds on a 2-core machine.
    maxWorkers: 2,
  },
});
