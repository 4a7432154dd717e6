import { beforeEach } from 'vitest';
import { clearFailureReport, failureReport } from './harness/failure-report.ts';

// Every test: when it fails, what the Boosts it started logged is printed with it.
beforeEach(({ onTestFailed }) => {
  clearFailureReport();
  onTestFailed(() => {
    const report = failureReport();
    if (report) console.error(`What Boost logged during the failed test:\n${report}`);
  });
});
