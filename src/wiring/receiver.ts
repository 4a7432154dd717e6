import { App, HTTPReceiver, type Logger, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { BoostTuning } from '../app.ts';
import { type Config, isDistribution } from '../config.ts';
import type { Clock } from '../domain/types.ts';
import { healthRoute, readinessRoute } from '../http/health.ts';
import { holdUntilIdentityKnown } from '../http/identity-gate.ts';
import { BOT_SCOPES, installPages } from '../http/install-pages.ts';
import type { ServerLimits } from '../http/server-limits.ts';
import { answerUnprocessable, screenSlackRequests } from '../http/slack-edge.ts';
import { guardSocketModeRoutes } from '../http/socket-mode-guard.ts';
import { serveTrackedLinksFirst, trackedLinkRoute } from '../http/tracked-link.ts';
import { answerUnrouted } from '../http/unrouted.ts';
import { requestListenerOf, setRequestListener } from '../slack/bolt-internals.ts';
import type { BotIdentity } from '../slack/bot-identity.ts';
import type { ReplyGate } from '../slack/reply-gate.ts';
import type { Distribution } from './installations.ts';
import { boltLogging, type LateLogger } from './logging.ts';
import type { SlackLink } from './slack-link.ts';
import type { Storage } from './storage.ts';

export type BoostReceiver = HTTPReceiver | SocketModeReceiver;

/** How long a request may take to arrive and how many connections are held at once, on every server Boost runs. */
export function serverLimits(config: Config, tuning: BoostTuning, logger: ServerLimits['logger']): ServerLimits {
  return { maxConnections: config.MAX_CONNECTIONS, requestTimeoutMs: tuning.requestTimeoutMs, logger };
}

/**
 * What receives Slack's deliveries (over HTTP, or over Socket Mode's socket) and serves Boost's own routes: health,
 * readiness and the tracked-link redirect. Over HTTP, Boost's edge stands in front of Bolt.
 */
export function createReceiver(
  config: Config,
  deps: {
    storage: Storage;
    slack: SlackLink;
    clock: Clock;
    replyGate: ReplyGate;
    tuning: BoostTuning;
    limits: ServerLimits;
    routeLogger: LateLogger;
    logger: Logger | undefined;
    distribution: Distribution | undefined;
  },
): BoostReceiver {
  const { storage, slack, routeLogger } = deps;
  const trackedLinks = trackedLinkRoute({ links: storage.repos.links, clock: deps.clock, logger: routeLogger });
  // The tracked-link redirect comes first: Bolt tries custom routes in order, compiling each path, on every request
  // (over HTTP, links as Boost writes them are answered before that: serveTrackedLinksFirst).
  const customRoutes = [
    trackedLinks,
    healthRoute(storage.database.answers, slack.status),
    readinessRoute(storage.database.answers, slack.status),
  ];
  if (config.SOCKET_MODE) {
    const receiver = new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN ?? '',
      customRoutes,
      // apps.connections.open goes to SLACK_API_URL too (GovSlack, a local test server), not always slack.com.
      installerOptions: { port: config.PORT, clientOptions: { slackApiUrl: config.SLACK_API_URL } },
      ...boltLogging(config, deps.logger),
    });
    guardSocketModeRoutes(receiver, routeLogger, deps.limits);
    return receiver;
  }
  const receiver = new HTTPReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET,
    customRoutes,
    // Ack as soon as a listener calls ack(): Slack wants an answer within 3 seconds.
    processBeforeResponse: false,
    // A body Bolt cannot read as a Slack request is the sender's mistake: 400, not Bolt's default 500.
    processEventErrorHandler: answerUnprocessable,
    dispatchErrorHandler: answerUnrouted,
    unhandledRequestTimeoutMillis: deps.tuning.unackedDeliveryTimeoutMs,
    ...boltLogging(config, deps.logger),
    ...(deps.distribution ? oauthOptions(config, deps.distribution) : {}),
  });
  serveTrackedLinksFirst(receiver, trackedLinks);
  const handle = requestListenerOf(receiver);
  setRequestListener(receiver, (req, res) => {
    deps.replyGate.requestArrived();
    handle(req, res);
  });
  if (!isDistribution(config)) {
    holdUntilIdentityKnown(receiver, slack.identity, { waitMs: deps.tuning.slackCheck?.deliveryWaitMs ?? 2000 });
  }
  // Outermost: a request that cannot be Slack's is refused from its headers before anything else looks at it, and
  // outside the tracked links, so that a body sent to them is never waited for either.
  screenSlackRequests(receiver, routeLogger, { signingSecret: config.SLACK_SIGNING_SECRET });
  return receiver;
}

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/**
 * Distribution mode: Bolt's own OAuth support (@slack/oauth) serves the install page and Slack's redirect, with Boost's
 * installations, states and pages. Bolt then authorizes each delivery from the installations (no `authorize` below).
 */
function oauthOptions(config: Config, distribution: Distribution) {
  return {
    clientId: config.SLACK_CLIENT_ID,
    clientSecret: config.SLACK_CLIENT_SECRET,
    scopes: BOT_SCOPES.map(({ scope }) => scope),
    redirectUri: `${config.PUBLIC_BASE_URL}${REDIRECT_PATH}`,
    installationStore: distribution.installations,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      // The install page is Boost's own (what it is, which scopes and why), with the button to Slack on it.
      directInstall: false,
      stateStore: distribution.states,
      authorizationUrl: config.SLACK_AUTHORIZE_URL,
      clientOptions: distribution.oauthClientOptions,
      ...installPages(INSTALL_PATH, config.DEFAULT_LOCALE),
    },
  };
}

/** The Bolt app on that receiver. The bot token is Boost's own; the bot's ids come from `identity`. */
export function createBoltApp(
  config: Config,
  deps: { receiver: BoostReceiver; clientOptions: WebClientOptions; identity: BotIdentity; logger: Logger | undefined },
): App {
  const { identity } = deps;
  const app = new App({
    receiver: deps.receiver,
    clientOptions: deps.clientOptions,
    convoStore: false,
    ...boltLogging(config, deps.logger),
    // In distribution mode the receiver's installer authorizes each delivery (Bolt refuses an `authorize` beside it).
    ...(isDistribution(config) ? {} : { authorize: singleWorkspace(config, identity) }),
  });
  app.error(async (error) => {
    app.logger.error(`Unhandled error in a listener: ${error.message}`);
  });
  return app;
}

/**
 * Single-workspace mode: the one bot token. Given a token, Bolt checks it with auth.test before it serves anything, so
 * an unreachable Slack stopped Boost at start. The bot's ids come from BotIdentity instead, which asks in the
 * background; deliveries wait for them at the HTTP edge (holdUntilIdentityKnown), and the Socket Mode connection opens
 * only once they are known.
 */
function singleWorkspace(config: Config, identity: BotIdentity) {
  return async () => {
    const ids = identity.current;
    if (!ids) throw new Error("The bot's identity is not known yet: Slack has not answered auth.test");
    return { botToken: config.SLACK_BOT_TOKEN, botId: ids.botId, botUserId: ids.botUserId };
  };
}
