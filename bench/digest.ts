import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SIZES, generateWorkspace } from './digest/generate.ts';
import { type DigestRun, describeDigest, describeGenerated, measureDigest } from './digest/measure.ts';
import { line, summary, verdict } from './lib/report.ts';
import { mb, ms } from './lib/stats.ts';

// 3. Digest at scale: a workspace of 50,000 people, 5,000 requests and 200,000 participations is generated into a temp
// database; then a fresh process decides who gets this week's digest and composes each one (the real DigestJob in a
// dry run, as `npm run digest -- --dry-run`), renders every message, and reports its time and peak memory.

const TARGET_MS = 5000;
const TARGET_RSS = 256 * 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'boost-digest-'));
try {
  const path = join(dir, 'boost.sqlite');
  const generated = generateWorkspace(path, Date.now(), DEFAULT_SIZES);
  line(`digest at scale: generated ${describeGenerated(generated)}`);
  const result = measureDigest(path, generated.now);
  const [cold, warm] = result.runs as [DigestRun, DigestRun];
  const total = cold.decideAndComposeMs + cold.renderMs;
  for (const text of describeDigest(result)) line(text);
  summary(
    'digest at scale',
    `${cold.digests.toLocaleString('en-US')} digests decided, composed and rendered in ${ms(total)} (first run; ${ms(warm.decideAndComposeMs + warm.renderMs)} warm), peak RSS ${mb(cold.peakRssAfter)} (targets < ${TARGET_MS} ms, < ${mb(TARGET_RSS)})`,
    verdict(total < TARGET_MS && cold.peakRssAfter < TARGET_RSS),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
