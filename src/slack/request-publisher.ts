import type { WebClient } from '@slack/web-api';
import type { BoostRequest } from '../domain/types.ts';
import type { BoostContext } from './context.ts';
import { updateRemovedMessage } from './forget.ts';
import { classifySlackFailure, slackErrorCode } from './slack-errors.ts';
import { unpostedMessage } from './views/notes.ts';
import { MAX_PUBLIC_NAMES, requestMessage, type SlackMessage } from './views/request-message.ts';

/** The request message as it should look now, read fresh from the database. */
export function currentRequestMessage(ctx: BoostContext, request: BoostRequest): SlackMessage {
  return requestMessage({
    request,
    counts: ctx.repos.participations.counts(request.id),
    publicHelpers: ctx.repos.participations.publicNames(request.id, MAX_PUBLIC_NAMES + 1),
    clicks: ctx.repos.links.totalClicks(request.id),
  });
}

/**
 * Posts a new request in its channel. When Slack refuses (bot not in the channel, private, archived), the request stays
 * saved and its requester gets a direct message saying what to do, with a button to try again.
 */
export async function postRequest(ctx: BoostContext, request: BoostRequest): Promise<boolean> {
  try {
    const posted = await ctx.client.chat.postMessage({
      channel: request.channelId,
      ...currentRequestMessage(ctx, request),
    });
    if (posted.ts) ctx.repos.requests.setMessageTs(request.id, posted.channel ?? request.channelId, posted.ts);
    return true;
  } catch (error) {
    const reason = slackErrorCode(error);
    ctx.logger.warn(`Could not post request ${request.id} in ${request.channelId}: ${reason}`);
    try {
      await ctx.client.chat.postMessage({ channel: request.requesterId, ...unpostedMessage(request, reason) });
    } catch (dmError) {
      const hint = classifySlackFailure(dmError) === 'auth' ? '; Slack refused the token: check SLACK_BOT_TOKEN' : '';
      ctx.logger.error(
        `Could not tell ${request.requesterId} about request ${request.id}: ${slackErrorCode(dmError)}${hint}. The request stays saved, unposted.`,
      );
    }
    return false;
  }
}

/** Sends the current state of a request's message; used by the coalescing updater with its own client. */
export async function updateRequestMessage(ctx: BoostContext, client: WebClient, requestId: number): Promise<void> {
  const request = ctx.repos.requests.get(requestId);
  if (!request) return updateRemovedMessage(ctx, client, requestId);
  if (!request.messageTs) return;
  await client.chat.update({
    channel: request.channelId,
    ts: request.messageTs,
    ...currentRequestMessage(ctx, request),
  });
}
