import type { Actor, Outcome, ParticipationResult } from '../../../services/requests.ts';
import type { BoostContext } from '../../context.ts';
import { recoverPostFromClick } from '../../recover-post-from-click.ts';
import { refreshRequestEverywhere } from '../../refresh-request-everywhere.ts';
import { actorOfClick, explainRefusal, requestIdOf } from '../actor.ts';
import type { ButtonArgs } from './opt-in.ts';

/**
 * What "I'm in", "I shared it" and "Withdraw" on a request's message all do first: apply the use case in the next
 * shared commit, ack once it is saved, and show the change (the message, the Homes concerned). A refusal is explained
 * privately and gives undefined; a repeated delivery from Slack is a refusal that nobody is told about.
 */
export async function recordClick(
  ctx: BoostContext,
  { ack, body, action, respond }: ButtonArgs,
  apply: (requestId: number, actor: Actor) => Outcome<ParticipationResult>,
): Promise<ParticipationResult | undefined> {
  const result = await ctx.commits.run(() => apply(requestIdOf(action), actorOfClick(ctx, body, action)));
  await ack();
  if (!result.ok) {
    await explainRefusal(ctx, respond, result.refusal);
    return undefined;
  }
  recoverPostFromClick(ctx, result.value.request, body);
  if (result.value.changed) refreshRequestEverywhere(ctx, result.value.request, body.user.id);
  return result.value;
}
