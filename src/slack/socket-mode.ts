import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger, SocketModeReceiver } from '@slack/bolt';
import type { BotIdentity } from './bot-identity.ts';
import { isTokenRefused, slackErrorCode } from './slack-errors.ts';

export interface SocketModeSession {
  /** The port of the HTTP server beside the socket (health, readiness, tracked links). */
  port: number;
  /** Whether the socket to Slack is open: over Socket Mode, nothing from Slack arrives otherwise. */
  connected(): boolean;
}

/**
 * Socket Mode receives nothing without Slack. The HTTP server Bolt runs beside the socket listens at once, so health and
 * readiness answer during an outage; the socket opens once the bot's ids are known (its client waits and retries
 * apps.connections.open by itself, for a long while, before failing).
 */
export async function startSocketMode(
  receiver: SocketModeReceiver,
  identity: BotIdentity,
  options: {
    port: number;
    host?: string;
    logger: Pick<Logger, 'error'>;
    /** Slack refused SLACK_APP_TOKEN: no later try would pass. */
    refused: (error: unknown) => void;
    /** Pause before opening the socket again after a failure other than a refused token (default 1 min). */
    retryMs?: number;
  },
): Promise<SocketModeSession> {
  const { logger } = options;
  // Bolt's own start() listens and connects in one step; `httpServer` is private in its types (bolt 4 and 5).
  const server = (receiver as unknown as { httpServer?: Server }).httpServer;
  let port = options.port;
  if (server) {
    server.listen(options.port, options.host);
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  }
  let open = false;
  receiver.client.on('connected', () => {
    open = true;
  });
  for (const state of ['reconnecting', 'disconnecting', 'disconnected']) {
    receiver.client.on(state, () => {
      open = false;
    });
  }
  const connect = async (): Promise<void> => {
    if (!(await identity.whenKnown())) return;
    try {
      await receiver.client.start();
    } catch (error) {
      if (isTokenRefused(error)) {
        options.refused(error);
        return;
      }
      logger.error(`Could not open the Socket Mode connection (${slackErrorCode(error)}); trying again in a minute.`);
      setTimeout(() => void connect(), options.retryMs ?? 60_000).unref();
    }
  };
  void connect();
  return { port, connected: () => open };
}
