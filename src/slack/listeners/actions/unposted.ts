import type { BoostContext } from '../../context.ts';
import { postRequest } from '../../request-publisher.ts';
import { note } from '../../views/notes.ts';
import { actorOfClick, explainRefusal, requestIdOf } from '../actor.ts';
import type { ButtonArgs } from './opt-in.ts';

/** "Try again" on a request that could not be posted (for example after inviting the bot). */
export const retryPost =
  (ctx: BoostContext) =>
  async ({ ack, body, action, respond }: ButtonArgs) => {
    await ack();
    const request = ctx.repos.requests.get(requestIdOf(action));
    const actor = actorOfClick(ctx, body, action);
    if (!request || request.teamId !== actor.teamId) return explainRefusal(ctx, respond, 'not_found');
    if (request.requesterId !== actor.userId) return explainRefusal(ctx, respond, 'not_allowed');
    if (request.status !== 'open') return explainRefusal(ctx, respond, 'not_open');
    if (request.messageTs) {
      await ctx.acksFirst.wait();
      await respond({ replace_original: true, ...note(`Already posted in <#${request.channelId}>.`) });
      return;
    }
    // On failure postRequest sends a fresh explanation; this message then only needs to go away.
    const posted = await postRequest(ctx, request);
    await ctx.acksFirst.wait();
    await respond({
      replace_original: true,
      ...note(
        posted
          ? `:white_check_mark: Posted in <#${request.channelId}>.`
          : 'Still could not post it; see my newer message.',
      ),
    });
  };

/** "Cancel request" on a request that could not be posted: it is closed so it no longer counts as open. */
export const cancelUnposted =
  (ctx: BoostContext) =>
  async ({ ack, body, action, respond }: ButtonArgs) => {
    const result = ctx.service.cancelUnposted(requestIdOf(action), actorOfClick(ctx, body, action));
    await ack();
    if (!result.ok) return explainRefusal(ctx, respond, result.refusal);
    await ctx.acksFirst.wait();
    await respond({ replace_original: true, ...note('Request cancelled. Nothing was posted.') });
  };
