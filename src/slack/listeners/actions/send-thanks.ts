import { type Language, t } from '../../../i18n/index.ts';
import type { BoostContext } from '../../context.ts';
import { languageOf } from '../../language.ts';
import { sendThanks as sendThanksDms } from '../../thanks-sender.ts';
import { thanksConfirmation } from '../../views/thanks.ts';
import { actorOfClick, answerClick, explainRefusal, requestIdOf } from '../actor.ts';
import type { ButtonArgs } from '../args.ts';

/**
 * "Send thanks" (App Home, `/boost mine`, the weekly digest): each helper who shared and was not thanked yet gets one
 * short DM; the requester gets a private confirmation, where they clicked.
 */
export const sendThanks = (ctx: BoostContext) => async (args: ButtonArgs) => {
  const { ack, body, action } = args;
  const actor = actorOfClick(ctx, body, action);
  const claim = await ctx.services.thanks.claim(requestIdOf(action), actor);
  await ack();
  if (!claim.ok) {
    const wording =
      claim.refusal === 'not_allowed' ? (language: Language) => t(language, 'note.onlyRequesterThanks') : undefined;
    return explainRefusal(ctx, args, claim.refusal, wording);
  }
  const outcome = await sendThanksDms(ctx, claim.value, actor.now, (userId) => languageOf(ctx, actor.teamId, userId));
  await answerClick(ctx, args, (language) => thanksConfirmation(language, outcome));
  ctx.homes.refresh(actor.teamId, actor.userId);
  for (const helper of claim.value.helpers) ctx.homes.refresh(actor.teamId, helper.userId);
};
