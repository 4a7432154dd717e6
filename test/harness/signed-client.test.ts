import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidSlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../src/playground/fixtures.ts';
import { SlackSender, signSlackRequest } from '../../src/playground/signed-client.ts';

interface Received {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const SECRET = 'harness-signing-secret';
let server: Server;
let received: Received[] = [];
let sender: SlackSender;

// A plain server that records what arrives, so the test sees the exact bytes and headers Slack's receiver would get.
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"answered":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sender = new SlackSender({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    signingSecret: SECRET,
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function last(): Received {
  const request = received.at(-1);
  if (!request) throw new Error('no request received');
  return request;
}

function isValid(request: Received, secret = SECRET): boolean {
  return isValidSlackRequest({
    signingSecret: secret,
    body: request.body,
    headers: {
      'x-slack-signature': String(request.headers['x-slack-signature']),
      'x-slack-request-timestamp': Number(request.headers['x-slack-request-timestamp']),
    },
  });
}

describe('signSlackRequest', () => {
  it("reproduces the signature of Slack's documented test vector", () => {
    const vector = fixture<Record<string, string>>('signing.test_vector.json');
    expect(
      signSlackRequest(
        String(vector.signing_secret),
        String(vector['x-slack-request-timestamp']),
        String(vector.raw_body),
      ),
    ).toBe(vector['x-slack-signature']);
  });
});

describe('SlackSender', () => {
  it('sends a slash command form-encoded, with the exact content type Bolt requires, signed', async () => {
    received = [];
    const response = await sender.command({ command: '/boost', text: 'https://example.com a & b' });

    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ answered: true });
    const request = last();
    expect(request).toMatchObject({ method: 'POST', url: '/slack/events' });
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      command: '/boost',
      text: 'https://example.com a & b',
    });
    expect(isValid(request)).toBe(true);
    expect(isValid(request, 'another-secret')).toBe(false);
  });

  it('sends an interaction as one `payload` form field holding the JSON', async () => {
    const payload = { type: 'block_actions', actions: [{ action_id: 'opt_in', value: 'r1' }] };
    await sender.interact(payload);

    const request = last();
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...new URLSearchParams(request.body).keys()]).toEqual(['payload']);
    expect(JSON.parse(new URLSearchParams(request.body).get('payload') ?? '')).toEqual(payload);
    expect(isValid(request)).toBe(true);
  });

  it('sends an event as JSON with retry headers, timestamp and path when asked', async () => {
    const timestamp = Math.floor(Date.now() / 1000) - 60;
    await sender.event(
      { type: 'event_callback' },
      { retryNum: 2, retryReason: 'http_timeout', timestamp, path: '/slack/other' },
    );

    const request = last();
    expect(request.url).toBe('/slack/other');
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'x-slack-retry-num': '2',
      'x-slack-retry-reason': 'http_timeout',
      'x-slack-request-timestamp': String(timestamp),
    });
    expect(request.body).toBe('{"type":"event_callback"}');
    expect(request.headers['x-slack-signature']).toBe(signSlackRequest(SECRET, timestamp, request.body));
  });

  it('sends a forged signature and extra headers through raw()', async () => {
    await sender.raw('ssl_check=1', 'text/plain', { 'x-extra': 'yes' }, { signature: 'v0=forged' });

    const request = last();
    expect(request.headers).toMatchObject({
      'content-type': 'text/plain',
      'x-extra': 'yes',
      'x-slack-signature': 'v0=forged',
    });
    expect(isValid(request)).toBe(false);
  });
});
