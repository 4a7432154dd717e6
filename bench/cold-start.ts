import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freePort, profileFlags } from './lib/processes.ts';
import { line, summary, verdict } from './lib/report.ts';
import { BENCH_SECRET, BENCH_TOKEN, startFakeSlack } from './lib/slack.ts';
import { median, ms, ratio } from './lib/stats.ts';

// 5. Cold start: what `npm start` runs (node --import tsx src/index.ts), from spawning it to the first answered
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
// Three ways to start, in turn within each run: through tsx's launcher process (`tsx src/index.ts`), to show what it
// costs; what `npm start` runs (`node --import tsx src/index.ts`, npm's own start-up left out); and the bare server. With BENCH_PROFILE the second one writes a
// CPU profile (node refuses --cpu-prof in NODE_OPTIONS, so the launcher cannot pass it on).
const VARIANTS = ['tsx launcher', 'npm start', 'bare node'] as const;
const times: Record<(typeof VARIANTS)[number], number[]> = {
  'tsx launcher': [],
  'npm start': [],
  'bare node': [],
};
try {
  line(`cold start: ${RUNS} runs of each, in turn, from spawn to the first 200 on GET /healthz`);
  for (let run = 0; run < RUNS; run++) {
    const dir = mkdtempSync(join(tmpdir(), 'boost-cold-'));
    try {
      const order = run % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
      for (const variant of order) {
        const port = await freePort();
        // Only these settings (the cwd has no .env), and a fresh database each time: migrations run on every start.
        const env = {
          SLACK_BOT_TOKEN: BENCH_TOKEN,
          SLACK_SIGNING_SECRET: BENCH_SECRET,
          SLACK_API_URL: fake.info.apiUrl,
          DATABASE_PATH: join(dir, `${variant.replace(/\W/g, '-')}.sqlite`),
          PORT: String(port),
          HOST: '127.0.0.1',
        };
        const elapsed =
          variant === 'tsx launcher'
            ? await timeToFirstAnswer(tsx, ['src/index.ts'], env, port)
            : variant === 'npm start'
              ? await timeToFirstAnswer(
                  process.execPath,
                  [...profileFlags('cold-start'), '--import', 'tsx', 'src/index.ts'],
                  env,
                  port,
                )
              : await timeToFirstAnswer(process.execPath, ['-e', BARE_SERVER], { PORT: String(port) }, port);
        times[variant].push(elapsed);
      }
      line(
        `  run ${run + 1}: ${VARIANTS.map((variant) => `${variant} ${ms(times[variant].at(-1) ?? Number.NaN)}`).join(', ')}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const launcher = median(times['tsx launcher']);
  const boost = median(times['npm start']);
  const bare = median(times['bare node']);
  line(
    `median: npm start (node --import tsx src/index.ts) ${ms(boost)}, tsx src/index.ts ${ms(launcher)}, bare node -e server ${ms(bare)}`,
  );
  line(`ratio to the bare server: ${ratio(boost / bare)} (target < ${TARGET_MS} ms)`);
  summary(
    'cold start',
    `boost ${ms(boost)} to first /healthz (median of ${RUNS}; ${ms(launcher)} through the tsx launcher), bare node server ${ms(bare)}, ratio ${ratio(boost / bare)} (target < ${TARGET_MS} ms)`,
    verdict(boost < TARGET_MS),
  );
} finally {
  await fake.stop();
}
