import { releaseThanks, type ThanksClaim } from '../services/thanks.ts';
import type { BoostContext } from './context.ts';
import { type ThanksOutcome, thanksMessage } from './views/thanks.ts';

/**
 * Sends each claimed helper one short DM through the app's one rate-aware DM sender (to their user id: Boost's Messages
 * tab, no im:write needed). A DM to someone Slack will not deliver to is logged there and never stops the others; a failure that certainly delivered
 * nothing and may pass is given back, so the next press tries that helper again.
 */
export async function deliverThanks(ctx: BoostContext, claim: ThanksClaim): Promise<ThanksOutcome> {
  const message = thanksMessage(claim.request);
  const outcomes = await Promise.all(
    claim.helpers.map(async (helper) => ({
      userId: helper.userId,
      outcome: await ctx.dm.send({ teamId: claim.request.teamId, userId: helper.userId }, message),
    })),
  );
  const retryable = outcomes.filter(({ outcome }) => outcome.status === 'failed' && outcome.retryLater);
  releaseThanks(
    ctx.repos,
    claim,
    retryable.map(({ userId }) => userId),
  );
  const count = (test: (outcome: (typeof outcomes)[number]['outcome']) => boolean) =>
    outcomes.filter(({ outcome }) => test(outcome)).length;
  return {
    request: claim.request,
    thanked: count((outcome) => outcome.status === 'sent'),
    unreachable: count((outcome) => outcome.status === 'unreachable'),
    uncertain: count((outcome) => outcome.status === 'failed' && !outcome.retryLater),
    retryable: retryable.length,
    anyoneShared: claim.anyoneShared,
  };
}
