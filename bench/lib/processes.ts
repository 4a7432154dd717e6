import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

// The servers under test run in child processes of the benchmark (see README, "Why child processes"), started the same
// way: plain node with the tsx loader, an IPC channel for set-up and inspection, and never any of it while timing.

interface RpcRequest {
  rpc: number;
  op: string;
  args: unknown[];
}

interface RpcReply {
  rpc: number;
  result?: unknown;
  error?: string;
}

interface ReadyMessage {
  ready: Record<string, unknown>;
}

export interface Child<Info = Record<string, unknown>> {
  process: ChildProcess;
  /** What the child announced when it was ready (its port, URLs). */
  info: Info;
  call<T = unknown>(op: string, ...args: unknown[]): Promise<T>;
  /** Asks the child to stop cleanly (so a --cpu-prof profile gets written), then waits for it to exit. */
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  execArgv?: string[];
  /** Milliseconds to wait for the ready message. */
  timeoutMs?: number;
}

/** Starts bench/<relative>.ts in a child process and waits until it says it is ready. */
export async function startChild<Info = Record<string, unknown>>(
  relative: string,
  options: StartOptions = {},
): Promise<Child<Info>> {
  const file = fileURLToPath(new URL(`../${relative}`, import.meta.url));
  const child = fork(file, [], {
    execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let counter = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A message to a child that has just died fails with EPIPE; its exit is what the parent hears about.
  child.on('error', () => undefined);
  child.on('exit', (code, signal) => {
    for (const { reject } of pending.values()) reject(new Error(`${relative} exited (${code ?? signal})`));
    pending.clear();
  });
  child.on('message', (message: RpcReply | ReadyMessage) => {
    if (!('rpc' in message)) return;
    const waiting = pending.get(message.rpc);
    pending.delete(message.rpc);
    if (message.error !== undefined) waiting?.reject(new Error(`${relative}: ${message.error}`));
    else waiting?.resolve(message.result);
  });
  const info = await new Promise<Info>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${relative} was not ready in time`)), options.timeoutMs ?? 30_000);
    child.on('message', (message: RpcReply | ReadyMessage) => {
      if ('ready' in message) {
        clearTimeout(timer);
        resolve(message.ready as Info);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${relative} exited with ${code} before it was ready`));
    });
  });
  const call = <T>(op: string, ...args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      const rpc = ++counter;
      pending.set(rpc, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ rpc, op, args } satisfies RpcRequest);
    });
  return {
    process: child,
    info,
    call,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await call('stop').catch(() => undefined);
      await exited;
      clearTimeout(killer);
    },
  };
}

type Handlers = Record<string, (...args: never[]) => unknown>;

/**
 * In a child: answers the parent's calls with these handlers, then announces `info`. The `stop` handler, when given,
 * runs before the process exits.
 */
export function serveParent(info: Record<string, unknown>, handlers: Handlers): void {
  process.on('message', async (message: RpcRequest) => {
    if (typeof message !== 'object' || message === null || !('rpc' in message)) return;
    const handler = handlers[message.op] as ((...args: unknown[]) => unknown) | undefined;
    try {
      if (!handler && message.op !== 'stop') throw new Error(`unknown operation ${message.op}`);
      const result = handler ? await handler(...message.args) : undefined;
      process.send?.({ rpc: message.rpc, result: result ?? null } satisfies RpcReply);
      if (message.op === 'stop') setImmediate(() => process.exit(0));
    } catch (error) {
      process.send?.({ rpc: message.rpc, error: error instanceof Error ? error.message : String(error) });
    }
  });
  // The parent going away (Ctrl-C, a crash) takes the child with it.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: info } satisfies ReadyMessage);
}

/** A TCP port that was free a moment ago on 127.0.0.1 (for programs that must be told their port up front). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/**
 * Extra node flags for a child when BENCH_PROFILE is set: CPU profiles in bench/out/profiles/<name>/ when it exits, one
 * per thread (tsx's module loader runs in a worker thread of its own; the main thread's is the large one).
 */
export function profileFlags(name: string): string[] {
  if (!process.env.BENCH_PROFILE) return [];
  return ['--cpu-prof', '--cpu-prof-dir', fileURLToPath(new URL(`../out/profiles/${name}/`, import.meta.url))];
}
