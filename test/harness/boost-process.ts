import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SlackSender } from '../../src/playground/signed-client.ts';
import { reportOnFailure } from './failure-report.ts';

// Boost as it runs in production: the bundle `npm start` runs (dist/index.js, built by test/global-setup.ts), in its
// own process, configured only through the environment. For tests that must kill it (SIGKILL mid-burst) or read what
// it prints to stdout and stderr.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = `${ROOT}dist/index.js`;

/** A TCP port that was free a moment ago (Boost does not report the port it bound when PORT=0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface BoostProcess {
  child: ChildProcess;
  port: number;
  sender: SlackSender;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>;
  kill(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
}

/**
 * Spawns Boost with `env` (on top of PATH and HOME only, so the developer's environment and .env play no part: the
 * process runs in `cwd`, a temp folder without .env). Resolves once it answers its health check, or rejects with its
 * output if it exits or stays silent for `timeoutMs`.
 */
export async function spawnBoost(
  env: Record<string, string>,
  options: { cwd: string; signingSecret: string; timeoutMs?: number; waitUntilHealthy?: boolean },
): Promise<BoostProcess> {
  const port = Number(env.PORT) || (await freePort());
  const child = spawn(process.execPath, ['--enable-source-maps', BUNDLE], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own, so a kill reaches it as a crash would, whatever started it.
    detached: true,
  });
  const chunks: string[] = [];
  reportOnFailure(`Boost process on port ${port}`, () => chunks.join('').split('\n'));
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code));
  });
  const running: BoostProcess = {
    child,
    port,
    sender: new SlackSender({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: options.signingSecret }),
    output: () => chunks.join(''),
    exited,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // The group is already gone.
        }
      }
      return exited;
    },
  };
  if (options.waitUntilHealthy === false) return running;

  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  for (;;) {
    if (ended) throw new Error(`Boost exited before it was ready:\n${running.output()}`);
    if (Date.now() > deadline) {
      await running.kill('SIGKILL');
      throw new Error(`Boost was not ready in time:\n${running.output()}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return running;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
