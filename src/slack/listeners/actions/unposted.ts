import { POST_LEASE_MS, postStateOf } from '../../../domain/posting.ts';
import type { BoostRequest } from '../../../domain/types.ts';
import type { Refusal } from '../../../services/requests.ts';
import type { BoostContext } from '../../context.ts';
import { postRequest } from '../../request-publisher.ts';
import { showChange } from '../../show-change.ts';
import { note, refusalNote } from '../../views/notes.ts';
import { actorOfClick, explainRefusal, requestIdOf } from '../actor.ts';
import type { ButtonArgs } from './opt-in.ts';

// Try again and Cancel on a request that is not in its channel yet: in the direct message about it, in `/boost mine`,
// and on the requester's App Home (which has no response_url: it answers with a note on the refreshed Home).

const onHome = (body: ButtonArgs['body']) => body.container?.type === 'view';

/** Answers the click where it was made: replacing the message clicked, or with a note on the Home. */
async function answer(ctx: BoostContext, { body, respond }: ButtonArgs, text: string): Promise<void> {
  if (onHome(body)) {
    ctx.homes.opened(body.team?.id ?? body.user.team_id ?? '', body.user.id, { notice: text });
    return;
  }
  await ctx.acksFirst.wait();
  await respond({ replace_original: true, ...note(text) });
}

async function refuse(ctx: BoostContext, args: ButtonArgs, refusal: Refusal): Promise<void> {
  if (!onHome(args.body)) return explainRefusal(ctx, args.respond, refusal);
  if (refusal !== 'duplicate')
    await answer(ctx, args, refusalNote(refusal, ctx.config.MAX_OPEN_REQUESTS_PER_USER).text);
}

/** "Try again" on a request that could not be posted (for example after inviting the bot). */
export const retryPost = (ctx: BoostContext) => async (args: ButtonArgs) => {
  const { ack, body, action } = args;
  await ack();
  const request = ctx.repos.requests.get(requestIdOf(action));
  const actor = actorOfClick(ctx, body, action);
  if (!request || request.teamId !== actor.teamId) return refuse(ctx, args, 'not_found');
  if (request.requesterId !== actor.userId) return refuse(ctx, args, 'not_allowed');
  if (request.status !== 'open') return refuse(ctx, args, 'not_open');
  if (request.messageTs) return answer(ctx, args, `Already posted in <#${request.channelId}>.`);
  const claimed = ctx.repos.requests.claimPostForRequester(request.id, actor.now, actor.now + POST_LEASE_MS);
  if (!claimed) return answer(ctx, args, `I'm posting it in <#${request.channelId}> right now.`);
  // On failure postRequest sends a fresh explanation; this message then only needs to go away.
  const outcome = await postRequest(ctx, claimed);
  await answer(
    ctx,
    args,
    outcome === 'posted'
      ? `:white_check_mark: Posted in <#${request.channelId}>.`
      : 'Still could not post it; see my newer message.',
  );
};

/** "Cancel request" on a request that could not be posted: it is closed so it no longer counts as open. */
export const cancelUnposted = (ctx: BoostContext) => async (args: ButtonArgs) => {
  const { ack, body, action } = args;
  const result = ctx.service.cancelUnposted(requestIdOf(action), actorOfClick(ctx, body, action));
  await ack();
  if (!result.ok) return refuse(ctx, args, result.refusal);
  // Found in its channel meanwhile (a click on a post that did land): its message now says it is closed.
  showChange(ctx, result.value, body.user.id);
  await answer(ctx, args, cancelledNote(result.value));
};

function cancelledNote(request: BoostRequest): string {
  if (request.messageTs) return 'Request closed.';
  if (postStateOf(request) === 'unconfirmed') {
    return 'Request cancelled. If its message did reach the channel, it no longer takes help.';
  }
  return 'Request cancelled. Nothing was posted.';
}
