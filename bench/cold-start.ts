import { spawn, spawnSync } from 'node:child_process';
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

// 5. Cold start: `npm start` (npm, the build it runs first, then `node dist/index.js`), from spawning it to the first
// answered GET /healthz, against the fake Slack and a fresh temp database. Alongside, in turn in each run: the built app
// alone (`node dist/index.js`, how production runs it), Boost straight from its TypeScript (`node --import tsx
// src/index.ts`, as `npm run dev` does), and the baseline, a bare `node -e` HTTP server spawned and polled the same way.

const RUNS = 5;
const TARGET_MS = 1500;
const root = fileURLToPath(new URL('..', import.meta.url));

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
  // In a process group of its own: npm does not pass SIGTERM on to the app it started, so the group is stopped.
  const child = spawn(command, args, {
    cwd: root,
    env: { ...env, PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: 'ignore',
    detached: true,
  });
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
    if (exited === null && child.pid !== undefined) {
      process.kill(-child.pid, 'SIGTERM');
      await gone;
    }
  }
}

const BARE_SERVER =
  "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')";

// The built app is measured on its own too, so the bundle must exist before the first run of it.
spawnSync('sh', ['scripts/build.sh'], { cwd: root, stdio: 'inherit' });
const fake = await startFakeSlack();
// Four ways to start, in turn within each run. With BENCH_PROFILE the built app writes a CPU profile.
const VARIANTS = ['npm start', 'node dist/index.js', 'from source (tsx)', 'bare node'] as const;
type Variant = (typeof VARIANTS)[number];
const times: Record<Variant, number[]> = {
  'npm start': [],
  'node dist/index.js': [],
  'from source (tsx)': [],
  'bare node': [],
};
const COMMANDS: Record<Variant, [string, string[]]> = {
  'npm start': ['npm', ['start', '--silent']],
  'node dist/index.js': [process.execPath, [...profileFlags('cold-start'), '--enable-source-maps', 'dist/index.js']],
  'from source (tsx)': [process.execPath, ['--import', 'tsx', 'src/index.ts']],
  'bare node': [process.execPath, ['-e', BARE_SERVER]],
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
        const [command, args] = COMMANDS[variant];
        const elapsed = await timeToFirstAnswer(
          command,
          args,
          variant === 'bare node' ? { PORT: String(port) } : env,
          port,
        );
        times[variant].push(elapsed);
      }
      line(
        `  run ${run + 1}: ${VARIANTS.map((variant) => `${variant} ${ms(times[variant].at(-1) ?? Number.NaN)}`).join(', ')}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const [npmStart, built, fromSource, bare] = VARIANTS.map((variant) => median(times[variant])) as [
    number,
    number,
    number,
    number,
  ];
  line(
    `median: npm start ${ms(npmStart)}, node dist/index.js ${ms(built)}, from source (tsx) ${ms(fromSource)}, bare node -e server ${ms(bare)}`,
  );
  line(`ratio of npm start to the bare server: ${ratio(npmStart / bare)} (target < ${TARGET_MS} ms)`);
  summary(
    'cold start',
    `npm start ${ms(npmStart)} to the first /healthz (median of ${RUNS}; the built app alone ${ms(built)}, from source ${ms(fromSource)}), bare node server ${ms(bare)} (target < ${TARGET_MS} ms)`,
    verdict(npmStart < TARGET_MS),
  );
} finally {
  await fake.stop();
}
