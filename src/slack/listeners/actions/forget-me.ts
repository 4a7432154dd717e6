import type { BoostContext } from '../../context.ts';
import { afterForgetting } from '../../forget.ts';
import { knownLanguageOf, languageOf, workspaceLanguage } from '../../language.ts';
import { forgetDone, forgetKept } from '../../views/privacy-messages.ts';
import { actorOfClick } from '../actor.ts';
import { type ButtonArgs, teamIdOf } from '../args.ts';

/**
 * "Delete my data": deletes everything about whoever clicked (never someone named in the payload), in one transaction,
 * before the ack; a click Slack delivers twice deletes once and answers once.
 */
export const confirmForgetMe =
  (ctx: BoostContext) =>
  async ({ ack, body, action, respond }: ButtonArgs) => {
    const {
      teamId,
      userId,
      now,
      deliveryKey = `forget:${teamId}:${userId}:${action.action_ts}`,
    } = actorOfClick(ctx, body, action);
    // Their language is read before their settings and profile go: asking Slack afterwards would cache it again.
    const language = (await knownLanguageOf(ctx, teamId, userId)) ?? workspaceLanguage(ctx.config);
    const forgotten = await ctx.services.privacy.forget({ teamId, userId, now, deliveryKey });
    await ack();
    if (!forgotten) return;
    afterForgetting(ctx, teamId, userId, forgotten);
    await ctx.replyGate.wait();
    await respond({ response_type: 'ephemeral', replace_original: true, ...forgetDone(language, forgotten.removed) });
  };

/** "Keep my data": the question goes away, nothing changes. */
export const keepMyData =
  (ctx: BoostContext) =>
  async ({ ack, body, respond }: ButtonArgs) => {
    await ack();
    const language = await languageOf(ctx, teamIdOf(body), body.user.id);
    await ctx.replyGate.wait();
    await respond({ response_type: 'ephemeral', replace_original: true, ...forgetKept(language) });
  };
