import type { Language } from '../i18n/index.ts';
import type { ThanksBatch, ThanksDelivery, ThanksOutcome } from '../services/thanks.ts';
import type { BoostContext } from './context.ts';
import type { DmOutcome } from './dm-sender.ts';
import { thanksMessage } from './views/thanks.ts';

function deliveryOf(outcome: DmOutcome): ThanksDelivery {
  if (outcome.status === 'failed') return outcome.retryLater ? 'retry_later' : 'uncertain';
  return outcome.status;
}

/**
 * Sends a batch of thanks through the app's one rate-aware DM sender, to each helper's user id (Boost's Messages tab,
 * no im:write needed), each in their own language; every helper is claimed right before their message. Used by the
 * "Send thanks" button and by the job that finishes a batch whose instance died.
 */
export function sendThanks(
  ctx: Pick<BoostContext, 'services' | 'dm'>,
  batch: ThanksBatch,
  now: number,
  languageOf: (userId: string) => Promise<Language>,
): Promise<ThanksOutcome> {
  const { teamId } = batch.request;
  return ctx.services.thanks.send(batch, now, (sending) =>
    ctx.dm.deliver({
      items: sending.helpers,
      to: (helper) => ({ teamId, userId: helper.userId }),
      claim: (helper) => sending.claim(helper),
      unclaim: (helper) => sending.unclaim(helper),
      message: async (helper) => thanksMessage(await languageOf(helper.userId), batch.request),
      settle: (helper, outcome) => sending.settle(helper, deliveryOf(outcome)),
    }),
  );
}
