import { postStateOf } from '../../../domain/posting.ts';
import type { BoostRequest } from '../../../domain/types.ts';
import { type Language, t } from '../../../i18n/index.ts';
import type { BoostContext } from '../../context.ts';
import type { Words } from '../../language.ts';
import { refreshRequestEverywhere } from '../../refresh-request-everywhere.ts';
import { postRequest } from '../../request-publisher.ts';
import { actorOfClick, answerClick, explainRefusal, requestIdOf } from '../actor.ts';
import type { ButtonArgs } from '../args.ts';

// Try again and Cancel on a request that is not in its channel yet: in the direct message about it, in `/boost mine`,
// and on the requester's App Home. Each answers where it was clicked, replacing the message clicked.

const answer = (ctx: BoostContext, args: ButtonArgs, words: Words) => answerClick(ctx, args, words, { replace: true });

/** "Try again" on a request that could not be posted (for example after inviting the bot). */
export const retryPost = (ctx: BoostContext) => async (args: ButtonArgs) => {
  const { ack, body, action } = args;
  await ack();
  const retry = await ctx.services.requests.retryPost(requestIdOf(action), actorOfClick(ctx, body, action));
  if (!retry.ok) return explainRefusal(ctx, args, retry.refusal);
  const { state, request } = retry.value;
  const channel = `<#${request.channelId}>`;
  if (state === 'posted') return answer(ctx, args, (language) => t(language, 'unposted.alreadyPosted', { channel }));
  if (state === 'posting') return answer(ctx, args, (language) => t(language, 'unposted.posting', { channel }));
  // On failure postRequest sends a fresh explanation; this message then only needs to go away.
  const outcome = await postRequest(ctx, request);
  await answer(ctx, args, (language) =>
    outcome === 'posted' ? t(language, 'unposted.postedNow', { channel }) : t(language, 'unposted.stillNot'),
  );
};

/** "Cancel request" on a request that could not be posted: it is closed so it no longer counts as open. */
export const cancelUnposted = (ctx: BoostContext) => async (args: ButtonArgs) => {
  const { ack, body, action } = args;
  const result = await ctx.services.requests.cancelUnposted(requestIdOf(action), actorOfClick(ctx, body, action));
  await ack();
  if (!result.ok) return explainRefusal(ctx, args, result.refusal);
  // Found in its channel meanwhile (a click on a post that did land): its message now says it is closed.
  refreshRequestEverywhere(ctx, result.value, body.user.id);
  const cancelled = result.value;
  await answer(ctx, args, (language) => cancelledNote(language, cancelled));
};

function cancelledNote(language: Language, request: BoostRequest): string {
  if (request.messageTs) return t(language, 'unposted.closed');
  if (postStateOf(request) === 'unconfirmed') return t(language, 'unposted.cancelledUnconfirmed');
  return t(language, 'unposted.cancelled');
}
