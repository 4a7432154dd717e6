import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from './config.ts';
import { checkpointInBackground } from './db/checkpointer.ts';
import { CommitGroup } from './db/commit-group.ts';
import { type Database_, openDatabase } from './db/connection.ts';
import { createRepositories } from './db/repositories/index.ts';
import { type Clock, systemClock } from './domain/types.ts';
import { healthRoute } from './http/health.ts';
import { answerUnprocessable, screenSlackRequests } from './http/slack-edge.ts';
import { guardSocketModeRoutes } from './http/socket-mode-guard.ts';
import { serveTrackedLinksFirst, trackedLinkRoute } from './http/tracked-link.ts';
import { type BoostJobs, createJobs } from './jobs/index.ts';
import { MessageUpdater } from './jobs/message-updater.ts';
import { createServices } from './services/index.ts';
import { AcksFirst } from './slack/acks-first.ts';
import type { BoostContext } from './slack/context.ts';
import { DmSender, dmClient } from './slack/dm-sender.ts';
import { homeFor } from './slack/home.ts';
import { HomeRefresher } from './slack/home-refresher.ts';
import { registerListeners } from './slack/listeners/index.ts';
import { lookUpProfile } from './slack/profiles.ts';
import { postRequest, tellRequesterUnposted, updateRequestMessage } from './slack/request-publisher.ts';
import { classifySlackFailure, mayHaveBeenApplied, retryAfterMs, slackErrorCode } from './slack/slack-errors.ts';
import { slackFetch } from './slack/slack-fetch.ts';

export interface BoostOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** Whether start() also starts the minute tick of the background jobs (default true). */
  runJobs?: boolean;
  /** Web API and pacing knobs; production keeps the defaults, tests shorten them to exercise timeouts quickly. */
  tuning?: BoostTuning;
  /** The bot's ids, when known in advance (tests against a fake Slack): start() then skips checking the token. */
  identity?: { botId: string; botUserId: string };
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
}

export interface Boost {
  app: App;
  context: BoostContext;
  database: Database_;
  /** Expiry, reminders and the weekly digest; tests call `jobs.<name>.runOnce(now)` instead of waiting for a tick. */
  jobs: BoostJobs;
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
  identity,
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
    warn: (...messages: unknown[]) => app.logger.warn(...messages),
    error: (...messages: unknown[]) => app.logger.error(...messages),
  };
  const trackedLinks = trackedLinkRoute({ links: repos.links, clock, logger: routeLogger });
  // The tracked-link redirect comes first: Bolt tries custom routes in order, compiling each path, on every request
  // (over HTTP, links as Boost writes them are answered before that: serveTrackedLinksFirst).
  const customRoutes = [trackedLinks, healthRoute(database.sqlite)];
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
        // A body Bolt cannot read as a Slack request is the sender's mistake: 400, not Bolt's default 500.
        processEventErrorHandler: answerUnprocessable,
        logLevel,
        ...(logger ? { logger } : {}),
      });
  const acksFirst = new AcksFirst();
  if (receiver instanceof SocketModeReceiver) guardSocketModeRoutes(receiver, routeLogger);
  else {
    screenSlackRequests(receiver, routeLogger, { signingSecret: config.SLACK_SIGNING_SECRET });
    serveTrackedLinksFirst(receiver, trackedLinks);
    const handle = receiver.requestListener;
    receiver.requestListener = (req, res) => {
      acksFirst.requestArrived();
      handle(req, res);
    };
  }
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    receiver,
    clientOptions,
    convoStore: false,
    logLevel,
    ...(logger ? { logger } : {}),
    // Bolt would otherwise call auth.test right here, with nothing awaiting it: a Slack that cannot be reached at start
    // then crashed the process with an unhandled rejection. start() runs that check and fails with it instead.
    deferInitialization: true,
    ...(identity ? { botId: identity.botId, botUserId: identity.botUserId, tokenVerificationEnabled: false } : {}),
  });

  // Message updates use their own client that hands rate limits back to the updater, which coalesces while it waits.
  const updaterClient = new WebClient(config.SLACK_BOT_TOKEN, {
    ...clientOptions,
    rejectRateLimitedCalls: true,
  });
  // Direct messages (digests, reminders) share one rate-aware sender with its own client that hands rate limits back.
  const dm = new DmSender({ client: dmClient(config.SLACK_BOT_TOKEN, clientOptions), logger: app.logger });
  const context: BoostContext = {
    dm,
    config,
    repos,
    clock,
    client: app.client,
    logger: app.logger,
    acksFirst,
    commits: new CommitGroup(repos.transaction),
    services: createServices(repos, config),
    updater: new MessageUpdater({
      publish: (requestId) => updateRequestMessage(context, updaterClient, requestId),
      retryAfterMs,
      classify: classifySlackFailure,
      describe: slackErrorCode,
      logger: app.logger,
      // Paced in real time, like the Home refresher: the pace is Slack's rate limit, not product time.
      minIntervalMs: tuning.messageUpdateIntervalMs,
    }),
    homes: new HomeRefresher({
      render: (teamId, userId, notices) => homeFor(context, teamId, userId, notices),
      send: async (userId, view) => {
        await app.client.views.publish({ user_id: userId, view });
      },
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
    async start() {
      // Checks the bot token with auth.test (unless the ids were given) before taking any request.
      await app.init();
      if (config.SOCKET_MODE) {
        await app.start();
        if (runJobs) jobs.scheduler.start();
        return { port: config.PORT };
      }
      server = (await (receiver as HTTPReceiver).start({ port: config.PORT, host: config.HOST })) as Server;
      if (runJobs) jobs.scheduler.start();
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
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
