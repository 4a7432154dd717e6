// What Boost logged during a test, printed when the test fails: a timing-sensitive failure on a busy machine (a CI run)
// is then explained by the run itself, without running it again. test/report-failures.ts prints it.

const LINES_PER_SOURCE = 80;
const LINE_LENGTH = 400;

/** Sources of log lines started during the current test, by label. */
const sources: Array<{ label: string; read: () => string[] }> = [];

/** Registers what a Boost started by the current test logs (read only if the test fails). */
export function reportOnFailure(label: string, read: () => string[]): void {
  sources.push({ label, read });
}

/** Forgets the sources of the previous test. */
export function clearFailureReport(): void {
  sources.length = 0;
}

/** The last lines each source logged, for a failed test's output. */
export function failureReport(): string {
  return sources
    .map(({ label, read }) => {
      const lines = read();
      const shown = lines.slice(-LINES_PER_SOURCE).map((line) => line.slice(0, LINE_LENGTH));
      const skipped = lines.length - shown.length;
      return [`--- ${label}: ${skipped > 0 ? `last ${shown.length} of ${lines.length}` : `${lines.length}`} lines`]
        .concat(shown)
        .join('\n');
    })
    .join('\n');
}
