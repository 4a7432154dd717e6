import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from './config.ts';
import { type Database_, openDatabase } from './db/connection.ts';
import { createRepositories } from './db/repositories/index.ts';
import { type Clock, systemClock } from './domain/types.ts';
import { healthRoute } from './http/health.ts';
import { MessageUpdater } from './jobs/message-updater.ts';
import { requestService } from './services/requests.ts';
import type { BoostContext } from './slack/context.ts';
import { registerListeners } from './slack/listeners/index.ts';
import { updateRequestMessage } from './slack/request-publisher.ts';
import { retryAfterMs } from './slack/slack-errors.ts';

export interface BoostOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
}

export interface Boost {
  app: App;
  context: BoostContext;
  database: Database_;
  /** Starts serving; resolves with the HTTP port actually bound (useful with PORT=0). */
  start(): Promise<{ port: number }>;
  /** Stops taking requests, sends pending message updates, closes the database. */
  stop(): Promise<void>;
}

const LOG_LEVELS: Record<Config['LOG_LEVEL'], LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/** Builds Boost from its settings without starting it; index.ts starts it, tests build it against a fake Slack. */
export function createBoost({ config, clock = systemClock, logger }: BoostOptions): Boost {
  const database = openDatabase(config.DATABASE_PATH);
  const repos = createRepositories(database.db);
  const logLevel = LOG_LEVELS[config.LOG_LEVEL];
  const clientOptions: WebClientOptions = {
    slackApiUrl: config.SLACK_API_URL,
    logLevel,
    ...(logger ? { logger } : {}),
    // A few quick retries on network and 5xx errors; Slack's rate limits are honoured via Retry-After.
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: 10_000,
  };
  const customRoutes = [healthRoute(database.sqlite)];
  const receiver = config.SOCKET_MODE
    ? new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN ?? '',
        customRoutes,
        installerOptions: { port: config.PORT },
        logLevel,
        ...(logger ? { logger } : {}),
      })
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET,
        customRoutes,
        // Ack as soon as a listener calls ack(): Slack wants an answer within 3 seconds.
        processBeforeResponse: false,
        logLevel,
        ...(logger ? { logger } : {}),
      });
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    receiver,
    clientOptions,
    convoStore: false,
    logLevel,
    ...(logger ? { logger } : {}),
  });

  // Message updates use their own client that hands rate limits back to the updater, which coalesces while it waits.
  const updaterClient = new WebClient(config.SLACK_BOT_TOKEN, {
    ...clientOptions,
    rejectRateLimitedCalls: true,
  });
  const context: BoostContext = {
    config,
    repos,
    clock,
    client: app.client,
    logger: app.logger,
    service: requestService(repos, {
      admins: new Set(config.BOOST_ADMINS),
      maxOpenPerUser: config.MAX_OPEN_REQUESTS_PER_USER,
    }),
    updater: new MessageUpdater({
      publish: (requestId) => updateRequestMessage(context, updaterClient, requestId),
      retryAfterMs,
      logger: app.logger,
      now: clock,
    }),
  };
  registerListeners(app, context);
  app.error(async (error) => {
    app.logger.error(`Unhandled error in a listener: ${error.message}`);
  });

  let server: Server | undefined;
  return {
    app,
    context,
    database,
    async start() {
      if (config.SOCKET_MODE) {
        await app.start();
        return { port: config.PORT };
      }
      server = (await (receiver as HTTPReceiver).start({ port: config.PORT, host: config.HOST })) as Server;
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      await receiver.stop().catch(() => undefined);
      await context.updater.flush();
      database.close();
    },
  };
}
