import type { App, Logger } from '@slack/bolt';
import type { Config } from './config.ts';
import type { BoostDatabase } from './db/connection.ts';
import { type Clock, systemClock } from './domain/types.ts';
import type { BoostJobs } from './jobs/index.ts';
import type { SlackCheckTuning } from './slack/bot-identity.ts';
import type { BoostContext } from './slack/context.ts';
import { registerListeners } from './slack/listeners/index.ts';
import { ReplyGate } from './slack/reply-gate.ts';
import { createBackgroundJobs } from './wiring/background-jobs.ts';
import { openDistribution, resumeWorkOnInstall, workspaceClients } from './wiring/installations.ts';
import { lifecycle } from './wiring/lifecycle.ts';
import { createContext } from './wiring/listener-context.ts';
import { LateLogger } from './wiring/logging.ts';
import { createBoltApp, createReceiver, serverLimits } from './wiring/receiver.ts';
import { webApiOptions } from './wiring/slack-clients.ts';
import { watchSlack } from './wiring/slack-link.ts';
import { openStorage, type Storage } from './wiring/storage.ts';

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
  /** Pause before the first of those retries, doubling for each next one (default 200 ms). */
  webApiRetryMinMs?: number;
  /** Least time between two updates of one request message (default 1 s). */
  messageUpdateIntervalMs?: number;
  /** Least time between two publishes of one person's Home (default 3 s). */
  homeRefreshIntervalMs?: number;
  /** Pacing of auth.test while Slack cannot be reached, and how long a delivery waits for the bot's ids (2 s). */
  slackCheck?: SlackCheckTuning & { deliveryWaitMs?: number };
  /** The longest a private reply is held back while requests keep arriving (default 1 s; reply-gate.ts). */
  replyMaxWaitMs?: number;
  /** First pause before a direct message is tried again after a failure that is safe to retry (default 500 ms). */
  dmBackoffMs?: number;
  /** The longest an HTTP request may take to arrive, headers and body (default 15 s). */
  requestTimeoutMs?: number;
  /** How long a delivery no listener acknowledges waits before Bolt answers 404 (Bolt's default 3 s). */
  unackedDeliveryTimeoutMs?: number;
  /** How long a button's click may wait on the database before it is acknowledged anyway (default 2.5 s). */
  clickAnswerDeadlineMs?: number;
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
  /** SQLite's (the default), or PostgreSQL's when DATABASE_URL is set. */
  database: Storage['database'];
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

/** Boost on SQLite (no DATABASE_URL), whose database file tests and benchmarks may read directly. */
export type SqliteBoost = Boost & { database: BoostDatabase };

export const runsOnSqlite = (boost: Boost): boost is SqliteBoost => 'sqlite' in boost.database;

/** Builds Boost from its settings without starting it; index.ts starts it, tests build it against a fake Slack. */
export function createBoost(options: BoostOptions): Boost {
  const { config, clock = systemClock, logger, runJobs = true, tuning = {} } = options;
  const routeLogger = new LateLogger();
  const storage = openStorage(config, routeLogger);
  const clientOptions = webApiOptions(config, tuning, logger);
  const slack = watchSlack(config, {
    clientOptions,
    // The identity saved at an earlier start is read once the database is migrated (PostgreSQL migrates in start()).
    saved: {
      ...storage.repos.botIdentities,
      find: async (key) => {
        await storage.migrated;
        return storage.repos.botIdentities.find(key);
      },
    },
    clock,
    logger: routeLogger,
    tuning,
    given: options.identity,
  });
  const distribution = openDistribution(config, { db: storage.db, clock, logger: routeLogger, clientOptions });
  const replyGate = new ReplyGate({ maxWaitMs: tuning.replyMaxWaitMs });
  const limits = serverLimits(config, tuning, routeLogger);
  const receiver = createReceiver(config, {
    storage,
    slack,
    clock,
    replyGate,
    tuning,
    limits,
    routeLogger,
    logger,
    distribution,
  });
  const app = createBoltApp(config, { receiver, clientOptions, identity: slack.identity, logger });
  routeLogger.attach(app.logger);
  const context = createContext({
    config,
    repos: storage.repos,
    updateRepos: storage.updateRepos,
    clock,
    slack: workspaceClients(config, distribution, clientOptions),
    installations: distribution?.installations,
    replyGate,
    logger: app.logger,
    tuning,
  });
  registerListeners(app, context, { clickAnswerDeadlineMs: tuning.clickAnswerDeadlineMs });
  if (distribution) resumeWorkOnInstall(distribution, context);
  const jobs = createBackgroundJobs(context);
  return {
    app,
    context,
    database: storage.database,
    jobs,
    refused: slack.refused,
    ...lifecycle(config, { receiver, limits, slack, storage, context, jobs, runJobs, distribution }),
  };
}
