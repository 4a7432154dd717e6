import type { Logger } from '@slack/bolt';
import type { BoostTuning } from '../app.ts';
import type { Config } from '../config.ts';
import type { Repositories } from '../db/repositories/index.ts';
import type { Clock } from '../domain/types.ts';
import { MessageUpdater } from '../jobs/message-updater.ts';
import { MemoryPauses } from '../pacing/store.ts';
import { createServices } from '../services/index.ts';
import type { BoostContext } from '../slack/context.ts';
import { DmSender } from '../slack/dm-sender.ts';
import { homeFor } from '../slack/home.ts';
import { HomeRefresher } from '../slack/home-refresher.ts';
import type { ReplyGate } from '../slack/reply-gate.ts';
import { updateRequestMessage } from '../slack/request-publisher.ts';
import type { SlackClients } from './slack-clients.ts';

/** What every listener may use: settings, storage, the use cases, and the senders that keep Slack current. */
export function createContext(deps: {
  config: Config;
  repos: Repositories;
  clock: Clock;
  clients: SlackClients;
  replyGate: ReplyGate;
  logger: Logger;
  tuning: BoostTuning;
}): BoostContext {
  const { config, repos, clients, logger, tuning } = deps;
  const pauses = new MemoryPauses();
  const context: BoostContext = {
    dm: new DmSender({ client: clients.directMessages, pauses, logger, backoffMs: tuning.dmBackoffMs }),
    config,
    repos,
    clock: deps.clock,
    client: clients.bot,
    logger,
    replyGate: deps.replyGate,
    services: createServices(repos, config),
    updater: new MessageUpdater({
      publish: (requestId) => updateRequestMessage(context, clients.paced, requestId),
      workspaceOf: async (requestId) => (await repos.requests.get(requestId))?.teamId,
      pauses,
      logger,
      // Paced in real time, like the Home refresher: the pace is Slack's rate limit, not product time.
      minIntervalMs: tuning.messageUpdateIntervalMs,
    }),
    homes: new HomeRefresher({
      render: (teamId, userId, notices) => homeFor(context, teamId, userId, notices),
      send: async (userId, view) => {
        await clients.paced.views.publish({ user_id: userId, view });
      },
      pauses,
      logger,
      minIntervalMs: tuning.homeRefreshIntervalMs,
    }),
  };
  return context;
}
