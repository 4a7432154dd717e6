import { refusedTokenHint } from '../config.ts';
import { type PostFailure, retryDelayMs, shouldTellRequester } from '../domain/posting.ts';
import type { BoostRequest } from '../domain/types.ts';
import type { BoostContext } from './context.ts';
import { updateRemovedMessage } from './forget.ts';
import { languageOf, workspaceLanguage } from './language.ts';
import { classifySlackFailure, postFailureOf, slackErrorCode } from './slack-errors.ts';
import { postedLaterMessage, unpostedMessage } from './views/posting-notes.ts';
import { MAX_PUBLIC_NAMES, requestMessage, type SlackMessage } from './views/request-message.ts';

/** The request message as it should look now, read fresh from the database. */
export async function currentRequestMessage(ctx: BoostContext, request: BoostRequest): Promise<SlackMessage> {
  // One name more than shown, so the message can say there are more.
  return requestMessage(workspaceLanguage(ctx.config), {
    request,
    ...(await ctx.services.overview.publicState(request.id, MAX_PUBLIC_NAMES + 1)),
  });
}

export interface PostAttempt {
  /** The failure the requester was last told about, so an automatic retry failing alike tells them nothing new. */
  told?: PostFailure;
  /** Tell the requester when this attempt posts it (a retry the tick made on its own). */
  announce?: boolean;
}

/**
 * Posts a request in its channel; the caller holds this attempt's claim (state `posting`, see domain/posting.ts).
 * On failure the request stays saved and unseen by others, Boost records whether and when it tries again, and the
 * requester gets a direct message saying what happens next, with Try again and Cancel.
 */
export async function postRequest(
  ctx: BoostContext,
  request: BoostRequest,
  attempt: PostAttempt = {},
): Promise<'posted' | PostFailure> {
  try {
    const { bot } = await ctx.slack.forTeam(request.teamId);
    const posted = await bot.chat.postMessage({
      channel: request.channelId,
      ...(await currentRequestMessage(ctx, request)),
    });
    if (posted.ts) await ctx.repos.requests.setMessageTs(request.id, posted.channel ?? request.channelId, posted.ts);
    await afterPosted(ctx, request.id, attempt);
    return 'posted';
  } catch (error) {
    const reason = slackErrorCode(error);
    const failure = postFailureOf(error);
    const retryAt = failure === 'retry' ? ctx.clock() + retryDelayMs(request.postAttempts) : null;
    await ctx.repos.requests.recordPostFailure(request.id, { failure, error: reason, retryAt });
    const next = retryAt === null ? '' : `; trying again at ${new Date(retryAt).toISOString()}`;
    ctx.logger.warn(`Could not post request ${request.id} in ${request.channelId}: ${reason}${next}`);
    ctx.homes.requestChanged(request);
    if (shouldTellRequester(failure, attempt.told)) {
      const now = await ctx.repos.requests.get(request.id);
      if (now && !now.messageTs) await tellRequesterUnposted(ctx, now);
    }
    return failure;
  }
}

async function afterPosted(ctx: BoostContext, requestId: number, attempt: PostAttempt): Promise<void> {
  const request = await ctx.repos.requests.get(requestId);
  if (!request) return;
  ctx.homes.requestChanged(request);
  // Cancelled while the post was on its way: the message shows it closed rather than taking help.
  if (request.status !== 'open') ctx.updater.request(request.id);
  if (!attempt.announce) return;
  try {
    const language = await languageOf(ctx, request.teamId, request.requesterId);
    const { bot } = await ctx.slack.forTeam(request.teamId);
    await bot.chat.postMessage({ channel: request.requesterId, ...postedLaterMessage(language, request) });
  } catch (error) {
    ctx.logger.warn(
      `Could not tell ${request.requesterId} that request ${request.id} is posted: ${slackErrorCode(error)}`,
    );
  }
}

/**
 * Tells the requester why their request is not in its channel. When that message certainly did not reach them and
 * the cause passes, the minute tick tries again later; their App Home and `/boost mine` say it meanwhile.
 */
export async function tellRequesterUnposted(ctx: BoostContext, request: BoostRequest): Promise<void> {
  try {
    const language = await languageOf(ctx, request.teamId, request.requesterId);
    const { bot } = await ctx.slack.forTeam(request.teamId);
    await bot.chat.postMessage({ channel: request.requesterId, ...unpostedMessage(language, request) });
    await ctx.repos.requests.setNoticeDue(request.id, null);
  } catch (dmError) {
    const again = postFailureOf(dmError) === 'retry';
    await ctx.repos.requests.setNoticeDue(request.id, again ? ctx.clock() + retryDelayMs(request.postAttempts) : null);
    const hint =
      classifySlackFailure(dmError) === 'auth' ? `; Slack refused the token: ${refusedTokenHint(ctx.config)}` : '';
    const later = again ? ' Boost will tell them later.' : '';
    ctx.logger.error(
      `Could not tell ${request.requesterId} about request ${request.id}: ${slackErrorCode(dmError)}${hint}. The request stays saved, unposted.${later}`,
    );
  }
}

/** Sends the current state of a request's message; used by the coalescing updater, with its workspace's paced client. */
export async function updateRequestMessage(ctx: BoostContext, requestId: number): Promise<void> {
  const request = await ctx.repos.requests.get(requestId);
  if (!request) return updateRemovedMessage(ctx, requestId);
  if (!request.messageTs) return;
  const { paced } = await ctx.slack.forTeam(request.teamId);
  await paced.chat.update({
    channel: request.channelId,
    ts: request.messageTs,
    ...(await currentRequestMessage(ctx, request)),
  });
}
