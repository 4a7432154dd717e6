import { t } from '../../../i18n/index.ts';
import type { BoostContext } from '../../context.ts';
import { languageOf } from '../../language.ts';
import { privateReply } from '../../private-reply.ts';
import { note } from '../../views/note.ts';
import { actorOfClick, clickedInEphemeral, explainRefusal, requestIdOf } from '../actor.ts';
import type { ButtonArgs } from '../args.ts';

/**
 * "Remind me before the deadline": sets the flag; the reminder job sends the one reminder about a day before the
 * deadline. The private reply is replaced in place to show that the reminder is set.
 */
export const remindMe = (ctx: BoostContext) => async (args: ButtonArgs) => {
  const { ack, body, action, respond } = args;
  const result = await ctx.services.requests.setRemindMe(requestIdOf(action), actorOfClick(ctx, body, action), true);
  await ack();
  if (!result.ok) return explainRefusal(ctx, args, result.refusal);
  const { request, participation } = result.value;
  await ctx.replyGate.wait();
  if (!participation) {
    const language = await languageOf(ctx, actorOfClick(ctx, body, action).teamId, body.user.id);
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...note(t(language, 'note.notInAnyMore')),
    });
    return;
  }
  await respond({
    response_type: 'ephemeral',
    replace_original: clickedInEphemeral(body),
    ...(await privateReply(ctx, request, participation)),
  });
};
