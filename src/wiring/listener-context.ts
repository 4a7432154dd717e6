import type { Logger } from '@slack/bolt';
import type { BoostTuning } from '../app.ts';
import { type Config, refusedTokenHint } from '../config.ts';
import type { Repositories } from '../db/repositories/index.ts';
import type { Clock } from '../domain/types.ts';
import { MessageUpdater } from '../jobs/message-updater.ts';
import { PACED_KINDS, pacedWorkOf, SharedPauses } from '../pacing/store.ts';
import { createServices } from '../services/index.ts';
import type { BoostContext } from '../slack/context.ts';
import { DmSender } from '../slack/dm-sender.ts';
import { homeFor } from '../slack/home.ts';
import { HomeRefresher } from '../slack/home-refresher.ts';
import type { Installations } from '../slack/installations.ts';
import { DeliveriesInFlight } from '../slack/listeners/deliveries-in-flight.ts';
import type { ReplyGate } from '../slack/reply-gate.ts';
import { updateRequestMessage } from '../slack/request-publisher.ts';
import type { WorkspaceClients } from '../slack/workspace-clients.ts';

/** What every listener may use: settings, storage, the use cases, and the senders that keep Slack current. */
export function createContext(deps: {
  config: Config;
  repos: Repositories;
  /** What message updates read and pace through (see Storage.updateRepos). */
  updateRepos: Repositories;
  clock: Clock;
  slack: WorkspaceClients;
  installations: Installations | undefined;
  replyGate: ReplyGate;
  logger: Logger;
  tuning: BoostTuning;
}): BoostContext {
  const { config, repos, slack, logger, tuning } = deps;
  // Shared through the database: a Retry-After that one instance gets holds back every instance.
  const pauses = new SharedPauses(repos, logger);
  const { updateRepos } = deps;
  const updatePauses = updateRepos === repos ? pauses : new SharedPauses(updateRepos, logger);
  // The message updater's view of the context: the same, reading through its own repositories.
  let updateContext: BoostContext | undefined;
  const updating = () =>
    (updateContext ??=
      updateRepos === repos
        ? context
        : { ...context, repos: updateRepos, services: createServices(updateRepos, config) });
  const context: BoostContext = {
    dm: new DmSender({
      clientFor: async (teamId) => (await slack.forTeam(teamId)).directMessages,
      pauses,
      logger,
      backoffMs: tuning.dmBackoffMs,
    }),
    config,
    repos,
    clock: deps.clock,
    slack,
    installations: deps.installations,
    logger,
    replyGate: deps.replyGate,
    deliveries: new DeliveriesInFlight(logger),
    services: createServices(repos, config),
    updater: new MessageUpdater({
      publish: (requestId) => updateRequestMessage(updating(), requestId),
      workspaceOf: async (requestId) => (await updateRepos.requests.get(requestId))?.teamId,
      pauses: updatePauses,
      store: pacedWorkOf(updateRepos, PACED_KINDS.messageUpdate),
      logger,
      refusedTokenHint: refusedTokenHint(config),
      // Paced in real time, like the Home refresher: the pace is Slack's rate limit, not product time.
      minIntervalMs: tuning.messageUpdateIntervalMs,
    }),
    homes: new HomeRefresher({
      render: (teamId, userId, notices) => homeFor(context, teamId, userId, notices),
      send: async (teamId, userId, view) => {
        const { paced } = await slack.forTeam(teamId);
        await paced.views.publish({ user_id: userId, view });
      },
      pauses,
      store: pacedWorkOf(repos, PACED_KINDS.homePublish),
      logger,
      minIntervalMs: tuning.homeRefreshIntervalMs,
    }),
  };
  return context;
}
