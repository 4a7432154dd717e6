import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../../src/playground/fixtures.ts';
import { slackErrorCode } from '../../src/slack/slack-errors.ts';
import { slackFetch } from '../../src/slack/slack-fetch.ts';
import { captureLogger } from '../harness/boost.ts';

// Every test talks to a real node:http server on loopback, so what is checked is what goes over the wire.

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface TestServer {
  base: string;
  received: Received[];
  /** TCP connections the server has accepted. */
  connections: () => number;
  close: () => Promise<void>;
}

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function startServer(routes: Record<string, Route>): Promise<TestServer> {
  const received: Received[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
      if (route) route(req, res);
      else res.writeHead(404).end();
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    received,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (res: http.ServerResponse, status: number, value: unknown, headers: http.OutgoingHttpHeaders = {}) =>
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(value));

const LARGE = 'x'.repeat(200_000);

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    '/echo': (_req, res) => res.end('echoed'),
    '/teapot': (_req, res) => res.writeHead(418, 'Short and stout').end(),
    '/headers': (_req, res) => {
      res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
      res.setHeader('x-scopes', ['chat:write', 'im:write']);
      res.setHeader('x-oauth-scopes', 'chat:write,users:read');
      res.end();
    },
    '/json': (_req, res) => json(res, 200, { ok: true, ts: '1503435956.000247' }),
    '/text': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('héllo ✓'),
    '/large': (_req, res) => {
      // Written in pieces, so the answer arrives in many chunks.
      for (let i = 0; i < LARGE.length; i += 16_384) res.write(LARGE.slice(i, i + 16_384));
      res.end();
    },
    '/ratelimited': (_req, res) => json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '3' }),
    '/silent': () => undefined,
    '/hang-up': (req) => req.socket.destroy(),
    '/cut-short': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"ok":true,');
      // Let the first bytes reach the client before the connection dies.
      setImmediate(() => res.socket?.destroy());
    },
    '/api/chat.postMessage': (_req, res) => json(res, 200, fixture('api.chat.postMessage.json')),
    '/api/chat.update': (_req, res) => {
      const { status, headers, body } = fixture<{ status: number; headers: Record<string, string>; body: unknown }>(
        'api.error.ratelimited.json',
      );
      json(res, status, body, { ...headers, 'retry-after': '3' });
    },
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
});

/** The error a call rejects with. */
async function rejectionOf(call: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await call;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the call to reject');
}

/** A port nothing listens on: one a server just gave back. */
async function closedPort(): Promise<number> {
  const closed = await startServer({});
  await closed.close();
  return Number(new URL(closed.base).port);
}

describe('slackFetch', () => {
  it('reports the status, ok and status text the server sent', async () => {
    const fine = await slackFetch(`${server.base}/echo`);
    expect([fine.status, fine.ok, fine.statusText]).toEqual([200, true, 'OK']);
    expect(fine.url).toBe(`${server.base}/echo`);

    const teapot = await slackFetch(`${server.base}/teapot`);
    expect([teapot.status, teapot.ok, teapot.statusText]).toEqual([418, false, 'Short and stout']);
  });

  it('gives the answer headers as Headers, keeping repeated ones', async () => {
    const response = await slackFetch(`${server.base}/headers`);
    expect(response.headers).toBeInstanceOf(Headers);
    expect(response.headers.get('X-OAuth-Scopes')).toBe('chat:write,users:read');
    expect(response.headers.get('x-scopes')).toBe('chat:write, im:write');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(response.headers.get('x-missing')).toBeNull();
  });

  it('reads a JSON answer', async () => {
    const response = await slackFetch(`${server.base}/json`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ ok: true, ts: '1503435956.000247' });
  });

  it('reads a text answer, and its bytes', async () => {
    expect(await (await slackFetch(`${server.base}/text`)).text()).toBe('héllo ✓');
    const bytes = await (await slackFetch(`${server.base}/text`)).arrayBuffer();
    expect(new TextDecoder().decode(bytes)).toBe('héllo ✓');
  });

  it('reads an answer that arrives in many chunks', async () => {
    expect(await (await slackFetch(`${server.base}/large`)).text()).toBe(LARGE);
  });

  it('refuses to read the same body twice, as fetch does', async () => {
    const response = await slackFetch(`${server.base}/json`);
    expect(response.bodyUsed).toBe(false);
    await response.text();
    expect(response.bodyUsed).toBe(true);
    await expect(response.json()).rejects.toThrow(TypeError);
    await expect(response.arrayBuffer()).rejects.toThrow(TypeError);
  });

  it('sends the method, headers and string body it was given, and nothing more', async () => {
    const body = JSON.stringify({ text: 'Thanks ✓' });
    await slackFetch(`${server.base}/echo?x=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer xoxb-1' },
      body,
      redirect: 'error',
    });
    const [request] = server.received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/echo?x=1');
    expect(request?.body).toBe(body);
    expect(request?.headers).toEqual({
      host: new URL(server.base).host,
      connection: 'keep-alive',
      'content-type': 'application/json',
      authorization: 'Bearer xoxb-1',
      'content-length': String(Buffer.byteLength(body)),
    });
  });

  it('takes headers given as Headers', async () => {
    await slackFetch(`${server.base}/echo`, { method: 'POST', headers: new Headers({ 'X-Test': 'yes' }), body: 'hi' });
    expect(server.received[0]?.headers['x-test']).toBe('yes');
  });

  it('sends a URLSearchParams body as a form', async () => {
    const form = new URLSearchParams({ channel: 'C123ABC456', text: 'a & b' });
    await slackFetch(`${server.base}/echo`, { method: 'POST', body: form });
    const [request] = server.received;
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({ channel: 'C123ABC456', text: 'a & b' });
  });

  it('keeps the connection open for the next call', async () => {
    const own = await startServer({ '/echo': (_req, res) => res.end('echoed') });
    try {
      await (await slackFetch(`${own.base}/echo`, { method: 'POST', body: 'one' })).text();
      await (await slackFetch(`${own.base}/echo`, { method: 'POST', body: 'two' })).text();
      expect(own.received.map((request) => request.body)).toEqual(['one', 'two']);
      expect(own.connections()).toBe(1);
    } finally {
      await own.close();
    }
  });

  it('gives up when the signal times out on a silent server', async () => {
    const error = await rejectionOf(slackFetch(`${server.base}/silent`, { signal: AbortSignal.timeout(50) }));
    expect(error.name).toBe('TimeoutError');
  });

  it('sends nothing when the signal has already been aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(slackFetch(`${server.base}/echo`, { signal: controller.signal }));
    expect(error.name).toBe('AbortError');
    expect(server.received).toEqual([]);
  });

  it('rejects with an AbortError when aborted for a reason that is not an error', async () => {
    const controller = new AbortController();
    const call = slackFetch(`${server.base}/silent`, { signal: controller.signal });
    controller.abort('no longer needed');
    expect((await rejectionOf(call)).name).toBe('AbortError');
  });

  it('reports a refused connection with its code', async () => {
    const error = await rejectionOf(slackFetch(`http://127.0.0.1:${await closedPort()}/echo`));
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('rejects when the server hangs up without answering', async () => {
    const error = await rejectionOf(slackFetch(`${server.base}/hang-up`, { method: 'POST', body: 'x' }));
    expect(error.code).toBe('ECONNRESET');
  });

  it('rejects when the connection dies halfway through the answer', async () => {
    const error = await rejectionOf(slackFetch(`${server.base}/cut-short`));
    expect(error.code).toBe('ECONNRESET');
  });

  it('passes on a 429 with its Retry-After', async () => {
    const response = await slackFetch(`${server.base}/ratelimited`, { method: 'POST', body: '' });
    expect([response.status, response.ok]).toEqual([429, false]);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('leaves a FormData body to the built-in fetch', async () => {
    const form = new FormData();
    form.append('channels', 'C123ABC456');
    form.append('file', new Blob(['report']), 'report.txt');
    const response = await slackFetch(`${server.base}/echo`, { method: 'POST', body: form });
    expect(await response.text()).toBe('echoed');
    const [request] = server.received;
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.body).toContain('C123ABC456');
    expect(request?.body).toContain('report');
  });

  it('leaves a URL that is not http(s) to the built-in fetch', async () => {
    expect(await (await slackFetch('data:text/plain,hello')).text()).toBe('hello');
  });
});

describe('slackFetch under @slack/web-api', () => {
  const silent = captureLogger([]);
  const clientFor = (base: string, options: { rejectRateLimitedCalls?: boolean; timeout?: number } = {}) =>
    new WebClient('xoxb-test-token', {
      slackApiUrl: `${base}/api/`,
      fetch: slackFetch,
      retryConfig: { retries: 0 },
      logger: silent,
      ...options,
    });

  it('gets the parsed answer of chat.postMessage', async () => {
    const result = await clientFor(server.base).chat.postMessage({ channel: 'C123ABC456', text: 'Thanks!' });
    expect(result).toMatchObject({ ok: true, channel: 'C123ABC456', ts: '1503435956.000247' });
    const [request] = server.received;
    expect(request?.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(new URLSearchParams(request?.body).get('text')).toBe('Thanks!');
  });

  it('rejects a rate-limited call with the Retry-After', async () => {
    const client = clientFor(server.base, { rejectRateLimitedCalls: true });
    const error = await rejectionOf(client.chat.update({ channel: 'C123ABC456', ts: '1503435956.000247', text: 'x' }));
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(3);
    expect(slackErrorCode(error)).toBe('ratelimited');
  });

  it('lets Boost tell a refused connection (never sent) from a timeout', async () => {
    const refused = await rejectionOf(clientFor(`http://127.0.0.1:${await closedPort()}`).auth.test());
    expect(slackErrorCode(refused)).toBe('ECONNREFUSED');

    const silentApi = await startServer({ '/api/auth.test': () => undefined });
    try {
      const timedOut = await rejectionOf(clientFor(silentApi.base, { timeout: 50 }).auth.test());
      expect(slackErrorCode(timedOut)).toBe('timeout');
    } finally {
      await silentApi.close();
    }
  });
});
