import { type BoostJobs, createJobs } from '../jobs/index.ts';
import type { BoostContext } from '../slack/context.ts';
import { lookUpProfile } from '../slack/profiles.ts';
import { postRequest, tellRequesterUnposted } from '../slack/request-publisher.ts';

/** Expiry, reminders, digests, retention and unposted requests, sharing the listeners' storage and senders. */
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
  });
}
