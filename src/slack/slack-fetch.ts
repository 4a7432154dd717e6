import http from 'node:http';
import https from 'node:https';

// Every Web API call and every respond() goes through a fetch function. Node's built-in fetch (undici) costs far more
// CPU per call than a plain node:http request (bench/README.md); Boost makes many small calls, so this is a fetch for
// exactly what @slack/web-api and Bolt's respond() ask of it: a POST with a string or form body, a timeout signal, and
// a small answer read whole. Anything else (a multipart upload, a stream, a data: URL) goes to the real fetch.

/** What callers may read from an answer; a real Response (from the fallback) has all of it too. */
type SlackFetchResponse = Pick<
  Response,
  'ok' | 'status' | 'statusText' | 'url' | 'headers' | 'bodyUsed' | 'text' | 'json' | 'arrayBuffer'
>;

// Idle sockets close after 4 s (undici's default too), or sooner when the server's Keep-Alive header asks: reusing a
// socket the server is about to close fails the call after it was written, which the caller cannot tell from a lost post.
const IDLE_SOCKET_MS = 4_000;
const agentOptions = { keepAlive: true, maxSockets: 50, timeout: IDLE_SOCKET_MS };
const httpAgent = new http.Agent(agentOptions);
const httpsAgent = new https.Agent(agentOptions);

/** Without a signal, a silent server would hold the call forever; undici gives up after 300 s of silence too. */
const STALLED_MS = 300_000;

const FORM = 'application/x-www-form-urlencoded;charset=UTF-8';

/** fetch() over keep-alive node:http(s) agents, for the calls @slack/web-api and Bolt's respond() make. */
export async function slackFetch(input: string | URL, init: RequestInit = {}): Promise<SlackFetchResponse> {
  const url = new URL(input);
  const { body } = init;
  let payload: string | undefined;
  let contentType: string | undefined;
  if (typeof body === 'string') payload = body;
  else if (body instanceof URLSearchParams) {
    payload = body.toString();
    contentType = FORM;
  } else if (body != null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return globalThis.fetch(input, init);
  }

  const headers = requestHeaders(init.headers);
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  if (contentType && headers['content-type'] === undefined) headers['content-type'] = contentType;
  return send(url, init.method ?? 'GET', headers, payload, init.signal ?? undefined);
}

/** The caller's headers with lower-case names, in whichever form fetch accepts them; repeated names joined as fetch does. */
function requestHeaders(given: RequestInit['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!given) return headers;
  const pairs: Iterable<[string, unknown]> =
    Symbol.iterator in given ? (given as Iterable<[string, string]>) : Object.entries(given);
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    const previous = headers[key];
    headers[key] = previous === undefined ? String(value) : `${previous}, ${value}`;
  }
  return headers;
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  payload: string | undefined,
  signal: AbortSignal | undefined,
): Promise<SlackFetchResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const secure = url.protocol === 'https:';
    const req = (secure ? https : http).request(url, {
      method,
      headers,
      agent: secure ? httpsAgent : httpAgent,
      timeout: STALLED_MS,
    });

    let settled = false;
    const settle = () => {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settle();
      reject(error);
      // Destroying makes node emit 'error' or 'close' again; the listeners below stay attached and ignore them.
      req.destroy();
    };
    const onAbort = () => fail(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });

    req.on('error', fail);
    req.on('timeout', () => fail(networkError(`No answer from ${url.host} for ${STALLED_MS / 1000} s`, 'ETIMEDOUT')));
    // A request closed without an answer and without an 'error' would otherwise leave the promise hanging.
    let answered = false;
    req.on('close', () => {
      if (!answered) fail(networkError('socket hang up', 'ECONNRESET'));
    });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete) fail(networkError('The connection closed before the answer ended', 'ECONNRESET'));
      });
      res.on('end', () => {
        if (settled) return;
        try {
          const response = new BufferedResponse(url, res, Buffer.concat(chunks));
          settle();
          resolve(response);
        } catch (error) {
          // A header value Headers refuses must reject the call, not escape as an uncaught exception.
          fail(error);
        }
      });
    });
    req.end(payload);
  });
}

/** What fetch rejects with when its signal fires: the signal's reason (a TimeoutError for AbortSignal.timeout). */
function abortReason(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}

function networkError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** An answer read whole; like fetch's Response, its body can be read once. */
class BufferedResponse implements SlackFetchResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers = new Headers();
  #body: Buffer | undefined;

  constructor(url: URL, res: http.IncomingMessage, body: Buffer) {
    this.status = res.statusCode ?? 0;
    this.ok = this.status >= 200 && this.status <= 299;
    this.statusText = res.statusMessage ?? '';
    this.url = url.hash ? url.href.slice(0, -url.hash.length) : url.href;
    const raw = res.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) this.headers.append(raw[i] as string, raw[i + 1] as string);
    this.#body = body;
  }

  get bodyUsed(): boolean {
    return this.#body === undefined;
  }

  async text(): Promise<string> {
    const body = this.#take();
    // fetch's text() drops a UTF-8 byte order mark.
    const bom = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
    return body.toString('utf8', bom ? 3 : 0);
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const body = this.#take();
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  }

  #take(): Buffer {
    const body = this.#body;
    if (body === undefined) throw new TypeError('Body is unusable: Body has already been read');
    this.#body = undefined;
    return body;
  }
}
