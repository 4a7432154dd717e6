import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CustomRoute, HTTPModuleFunctions, HTTPReceiver, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import {
  BOLT_VERSIONS_CHECKED,
  requestListenerOf,
  setRequestListener,
  socketModeHttpServer,
} from '../../src/slack/bolt-internals.ts';

// Boost reaches into Bolt in the few ways src/slack/bolt-internals.ts lists. These tests drive real Bolt receivers on
// loopback: after a Bolt upgrade, a failure here names what Boost can no longer rely on.

const installed: string = JSON.parse(
  readFileSync(new URL('../../node_modules/@slack/bolt/package.json', import.meta.url), 'utf8'),
).version;
const upgradeNote = `@slack/bolt ${installed} (bolt-internals.ts was checked against ${BOLT_VERSIONS_CHECKED.join(', ')})`;

const boltRoute: CustomRoute = {
  path: '/from-bolt',
  method: ['GET'],
  handler: (_req, res) => {
    res.writeHead(200);
    res.end('bolt');
  },
};

const baseOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describe(`Bolt as Boost relies on it: ${upgradeNote}`, () => {
  it('runs the listener set on the HTTP receiver for every request, which can answer or hand over to Bolt', async () => {
    const receiver = new HTTPReceiver({ signingSecret: 'secret', customRoutes: [boltRoute], logLevel: LogLevel.ERROR });
    const bolt = requestListenerOf(receiver);
    expect(bolt, `HTTPReceiver has no requestListener in ${upgradeNote}`).toBeTypeOf('function');
    const seen: string[] = [];
    setRequestListener(receiver, (req, res) => {
      seen.push(req.url ?? '');
      if (req.url === '/in-front') res.end('in front');
      else bolt(req, res);
    });
    const server = await receiver.start({ port: 0, host: '127.0.0.1' });
    try {
      const inFront = await fetch(`${baseOf(server)}/in-front`);
      expect(await inFront.text()).toBe('in front');
      const fromBolt = await fetch(`${baseOf(server)}/from-bolt`);
      expect(await fromBolt.text()).toBe('bolt');
      expect(seen, `the HTTP receiver no longer calls its requestListener in ${upgradeNote}`).toEqual([
        '/in-front',
        '/from-bolt',
      ]);
    } finally {
      await receiver.stop();
    }
  });

  it('takes a request whose body was already buffered with its own function, without reading it again', async () => {
    const receiver = new HTTPReceiver({ signingSecret: 'secret', logLevel: LogLevel.ERROR });
    const bolt = requestListenerOf(receiver);
    setRequestListener(receiver, (req, res) => {
      void HTTPModuleFunctions.bufferIncomingMessage(req, 1024).then((buffered) => bolt(buffered, res));
    });
    const server = await receiver.start({ port: 0, host: '127.0.0.1' });
    try {
      // Slack's SSL check, the one request Bolt answers 200 without a signature: only if it could read the body.
      const sslCheck = await fetch(`${baseOf(server)}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'ssl_check=1&token=x',
      });
      expect(sslCheck.status, `Bolt reads a buffered request's stream again in ${upgradeNote}`).toBe(200);
    } finally {
      await receiver.stop();
    }
  });

  it('runs an HTTP server beside the socket for custom routes, which listens without the socket being opened', async () => {
    const receiver = new SocketModeReceiver({
      appToken: 'xapp-1-test',
      customRoutes: [boltRoute],
      installerOptions: { port: 0 },
      logLevel: LogLevel.ERROR,
    });
    const server = socketModeHttpServer(receiver);
    if (!server) throw new Error(`SocketModeReceiver has no httpServer in ${upgradeNote}`);
    expect(server.listeners('request'), `Bolt's Socket Mode routing is not one 'request' listener`).toHaveLength(1);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const fromBolt = await fetch(`${baseOf(server)}/from-bolt`);
      expect(await fromBolt.text()).toBe('bolt');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('runs no such server when there are no custom routes', () => {
    const receiver = new SocketModeReceiver({ appToken: 'xapp-1-test', logLevel: LogLevel.ERROR });
    expect(socketModeHttpServer(receiver)).toBeUndefined();
  });
});
