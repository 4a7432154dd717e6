import type { BoostRequest, Participation } from '../domain/types.ts';
import type { BoostContext } from './context.ts';
import { optInReply } from './views/opt-in-reply.ts';
import type { SlackMessage } from './views/request-message.ts';

/** The helper's private reply for their current state, with share links built for this request. */
export async function privateReply(
  ctx: BoostContext,
  request: BoostRequest,
  participation: Participation,
): Promise<SlackMessage> {
  return optInReply({
    request,
    participation,
    ...(await ctx.services.shareKit.forHelper(request, participation, ctx.clock())),
  });
}
