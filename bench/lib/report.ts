import { cpus, loadavg } from 'node:os';

// Every benchmark prints its figures and ends with exactly one summary line, which bench/run.ts collects.

export const SUMMARY_PREFIX = 'SUMMARY ';

export function line(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** Met, missed, or not measured against the target; the verdict is for the reader, nothing fails on it. */
export type Verdict = 'met' | 'missed' | 'n/a';

export function verdict(met: boolean | undefined): Verdict {
  return met === undefined ? 'n/a' : met ? 'met' : 'missed';
}

export function summary(name: string, figures: string, outcome: Verdict): void {
  line(`${SUMMARY_PREFIX}${name}: ${figures} [target ${outcome}]`);
}

/** The machine's load average now (1, 5 and 15 minutes), printed beside figures that other work on it inflates. */
export function loadLine(when: string): void {
  line(
    `load average ${when}: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (${cpus().length} cores)`,
  );
}
