import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freePort } from './lib/processes.ts';
import { line, summary, verdict } from './lib/report.ts';
import { BENCH_SECRET, BENCH_TOKEN, startFakeSlack } from './lib/slack.ts';
import { median, ms, ratio } from './lib/stats.ts';

// 5. Cold start: what `npm start` runs (node_modules/.bin/tsx src/index.ts), from spawning it to the first answered
// GET /healthz, against the fake Slack and a fresh temp database; the baseline is a bare `node -e` HTTP server spawned
// and polled the same way. npm itself (about 0.2 s to read package.json and spawn a shell) is left out of both.

const RUNS = 5;
const TARGET_MS = 1500;
const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** Asks GET path once; resolves with the status, or undefined while nothing answers on the port. */
function probe(port: number, path: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(undefined));
    req.setTimeout(2000, () => req.destroy());
    req.end();
  });
}

/** Spawns a program and polls `path` every 2 ms until it answers 200; resolves with the time taken in ms. */
async function timeToFirstAnswer(command: string, args: string[], env: Record<string, string>, port: number) {
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, env: { ...env, PATH: process.env.PATH ?? '' }, stdio: 'ignore' });
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  try {
    for (;;) {
      if (exited !== null) throw new Error(`${command} exited with ${exited} before answering`);
      if ((await probe(port, '/healthz')) === 200) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error(`${command} did not answer within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    if (exited === null) {
      child.kill('SIGTERM');
      await gone;
    }
  }
}

const BARE_SERVER =
  "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')";

const fake = await startFakeSlack();
const boostTimes: number[] = [];
const bareTimes: number[] = [];
try {
  line(`cold start: ${RUNS} runs each, alternating, from spawn to the first 200 on GET /healthz`);
  for (let run = 0; run < RUNS; run++) {
    const dir = mkdtempSync(join(tmpdir(), 'boost-cold-'));
    try {
      const boostPort = await freePort();
      // Only these settings: no .env is read from the bench's point of view (cwd has none) and nothing else leaks in.
      const boostEnv = {
        SLACK_BOT_TOKEN: BENCH_TOKEN,
        SLACK_SIGNING_SECRET: BENCH_SECRET,
        SLACK_API_URL: fake.info.apiUrl,
        DATABASE_PATH: join(dir, 'boost.sqlite'),
        PORT: String(boostPort),
        HOST: '127.0.0.1',
      };
      const barePort = await freePort();
      const order = run % 2 === 0 ? ['boost', 'bare'] : ['bare', 'boost'];
      for (const which of order) {
        if (which === 'boost') boostTimes.push(await timeToFirstAnswer(tsx, ['src/index.ts'], boostEnv, boostPort));
        else bareTimes.push(await timeToFirstAnswer(process.execPath, ['-e', BARE_SERVER], { PORT: String(barePort) }, barePort));
      }
      line(`  run ${run + 1}: boost ${ms(boostTimes.at(-1) ?? Number.NaN)}, bare node ${ms(bareTimes.at(-1) ?? Number.NaN)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const boost = median(boostTimes);
  const bare = median(bareTimes);
  line(`median: boost ${ms(boost)}, bare node -e server ${ms(bare)}, ratio ${ratio(boost / bare)} (target < ${TARGET_MS} ms)`);
  summary(
    'cold start',
    `boost ${ms(boost)} to first /healthz (median of ${RUNS}), bare node server ${ms(bare)}, ratio ${ratio(boost / bare)} (target < ${TARGET_MS} ms)`,
    verdict(boost < TARGET_MS),
  );
} finally {
  await fake.stop();
}
