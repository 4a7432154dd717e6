import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SIZES, generateWorkspace } from './digest/generate.ts';
import { profileFlags } from './lib/processes.ts';
import { line, summary, verdict } from './lib/report.ts';
import { mb, ms } from './lib/stats.ts';

// 3. Digest at scale: a workspace of 50,000 people, 5,000 requests and 200,000 participations is generated into a temp
// database; then a fresh process decides who gets this week's digest and composes each one (the real DigestJob in a
// dry run, as `npm run digest -- --dry-run`), renders every message, and reports its time and peak memory.

const TARGET_MS = 5000;
const TARGET_RSS = 256 * 1024 * 1024;

interface Run {
  decideAndComposeMs: number;
  renderMs: number;
  digests: number;
  waitingForZone: number;
  blocks: number;
  peakRssAfter: number;
  heapUsed: number;
}

const dir = mkdtempSync(join(tmpdir(), 'boost-digest-'));
try {
  const path = join(dir, 'boost.sqlite');
  const generated = generateWorkspace(path, Date.now(), DEFAULT_SIZES);
  line(
    `digest at scale: generated ${Object.entries(generated.counts)
      .map(([table, n]) => `${n.toLocaleString('en-US')} ${table}`)
      .join(', ')} in ${ms(generated.ms)}`,
  );
  const child = fileURLToPath(new URL('digest/run-digest.ts', import.meta.url));
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', ...profileFlags('digest'), child, path, String(generated.now)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as {
    runs: Run[];
    rssBefore: number;
    peakBefore: number;
    maxRssKb: number;
  };
  const [cold, warm] = result.runs as [Run, Run];
  const total = cold.decideAndComposeMs + cold.renderMs;
  line(`  first run (fresh process): decide + compose ${ms(cold.decideAndComposeMs)}, render ${ms(cold.renderMs)}`);
  line(`  second run (same process): decide + compose ${ms(warm.decideAndComposeMs)}, render ${ms(warm.renderMs)}`);
  line(
    `  ${cold.digests.toLocaleString('en-US')} digests (${cold.blocks.toLocaleString('en-US')} blocks), ${cold.waitingForZone} waiting for a time zone`,
  );
  line(
    `  memory: ${mb(result.rssBefore)} resident before the run (node, modules, open database); peak ${mb(cold.peakRssAfter)} after the first run (JS heap in use ${mb(cold.heapUsed)} at its end), ${mb(result.maxRssKb * 1024)} at exit`,
  );
  summary(
    'digest at scale',
    `${cold.digests.toLocaleString('en-US')} digests decided, composed and rendered in ${ms(total)} (first run; ${ms(warm.decideAndComposeMs + warm.renderMs)} warm), peak RSS ${mb(cold.peakRssAfter)} (targets < ${TARGET_MS} ms, < ${mb(TARGET_RSS)})`,
    verdict(total < TARGET_MS && cold.peakRssAfter < TARGET_RSS),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
