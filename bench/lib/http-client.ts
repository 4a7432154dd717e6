import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { runPool } from './pool.ts';

// The load generator's client: node:http with a keep-alive agent, one socket per worker. On a 2-core machine the
// generator shares the CPU with the server it measures, so it must be cheap: fetch (undici) spent about 1 ms of CPU
// per request here, as much as the bare Bolt app itself, which turned the figures into a measure of the client.

export interface PreparedRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface TimedResponse {
  status: number;
  latencyMs: number;
}

export function keepAliveAgent(sockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
}

/** Sends one request and resolves when the whole answer has been read, with its status and latency. */
export function send(agent: Agent, prepared: PreparedRequest): Promise<TimedResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const url = new URL(prepared.url);
    const headers: Record<string, string | number> = { ...prepared.headers };
    if (prepared.body !== undefined) headers['content-length'] = Buffer.byteLength(prepared.body);
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: prepared.method,
        headers,
      },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, latencyMs: performance.now() - started }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(prepared.body);
  });
}

/**
 * Sends prepared requests at fixed concurrency over keep-alive connections (a closed loop: each of `concurrency`
 * workers sends its next request as soon as its previous one is answered) and returns each one's latency in ms.
 * Throws if any answer has another status than `okStatus`.
 */
export async function timeRequests(
  requests: readonly PreparedRequest[],
  concurrency: number,
  okStatus = 200,
): Promise<number[]> {
  const agent = keepAliveAgent(concurrency);
  const latencies = new Array<number>(requests.length);
  try {
    await runPool(requests.length, concurrency, async (index) => {
      const prepared = requests[index] as PreparedRequest;
      const { status, latencyMs } = await send(agent, prepared);
      latencies[index] = latencyMs;
      if (status !== okStatus) throw new Error(`${prepared.url} answered ${status}, expected ${okStatus}`);
    });
  } finally {
    agent.destroy();
  }
  return latencies;
}

/**
 * timeRequests that counts every answer's status instead of throwing on the first unexpected one: for a server that
 * may fail some requests under load, whose failures are a figure to report.
 */
export async function timeRequestsAnyStatus(
  requests: readonly PreparedRequest[],
  concurrency: number,
): Promise<{ latencies: number[]; statuses: Map<number, number> }> {
  const agent = keepAliveAgent(concurrency);
  const latencies = new Array<number>(requests.length);
  const statuses = new Map<number, number>();
  try {
    await runPool(requests.length, concurrency, async (index) => {
      const started = performance.now();
      // A request never answered (the server died, the connection was reset) counts as status 0, timed until then.
      const { status, latencyMs } = await send(agent, requests[index] as PreparedRequest).catch(() => ({
        status: 0,
        latencyMs: performance.now() - started,
      }));
      latencies[index] = latencyMs;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  } finally {
    agent.destroy();
  }
  return { latencies, statuses };
}

export interface OpenLoopResult {
  /** When each request was due (ms since the epoch, sub-millisecond). */
  dueAt: number[];
  /** From when each was due (or left, if earlier) until its answer was read: waiting to leave counts. */
  latencies: number[];
  statuses: Map<number, number>;
}

/**
 * Starts request i at `start + i * intervalMs` with `sendOne(i)` (which resolves with the answer's status), whatever
 * earlier answers are doing: an open loop, as independent people click. A request that must wait for a free connection
 * waits inside `sendOne`, and that wait counts in its latency (no coordinated omission).
 */
export async function runOpenLoop(
  count: number,
  intervalMs: number,
  sendOne: (index: number) => Promise<number>,
): Promise<OpenLoopResult> {
  const epoch = performance.timeOrigin;
  const dueAt = new Array<number>(count);
  const latencies = new Array<number>(count);
  const statuses = new Map<number, number>();
  const start = performance.now() + 20;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    dueAt[i] = epoch + due;
    // A timer may fire up to a millisecond early: then the request is timed from when it actually left.
    const from = Math.min(due, performance.now());
    inFlight.push(
      sendOne(i).then((status) => {
        latencies[i] = performance.now() - from;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
    );
  }
  await Promise.all(inFlight);
  return { dueAt, latencies, statuses };
}

/**
 * runOpenLoop over at most `sockets` keep-alive node:http connections. With `unanswered` set, a request the server
 * never answers (its process died, the connection was reset) counts as status 0 instead of stopping the loop.
 */
export async function timeOpenLoop(
  requests: readonly PreparedRequest[],
  intervalMs: number,
  sockets: number,
  { unanswered = false }: { unanswered?: boolean } = {},
): Promise<OpenLoopResult> {
  const agent = keepAliveAgent(sockets);
  try {
    return await runOpenLoop(requests.length, intervalMs, async (i) => {
      const answer = send(agent, requests[i] as PreparedRequest);
      const { status } = unanswered ? await answer.catch(() => ({ status: 0 })) : await answer;
      return status;
    });
  } finally {
    agent.destroy();
  }
}

/** "998 x 200, 2 x 404": how many answers of each status. */
export const answers = (statuses: Map<number, number>): string =>
  [...statuses].map(([status, n]) => `${n} x ${status}`).join(', ');
