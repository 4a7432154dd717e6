import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { LogLevel } from '@slack/bolt';
import { loadConfig } from '../../src/config.ts';
import { DigestJob } from '../../src/jobs/digest.ts';
import type { DmSender } from '../../src/slack/dm-sender.ts';
import { digestMessage } from '../../src/slack/views/digest.ts';
import { openStorage } from '../../src/wiring/storage.ts';

// Runs in a child process of its own, so that its peak memory is the digest's and not the generator's: decides who gets
// a digest and composes every one (`npm run digest -- --dry-run` does exactly this), rendering each message as it comes.
// Prints one JSON line with the figures.

const [path, nowArg, runsArg = '2'] = process.argv.slice(2);
if (!path || !nowArg) throw new Error('usage: run-digest.ts <SQLite file or postgres:// URL> <now> [runs, 2]');
const now = Number(nowArg);

/** Peak resident memory so far in bytes (VmHWM), and resident now (VmRSS). */
function memory(): { peak: number; current: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { peak: kb('VmHWM') * 1024, current: kb('VmRSS') * 1024 };
}

const quiet = { debug() {}, info() {}, warn: console.warn, error: console.error };
const logger = { ...quiet, setLevel() {}, getLevel: () => LogLevel.WARN, setName() {} };
// The database as `npm run digest` opens it: a SQLite file, or PostgreSQL with the pool and statement timeout of
// Boost's defaults. A dry run claims no delivery receipt, so any signing secret serves.
const { database, repos, ready } = openStorage(
  loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-benchmark',
    SLACK_SIGNING_SECRET: 'benchmark',
    ...(path.startsWith('postgres') ? { DATABASE_URL: path } : { DATABASE_PATH: path }),
  }),
  logger,
  { checkpoints: false },
);
await ready();
// A dry run never sends; a sender that throws proves it.
const sender = {
  deliver: () => {
    throw new Error('the benchmark sends nothing');
  },
} as unknown as DmSender;
const job = new DigestJob({
  repos,
  config: { DIGEST_CRON: '0 9 * * 1', DIGEST_TIMEZONE: 'user', DEFAULT_LOCALE: 'en' },
  sender,
  logger,
  clock: () => now,
});
const before = memory();

const runs = [];
for (let run = 0; run < Number(runsArg); run++) {
  // Each digest is rendered as the dry run hands it over (then dropped), as `npm run digest -- --dry-run` prints it.
  let blocks = 0;
  let renderMs = 0;
  const started = performance.now();
  const report = await job.sendNow(now, {
    dryRun: true,
    onPlanned: ({ digest }) => {
      const renderStarted = performance.now();
      blocks += digestMessage('en', digest).blocks.length;
      renderMs += performance.now() - renderStarted;
    },
  });
  const finished = performance.now();
  runs.push({
    decideAndComposeMs: finished - started - renderMs,
    renderMs,
    digests: report.composed,
    waitingForZone: report.waitingForZone,
    blocks,
    peakRssAfter: memory().peak,
    /** JavaScript heap in use at the end of the run (digests are not kept once rendered). */
    heapUsed: process.memoryUsage().heapUsed,
  });
}
await database.close();
process.stdout.write(
  `${JSON.stringify({ runs, rssBefore: before.current, peakBefore: before.peak, maxRssKb: process.resourceUsage().maxRSS })}\n`,
);
