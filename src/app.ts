import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from './config.ts';
import { checkpointInBackground } from './db/checkpointer.ts';
import { CommitGroup } from './db/commit-group.ts';
import { type BoostDatabase, openDatabase } from './db/connection.ts';
import { createRepositories } from './db/repositories/index.ts';
import { type Clock, systemClock } from './domain/types.ts';
import { healthRoute, readinessRoute, type SlackStatus } from './http/health.ts';
import { holdUntilIdentityKnown } from './http/identity-gate.ts';
import { limitServer, SERVER_OPTIONS } from './http/server-limits.ts';
import { answerUnprocessable, screenSlackRequests } from './http/slack-edge.ts';
import { guardSocketModeRoutes } from './http/socket-mode-guard.ts';
import { serveTrackedLinksFirst, trackedLinkRoute } from './http/tracked-link.ts';
import { answerUnrouted } from './http/unrouted.ts';
import { type BoostJobs, createJobs } from './jobs/index.ts';
import { MessageUpdater } from './jobs/message-updater.ts';
import { MemoryPauses } from './pacing/store.ts';
import { createServices } from './services/index.ts';
import { AcksFirst } from './slack/acks-first.ts';
import { botIdentityFor, type SlackCheckTuning } from './slack/bot-identity.ts';
import type { BoostContext } from './slack/context.ts';
import { DmSender, dmClient } from './slack/dm-sender.ts';
import { homeFor } from './slack/home.ts';
import { HomeRefresher } from './slack/home-refresher.ts';
import { registerListeners } from './slack/listeners/index.ts';
import { lookUpProfile } from './slack/profiles.ts';
import { postRequest, tellRequesterUnposted, updateRequestMessage } from './slack/request-publisher.ts';
import { mayHaveBeenApplied, slackErrorCode } from './slack/slack-errors.ts';
import { slackFetch } from './slack/slack-fetch.ts';
import { type SocketModeSession, startSocketMode } from './slack/socket-mode.ts';

export interface BoostOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** Whether start() also starts the minute tick of the background jobs (default true). */
  runJobs?: boolean;
  /** Web API and pacing knobs; production keeps the defaults, tests shorten them to exercise timeouts quickly. */
  tuning?: BoostTuning;
  /** The bot's ids, when known in advance (tests against a fake Slack): Boost then never calls auth.test. */
  identity?: { botId: string; botUserId: string; teamId?: string };
}

export interface BoostTuning {
  /** Per attempt (default 10 s). */
  webApiTimeoutMs?: number;
  /** Retries after a failed attempt on network errors, timeouts and 5xx (default 3). */
  webApiRetries?: number;
  /** Least time between two updates of one request message (default 1 s). */
  messageUpdateIntervalMs?: number;
  /** Least time between two publishes of one person's Home (default 3 s). */
  homeRefreshIntervalMs?: number;
  /** Pacing of auth.test while Slack cannot be reached, and how long a delivery waits for the bot's ids (2 s). */
  slackCheck?: SlackCheckTuning & { deliveryWaitMs?: number };
  /** The longest a private reply is held back while requests keep arriving (default 1 s; acks-first.ts). */
  replyMaxWaitMs?: number;
  /** First pause before a direct message is tried again after a failure that is safe to retry (default 500 ms). */
  dmBackoffMs?: number;
  /** The longest an HTTP request may take to arrive, headers and body (default 15 s). */
  requestTimeoutMs?: number;
}

/** Slack refused a token Boost cannot work without; index.ts then stops the process with a message naming it. */
export interface TokenRefusal {
  setting: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN';
  /** Slack's error code (`invalid_auth`, `token_revoked`...), never the token. */
  code: string;
}

export interface Boost {
  app: App;
  context: BoostContext;
  database: BoostDatabase;
  /** Expiry, reminders and the weekly digest; tests call `jobs.<name>.runOnce(now)` instead of waiting for a tick. */
  jobs: BoostJobs;
  /**
   * Starts serving at once, whether or not Slack answers: the bot's ids come from auth.test in the background (or from
   * the last successful start). Resolves with the HTTP port actually bound (useful with PORT=0).
   */
  start(): Promise<{ port: number }>;
  /** Settles if Slack refuses the bot token (or, in Socket Mode, the app token); never settles otherwise. */
  refused: Promise<TokenRefusal>;
  /** Stops taking requests, sends pending message updates, closes the database. */
  stop(): Promise<void>;
}

const LOG_LEVELS: Record<Config['LOG_LEVEL'], LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

function stopRetryingWhenMaybeApplied(error: unknown): void {
  if (mayHaveBeenApplied(error)) throw error;
}

/** Builds Boost from its settings without starting it; index.ts starts it, tests build it against a fake Slack. */
export function createBoost({
  config,
  clock = systemClock,
  logger,
  runJobs = true,
  tuning = {},
  identity: identityOption,
}: BoostOptions): Boost {
  const database = openDatabase(config.DATABASE_PATH);
  const checkpoints =
    config.DATABASE_PATH === ':memory:'
      ? undefined
      : checkpointInBackground(database, (message) =>
          app.logger.warn(`A background WAL checkpoint failed: ${message}`),
        );
  const repos = createRepositories(database.db, { receiptSecret: config.SLACK_SIGNING_SECRET });
  const logLevel = LOG_LEVELS[config.LOG_LEVEL];
  const clientOptions: WebClientOptions = {
    slackApiUrl: config.SLACK_API_URL,
    logLevel,
    ...(logger ? { logger } : {}),
    // A few quick retries on network errors and 503s; Slack's rate limits are honoured via Retry-After. A call that
    // timed out or got another 5xx may have been carried out, so it is not sent again (a message would post twice);
    // callers decide (the message updater retries later, a person is told). @slack/web-api hands retryConfig to p-retry,
    // whose onFailedAttempt stops the retries by throwing.
    retryConfig: {
      retries: tuning.webApiRetries ?? 3,
      factor: 2,
      minTimeout: 200,
      maxTimeout: 2000,
      onFailedAttempt: stopRetryingWhenMaybeApplied,
    } as WebClientOptions['retryConfig'],
    timeout: tuning.webApiTimeoutMs ?? 10_000,
    // Web API calls and Bolt's respond() both go through it: a fraction of the CPU of Node's fetch per call.
    fetch: slackFetch,
  };
  // Bolt's logger exists once the App does; routes log only on failures, long after that.
  const routeLogger = {
    info: (...messages: unknown[]) => app.logger.info(...messages),
    warn: (...messages: unknown[]) => app.logger.warn(...messages),
    error: (...messages: unknown[]) => app.logger.error(...messages),
  };
  const identity = botIdentityFor({
    token: config.SLACK_BOT_TOKEN,
    clientOptions,
    saved: repos.botIdentities,
    clock,
    logger: routeLogger,
    tuning: tuning.slackCheck,
    given: identityOption,
  });
  let socket: SocketModeSession | undefined;
  const slackStatus: SlackStatus = {
    reached: () => identity.slackReached,
    serving: () => identity.current !== undefined && (!config.SOCKET_MODE || socket?.connected() === true),
  };
  let refuse: (refusal: TokenRefusal) => void = () => undefined;
  const refused = new Promise<TokenRefusal>((resolve) => {
    refuse = resolve;
  });
  void identity.refused.then((error) => refuse({ setting: 'SLACK_BOT_TOKEN', code: slackErrorCode(error) }));
  const trackedLinks = trackedLinkRoute({ links: repos.links, clock, logger: routeLogger });
  // The tracked-link redirect comes first: Bolt tries custom routes in order, compiling each path, on every request
  // (over HTTP, links as Boost writes them are answered before that: serveTrackedLinksFirst).
  const customRoutes = [
    trackedLinks,
    healthRoute(database.sqlite, slackStatus),
    readinessRoute(database.sqlite, slackStatus),
  ];
  const receiver = config.SOCKET_MODE
    ? new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN ?? '',
        customRoutes,
        // apps.connections.open goes to SLACK_API_URL too (GovSlack, a local test server), not always slack.com.
        installerOptions: { port: config.PORT, clientOptions: { slackApiUrl: config.SLACK_API_URL } },
        logLevel,
        ...(logger ? { logger } : {}),
      })
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET,
        customRoutes,
        // Ack as soon as a listener calls ack(): Slack wants an answer within 3 seconds.
        processBeforeResponse: false,
        // A body Bolt cannot read as a Slack request is the sender's mistake: 400, not Bolt's default 500.
        processEventErrorHandler: answerUnprocessable,
        dispatchErrorHandler: answerUnrouted,
        logLevel,
        ...(logger ? { logger } : {}),
      });
  const acksFirst = new AcksFirst({ maxWaitMs: tuning.replyMaxWaitMs });
  const serverLimits = {
    maxConnections: config.MAX_CONNECTIONS,
    requestTimeoutMs: tuning.requestTimeoutMs,
    logger: routeLogger,
  };
  if (receiver instanceof SocketModeReceiver) guardSocketModeRoutes(receiver, routeLogger, serverLimits);
  else {
    serveTrackedLinksFirst(receiver, trackedLinks);
    const handle = receiver.requestListener;
    receiver.requestListener = (req, res) => {
      acksFirst.requestArrived();
      handle(req, res);
    };
    holdUntilIdentityKnown(receiver, identity, { waitMs: tuning.slackCheck?.deliveryWaitMs ?? 2000 });
    // Outermost: a request that cannot be Slack's is refused from its headers before anything else looks at it, and
    // outside the tracked links, so that a body sent to them is never waited for either.
    screenSlackRequests(receiver, routeLogger, { signingSecret: config.SLACK_SIGNING_SECRET });
  }
  const app = new App({
    receiver,
    clientOptions,
    convoStore: false,
    logLevel,
    ...(logger ? { logger } : {}),
    // Given a token, Bolt checks it with auth.test before it serves anything, so an unreachable Slack stopped Boost at
    // start. The bot's ids come from BotIdentity instead, which asks in the background; deliveries wait for them at the
    // HTTP edge (holdUntilIdentityKnown), and the Socket Mode connection opens only once they are known.
    authorize: async () => {
      const ids = identity.current;
      if (!ids) throw new Error("The bot's identity is not known yet: Slack has not answered auth.test");
      return { botToken: config.SLACK_BOT_TOKEN, botId: ids.botId, botUserId: ids.botUserId };
    },
  });
  // Bolt's app.client carries no token once `authorize` supplies it per delivery: calls outside a listener use this one.
  const client = new WebClient(config.SLACK_BOT_TOKEN, clientOptions);

  // Message updates and Home refreshes use their own client that hands rate limits back to the pacer, which pauses
  // that method in that workspace for every sender and coalesces while it waits (src/pacing).
  const pacedClient = new WebClient(config.SLACK_BOT_TOKEN, {
    ...clientOptions,
    rejectRateLimitedCalls: true,
  });
  const pauses = new MemoryPauses();
  // Direct messages (digests, reminders) share one rate-aware sender with its own client that hands rate limits back.
  const dm = new DmSender({
    client: dmClient(config.SLACK_BOT_TOKEN, clientOptions),
    pauses,
    logger: app.logger,
    backoffMs: tuning.dmBackoffMs,
  });
  const context: BoostContext = {
    dm,
    config,
    repos,
    clock,
    client,
    logger: app.logger,
    acksFirst,
    commits: new CommitGroup(repos.transaction),
    services: createServices(repos, config),
    updater: new MessageUpdater({
      publish: (requestId) => updateRequestMessage(context, pacedClient, requestId),
      workspaceOf: (requestId) => repos.requests.get(requestId)?.teamId,
      pauses,
      logger: app.logger,
      // Paced in real time, like the Home refresher: the pace is Slack's rate limit, not product time.
      minIntervalMs: tuning.messageUpdateIntervalMs,
    }),
    homes: new HomeRefresher({
      render: (teamId, userId, notices) => homeFor(context, teamId, userId, notices),
      send: async (userId, view) => {
        await pacedClient.views.publish({ user_id: userId, view });
      },
      pauses,
      logger: app.logger,
      minIntervalMs: tuning.homeRefreshIntervalMs,
    }),
  };
  registerListeners(app, context);
  const jobs = createJobs({
    repos,
    config,
    clock,
    logger: app.logger,
    sender: dm,
    updateMessage: (requestId) => context.updater.request(requestId),
    lookUpZone: (teamId, userId) => lookUpProfile(context, teamId, userId),
    retryPost: (request) => postRequest(context, request, { told: 'retry', announce: true }),
    tellRequester: (request) => tellRequesterUnposted(context, request),
  });
  app.error(async (error) => {
    app.logger.error(`Unhandled error in a listener: ${error.message}`);
  });

  let server: Server | undefined;
  return {
    app,
    context,
    database,
    jobs,
    refused,
    async start() {
      let port: number;
      if (receiver instanceof SocketModeReceiver) {
        socket = await startSocketMode(receiver, identity, {
          port: config.PORT,
          host: config.HOST,
          logger: app.logger,
          refused: (error) => refuse({ setting: 'SLACK_APP_TOKEN', code: slackErrorCode(error) }),
        });
        port = socket.port;
      } else {
        server = (await receiver.start({ port: config.PORT, host: config.HOST }, SERVER_OPTIONS)) as Server;
        limitServer(server, serverLimits);
        port = (server.address() as AddressInfo).port;
      }
      identity.start();
      if (runJobs) jobs.scheduler.start();
      return { port };
    },
    async stop() {
      identity.stop();
      await receiver.stop().catch(() => undefined);
      // Jobs stop claiming new work; messages already in flight finish and are recorded before the database closes.
      await jobs.scheduler.stop();
      context.homes.stop();
      // Replies still waiting for their turn go out now, before the database closes.
      acksFirst.releaseAll();
      await context.updater.flush();
      await checkpoints?.stop();
      database.close();
    },
  };
}
