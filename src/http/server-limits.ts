import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';

/**
 * Slack gives up on a request it has no answer to within 3 seconds, and sends the whole of it at once: a request whose
 * headers take 10 s, or whose body is still arriving after 15, is not from Slack. Node's defaults (60 s for headers,
 * 300 s for a whole request) let anyone hold a connection, and the body buffered so far, for minutes. The margin over
 * Slack's 3 s is for a busy server, which reads a request late but is not to refuse it for that.
 */
export const REQUEST_TIMEOUT_MS = 15_000;
const HEADERS_TIMEOUT_MS = 10_000;
const DROP_WARNING_INTERVAL_MS = 60_000;

/**
 * For a server Boost creates: Node looks for requests past their timeout this often (its default, 30 s, would let a
 * request live for 45 s). Bolt's own server in Socket Mode keeps the default.
 */
export const SERVER_OPTIONS: ServerOptions = { connectionsCheckingInterval: 1_000 };

export interface ServerLimits {
  maxConnections: number;
  /** Tests shorten it. */
  requestTimeoutMs?: number;
  logger: { warn(...messages: unknown[]): void };
}

/**
 * Cuts off requests that arrive too slowly (408, connection closed) and caps the connections held at once: Node closes
 * any further one as it arrives. A refused connection is logged at most once a minute.
 */
export function limitServer(
  server: Server,
  { maxConnections, requestTimeoutMs = REQUEST_TIMEOUT_MS, logger }: ServerLimits,
): void {
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs);
  server.maxConnections = maxConnections;
  let lastWarning = Number.NEGATIVE_INFINITY;
  server.on('drop', () => {
    if (Date.now() - lastWarning < DROP_WARNING_INTERVAL_MS) return;
    lastWarning = Date.now();
    logger.warn(`Refused a connection: ${maxConnections} are open already (MAX_CONNECTIONS).`);
  });
}

/**
 * For a route that reads no body: when the request carries one anyway, its connection is closed once answered, so the
 * rest of the body is neither read nor waited for (Node would otherwise read it to keep the connection alive).
 */
export function closeIfCarryingBody(req: IncomingMessage, res: ServerResponse): void {
  const length = req.headers['content-length'];
  if ((length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined) {
    res.setHeader('connection', 'close');
  }
}
