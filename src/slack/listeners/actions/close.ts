import { isAdmin } from '../../admins.ts';
import type { BoostContext } from '../../context.ts';
import { refreshRequestEverywhere } from '../../refresh-request-everywhere.ts';
import { actorOfClick, explainRefusal, requestIdOf } from '../actor.ts';
import type { ButtonArgs } from '../args.ts';

/** "Close": only the requester or an admin; the message then shows its final figures and no buttons. */
export const closeRequest = (ctx: BoostContext) => async (args: ButtonArgs) => {
  const { ack, body, action } = args;
  const requestId = requestIdOf(action);
  const actor = actorOfClick(ctx, body, action);
  let result = await ctx.services.requests.close(requestId, actor);
  await ack();
  // Admin status came from the cache, so the ack never waited on users.info; now Slack may be asked, and a Slack
  // admin unknown to the cache gets the request closed after all (its result shows on the message, or as a note).
  if (!result.ok && result.refusal === 'not_allowed' && (await isAdmin(ctx, actor.teamId, actor.userId))) {
    result = await ctx.services.requests.close(requestId, { ...actor, now: ctx.clock() });
  } else if (result.ok && result.value.requesterId !== actor.userId) {
    // Refreshes a stale cached admin flag for next time.
    ctx.deliveries.later('refresh an admin flag', () => isAdmin(ctx, actor.teamId, actor.userId));
  }
  if (!result.ok) return explainRefusal(ctx, args, result.refusal);
  refreshRequestEverywhere(ctx, result.value, body.user.id);
};
