import type { WebClientOptions } from '@slack/web-api';
import type { BoostOptions, BoostTuning, TokenRefusal } from '../app.ts';
import type { Config } from '../config.ts';
import type { Repositories } from '../db/repositories/index.ts';
import type { Clock } from '../domain/types.ts';
import type { SlackStatus } from '../http/health.ts';
import { BotIdentity, type BotIdentityOptions, botIdentityFor } from '../slack/bot-identity.ts';
import { slackErrorCode } from '../slack/slack-errors.ts';
import type { SocketModeSession } from '../slack/socket-mode.ts';

/** What Boost knows of Slack as it runs: the bot's ids, whether Slack answers, whether it refused a token. */
export interface SlackLink {
  identity: BotIdentity;
  /** For the health and readiness checks. */
  status: SlackStatus;
  /** Settles if Slack refuses the bot token (or, in Socket Mode, the app token). */
  refused: Promise<TokenRefusal>;
  refuse(refusal: TokenRefusal): void;
  /** In Socket Mode, deliveries are served only while this session's socket is open. */
  socketStarted(session: SocketModeSession): void;
}

/** Distribution mode: serving never waits for auth.test, and no one token can be refused for the whole of Boost. */
function watchInstallations(): SlackLink {
  const identity = BotIdentity.given({ teamId: '', botId: '', botUserId: '' });
  return {
    identity,
    status: { reached: () => true, serving: () => true },
    refused: new Promise<TokenRefusal>(() => undefined),
    refuse: () => undefined,
    socketStarted: () => undefined,
  };
}

export function watchSlack(
  config: Config,
  deps: {
    clientOptions: WebClientOptions;
    saved: Repositories['botIdentities'];
    clock: Clock;
    logger: BotIdentityOptions['logger'];
    tuning: BoostTuning;
    given: BoostOptions['identity'];
  },
): SlackLink {
  // In distribution mode there is no one bot: each installation carries its bot's ids, from the OAuth exchange.
  const token = config.SLACK_BOT_TOKEN;
  if (token === undefined) return watchInstallations();
  const identity = botIdentityFor({
    token,
    clientOptions: deps.clientOptions,
    saved: deps.saved,
    clock: deps.clock,
    logger: deps.logger,
    tuning: deps.tuning.slackCheck,
    given: deps.given,
  });
  let socket: SocketModeSession | undefined;
  const status: SlackStatus = {
    reached: () => identity.slackReached,
    serving: () => identity.current !== undefined && (!config.SOCKET_MODE || socket?.connected() === true),
  };
  let refuse: (refusal: TokenRefusal) => void = () => undefined;
  const refused = new Promise<TokenRefusal>((resolve) => {
    refuse = resolve;
  });
  void identity.refused.then((error) => refuse({ setting: 'SLACK_BOT_TOKEN', code: slackErrorCode(error) }));
  return {
    identity,
    status,
    refused,
    refuse: (refusal) => refuse(refusal),
    socketStarted: (session) => {
      socket = session;
    },
  };
}
