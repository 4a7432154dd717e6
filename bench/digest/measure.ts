import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { profileFlags } from '../lib/processes.ts';
import { mb, ms } from '../lib/stats.ts';
import type { Generated } from './generate.ts';

// Runs run-digest.ts in a fresh process on a database (a SQLite file or a postgres:// URL) and returns its figures.

export interface DigestRun {
  decideAndComposeMs: number;
  renderMs: number;
  digests: number;
  waitingForZone: number;
  blocks: number;
  peakRssAfter: number;
  heapUsed: number;
}

export interface DigestFigures {
  /** A cold run (fresh process), then warm ones in the same process. */
  runs: [DigestRun, ...DigestRun[]];
  rssBefore: number;
  peakBefore: number;
  maxRssKb: number;
}

/** `runs`: the cold one, then warm ones. */
export function measureDigest(database: string, now: number, runs = 2, profileName = 'digest'): DigestFigures {
  const child = fileURLToPath(new URL('run-digest.ts', import.meta.url));
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', ...profileFlags(profileName), child, database, String(now), String(runs)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as DigestFigures;
}

/** "1 workspaces, 5,000 requests, ... in 4.1 s" */
export function describeGenerated(generated: Generated): string {
  return `${Object.entries(generated.counts)
    .map(([table, n]) => `${n.toLocaleString('en-US')} ${table}`)
    .join(', ')} in ${ms(generated.ms)}`;
}

/** The lines that report a measured digest: both runs' times, the digests composed, and the memory. */
export function describeDigest(result: DigestFigures): string[] {
  const [cold, warm] = result.runs;
  return [
    `  first run (fresh process): decide + compose ${ms(cold.decideAndComposeMs)}, render ${ms(cold.renderMs)}`,
    ...(warm
      ? [`  second run (same process): decide + compose ${ms(warm.decideAndComposeMs)}, render ${ms(warm.renderMs)}`]
      : []),
    `  ${cold.digests.toLocaleString('en-US')} digests (${cold.blocks.toLocaleString('en-US')} blocks), ${cold.waitingForZone} waiting for a time zone`,
    `  memory: ${mb(result.rssBefore)} resident before the run (node, modules, open database); peak ${mb(cold.peakRssAfter)} after the first run (JS heap in use ${mb(cold.heapUsed)} at its end), ${mb(result.maxRssKb * 1024)} at exit`,
  ];
}
