import { type BoostJobs, createJobs } from '../jobs/index.ts';
import type { BoostContext } from '../slack/context.ts';
import { storedLanguageOf } from '../slack/language.ts';
import { lookUpProfile } from '../slack/profiles.ts';
import { postRequest, tellRequesterUnposted } from '../slack/request-publisher.ts';
import { sendThanks } from '../slack/thanks-sender.ts';

/**
 * Expiry, reminders, digests, retention, unposted requests and unfinished thanks, sharing the listeners' storage and
 * senders.
 */
export function createBackgroundJobs(context: BoostContext): BoostJobs {
  return createJobs({
    repos: context.repos,
    config: context.config,
    clock: context.clock,
    logger: context.logger,
    sender: context.dm,
    updateMessage: (requestId) => context.updater.request(requestId),
    lookUpZone: (teamId, userId) => lookUpProfile(context, teamId, userId),
    retryPost: (request) => postRequest(context, request, { told: 'retry', announce: true }),
    tellRequester: (request) => tellRequesterUnposted(context, request),
    thanks: {
      thanks: context.services.thanks,
      send: async (batch, now) => {
        const { teamId, requesterId } = batch.request;
        const outcome = await sendThanks(context, batch, now, (userId) => storedLanguageOf(context, teamId, userId));
        context.homes.refresh(teamId, requesterId);
        for (const helper of batch.helpers) context.homes.refresh(teamId, helper.userId);
        return outcome;
      },
    },
  });
}
