import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { HTTPReceiver, SocketModeReceiver } from '@slack/bolt';

// Every place Boost relies on Bolt beyond its documented API, in one file. Checked against @slack/bolt 5.1.0 (the
// Socket Mode server reads the same in 4.x); test/unit/bolt-internals.test.ts fails if an upgrade takes any of it away.
//
// - HTTPReceiver's `requestListener`: public in Bolt's types but undocumented. The server Bolt starts calls
//   `this.requestListener(req, res)` for every request, so a listener put there before start() sees each request
//   before Bolt does. Boost screens Slack's endpoint, serves tracked links first and holds deliveries there.
// - SocketModeReceiver's `httpServer`: private. Given customRoutes, Bolt creates this node:http server in its
//   constructor, with its routing as the server's one 'request' listener, and listens only inside start(), in the
//   same step as opening the socket. Boost listens on it by itself (health answers while Slack is unreachable) and
//   catches what its routing throws.
// - The edge buffers a body with Bolt's own `HTTPModuleFunctions.bufferIncomingMessage` (public) and relies on Bolt
//   taking a request already buffered as it is, without reading the stream again.

/** The @slack/bolt versions the reaches below were read against. */
export const BOLT_VERSIONS_CHECKED = ['5.1.0'] as const;

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** What the HTTP receiver runs for each request now: Bolt's own, or what was put in front of it. */
export function requestListenerOf(receiver: HTTPReceiver): RequestListener {
  return receiver.requestListener;
}

/** Runs `listener` for each request instead, before Bolt; it passes on what it does not answer itself. */
export function setRequestListener(receiver: HTTPReceiver, listener: RequestListener): void {
  receiver.requestListener = listener;
}

/** The HTTP server Bolt runs beside the socket for custom routes; none without them. */
export function socketModeHttpServer(receiver: SocketModeReceiver): Server | undefined {
  return (receiver as unknown as { httpServer?: Server }).httpServer;
}
