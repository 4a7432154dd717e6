import type { BoostRequest, Participation } from '../domain/types.ts';
import type { BoostContext } from './context.ts';
import { disclosureIn, languageOf } from './language.ts';
import { optInReply } from './views/opt-in-reply.ts';
import type { SlackMessage } from './views/request-message.ts';

/** The helper's private reply for their current state, in their language, with share links built for this request. */
export async function privateReply(
  ctx: BoostContext,
  request: BoostRequest,
  participation: Participation,
): Promise<SlackMessage> {
  const language = await languageOf(ctx, request.teamId, participation.userId);
  const disclosure = disclosureIn(ctx.config, language);
  const kit = await ctx.services.shareKit.forHelper(request, participation, ctx.clock(), disclosure);
  return optInReply(language, { request, participation, ...kit });
}
