import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { type OpenLoopResult, runOpenLoop, type TimedResponse } from './http-client.ts';

// A leaner load generator for GETs whose answers carry a content-length (benchmark 4's redirects). On a 2-core machine
// the generator shares the CPU with the servers it measures, and node:http's client costs as much CPU per request as a
// bare node:http server, or more (a ClientRequest, an IncomingMessage, headers parsed into objects). Here each
// connection writes a request serialised once and reads only the status, content-length and connection headers.

/** A GET serialised once, written as is each time it is sent. */
export interface RawGet {
  url: string;
  host: string;
  port: number;
  bytes: Buffer;
}

export function rawGet(url: string, headers: Record<string, string> = {}): RawGet {
  const parsed = new URL(url);
  const lines = [`GET ${parsed.pathname}${parsed.search} HTTP/1.1`, `host: ${parsed.host}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return {
    url,
    host: parsed.hostname,
    port: Number(parsed.port || 80),
    bytes: Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'),
  };
}

interface Answer {
  status: number;
  /** Where the answer ends in the bytes read (after its body). */
  end: number;
  /** The server will close the connection after it. */
  closes: boolean;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = '\r\ncontent-length:';

/** The answer at the start of `bytes`, or undefined while part of it has yet to arrive. */
function readAnswer(bytes: Buffer): Answer | undefined {
  const headEnd = bytes.indexOf(HEAD_END);
  if (headEnd < 0) return undefined;
  const head = bytes.toString('latin1', 0, headEnd).toLowerCase();
  const status = Number(head.slice(9, 12));
  if (!head.startsWith('http/1.') || !Number.isInteger(status)) throw new Error(`not an HTTP answer: ${head}`);
  if (head.includes('\r\ntransfer-encoding:')) throw new Error(`answered ${status} with a chunked body, not read here`);
  const at = head.indexOf(CONTENT_LENGTH);
  if (at < 0) throw new Error(`answered ${status} without a content-length`);
  const length = Number.parseInt(head.slice(at + CONTENT_LENGTH.length), 10);
  if (Number.isNaN(length) || length < 0) throw new Error(`answered ${status} with an unreadable content-length`);
  const end = headEnd + HEAD_END.length + length;
  if (end > bytes.length) return undefined;
  return { status, end, closes: head.includes('\r\nconnection: close') };
}

const NOTHING = Buffer.alloc(0);

/** One keep-alive connection to one server, one request at a time; it reconnects if the server has closed it. */
class RawConnection {
  private socket: Socket | undefined;
  private received: Buffer = NOTHING;
  private waiting:
    | { started: number; resolve: (answer: TimedResponse) => void; reject: (error: Error) => void }
    | undefined;
  private fault: Error | undefined;

  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  /** Connects ahead of the first request, so that setting up connections is not timed as answering. */
  open(): Promise<void> {
    const socket = this.socket ?? this.connect();
    if (!socket.connecting) return Promise.resolve();
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve();
      });
    });
  }

  /** Writes the request; resolves with the answer's status once all of it has arrived, timed from the write. */
  send(request: RawGet): Promise<TimedResponse> {
    if (request.host !== this.host || request.port !== this.port) throw new Error(`${request.url} is another server`);
    if (this.waiting) throw new Error('one request at a time on a connection');
    if (this.fault) return Promise.reject(this.fault);
    const socket = this.socket ?? this.connect();
    return new Promise((resolve, reject) => {
      this.waiting = { started: performance.now(), resolve, reject };
      socket.write(request.bytes);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
    this.received = NOTHING;
  }

  private connect(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    // A socket this connection has already let go of (after `connection: close`) may end without harm.
    const lost = (error: Error) => {
      if (this.socket !== socket) return;
      this.close();
      this.fail(error);
    };
    socket.on('error', lost);
    socket.on('close', () => lost(new Error(`${this.host}:${this.port} closed the connection before answering`)));
    this.socket = socket;
    return socket;
  }

  private read(chunk: Buffer): void {
    // An answer can arrive split across chunks; a well-behaved server never sends one that was not asked for.
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    while (this.received.length > 0) {
      let answer: Answer | undefined;
      try {
        answer = readAnswer(this.received);
      } catch (error) {
        this.fail(new Error(`${this.host}:${this.port} ${(error as Error).message}`));
        this.close();
        return;
      }
      if (!answer) return;
      this.received = answer.end === this.received.length ? NOTHING : this.received.subarray(answer.end);
      const waiting = this.waiting;
      this.waiting = undefined;
      if (!waiting) {
        this.fault = new Error(`${this.host}:${this.port} sent an answer nobody asked for`);
        this.close();
        return;
      }
      waiting.resolve({ status: answer.status, latencyMs: performance.now() - waiting.started });
      if (answer.closes) this.close();
    }
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}

/** `count` connections to the server of `requests`, all connected. */
async function openConnections(requests: readonly RawGet[], count: number): Promise<RawConnection[]> {
  const first = requests[0];
  if (!first) return [];
  const connections = Array.from({ length: count }, () => new RawConnection(first.host, first.port));
  await Promise.all(connections.map((connection) => connection.open()));
  return connections;
}

/**
 * timeRequests for prepared GETs, all to one server: `concurrency` workers, each with its own connection, send their
 * next request as soon as the previous one is answered (a closed loop). Returns each request's latency in ms; throws if
 * any answer has another status than `okStatus`.
 */
export async function timeRawGets(requests: readonly RawGet[], concurrency: number, okStatus = 200): Promise<number[]> {
  const connections = await openConnections(requests, Math.min(concurrency, requests.length));
  const latencies = new Array<number>(requests.length);
  let next = 0;
  const worker = async (connection: RawConnection) => {
    while (next < requests.length) {
      const index = next++;
      const request = requests[index] as RawGet;
      const { status, latencyMs } = await connection.send(request);
      latencies[index] = latencyMs;
      if (status !== okStatus) throw new Error(`${request.url} answered ${status}, expected ${okStatus}`);
    }
  };
  try {
    await Promise.all(connections.map(worker));
  } finally {
    for (const connection of connections) connection.close();
  }
  return latencies;
}

/**
 * timeOpenLoop for prepared GETs, all to one server: request i is due at `start + i * intervalMs`, whatever earlier
 * answers are doing, and goes out on the first of `sockets` connections that is free; waiting for one counts in its
 * latency. Timers fire in whole milliseconds, so a request may leave up to 1 ms before it is due: it is then timed
 * from when it left, never less than its answer took.
 */
export async function timeRawGetsPaced(
  requests: readonly RawGet[],
  intervalMs: number,
  sockets: number,
): Promise<OpenLoopResult> {
  const idle = await openConnections(requests, sockets);
  const connections = [...idle];
  const queue: Array<(connection: RawConnection) => void> = [];
  const send = async (request: RawGet): Promise<number> => {
    const connection = idle.pop() ?? (await new Promise<RawConnection>((resolve) => queue.push(resolve)));
    try {
      return (await connection.send(request)).status;
    } finally {
      const waiting = queue.shift();
      if (waiting) waiting(connection);
      else idle.push(connection);
    }
  };

  try {
    return await runOpenLoop(requests.length, intervalMs, (i) => send(requests[i] as RawGet));
  } finally {
    for (const connection of connections) connection.close();
  }
}
