import { claimThanks } from '../../../services/thanks.ts';
import type { BoostContext } from '../../context.ts';
import { deliverThanks } from '../../send-thanks.ts';
import { note } from '../../views/note.ts';
import { refusalNote } from '../../views/refusal-notes.ts';
import { thanksConfirmation } from '../../views/thanks.ts';
import { actorOfClick, requestIdOf } from '../actor.ts';
import type { ButtonArgs } from './opt-in.ts';

const ONLY_THE_REQUESTER = 'Only the person who asked can send thanks for a request.';

/**
 * "Send thanks" (App Home, `/boost mine`, the weekly digest): each helper who shared and was not thanked yet gets one
 * short DM; the requester gets a private confirmation, where they clicked.
 */
export const sendThanks =
  (ctx: BoostContext) =>
  async ({ ack, body, action, respond }: ButtonArgs) => {
    const actor = actorOfClick(ctx, body, action);
    const claim = claimThanks(ctx.repos, requestIdOf(action), actor);
    await ack();
    // The Home tab has no response_url: there the answer is a note on the refreshed Home.
    const confirm = async (text: string) => {
      await ctx.replyGate.wait();
      if (body.response_url) await respond({ response_type: 'ephemeral', replace_original: false, ...note(text) });
      else ctx.homes.opened(actor.teamId, actor.userId, { notice: text });
    };
    if (!claim.ok) {
      if (claim.refusal === 'duplicate') return;
      const text =
        claim.refusal === 'not_allowed'
          ? ONLY_THE_REQUESTER
          : refusalNote(claim.refusal, ctx.config.MAX_OPEN_REQUESTS_PER_USER).text;
      return confirm(text);
    }
    const outcome = await deliverThanks(ctx, claim.value);
    await confirm(thanksConfirmation(outcome));
    ctx.homes.refresh(actor.teamId, actor.userId);
    for (const helper of claim.value.helpers) ctx.homes.refresh(actor.teamId, helper.userId);
  };
