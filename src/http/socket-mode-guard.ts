import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger, SocketModeReceiver } from '@slack/bolt';
import { closeIfCarryingBody, limitServer, type ServerLimits } from './server-limits.ts';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * In Socket Mode, Bolt serves custom routes from its own HTTP server whose request handler is an async function with
 * no catch: when matching a path throws (`/r/%E0` is not valid percent-encoding, and Bolt decodes path parameters with
 * decodeURIComponent), the rejection is unhandled and Node stops the whole app. This answers such requests with a 400
 * instead. The HTTP receiver needs no help: it catches and answers 500. With `limits`, the server also gets the HTTP
 * receiver's limits (slow requests, connections); no route there reads a body, so one sent anyway is not waited for.
 */
export function guardSocketModeRoutes(
  receiver: SocketModeReceiver,
  logger: Pick<Logger, 'warn'>,
  limits?: ServerLimits,
): void {
  // `httpServer` is private in Bolt's types; it exists whenever customRoutes are given (bolt 4 and 5).
  const server = (receiver as unknown as { httpServer?: Server }).httpServer;
  if (!server) return;
  if (limits) limitServer(server, limits);
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  for (const listener of listeners) {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const answer = (error: unknown) => {
        logger.warn(`A ${req.method} request could not be routed: ${(error as Error)?.message ?? error}`);
        if (res.headersSent) {
          res.end();
          return;
        }
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Bad request');
      };
      closeIfCarryingBody(req, res);
      try {
        const result = listener.call(server, req, res);
        if (result instanceof Promise) result.catch(answer);
      } catch (error) {
        answer(error);
      }
    });
  }
}
