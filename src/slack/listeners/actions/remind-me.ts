import { canStillRemind } from '../../../domain/reminders.ts';
import type { BoostContext } from '../../context.ts';
import { privateReply } from '../../private-reply.ts';
import { note } from '../../views/note.ts';
import { actorOfClick, clickedInEphemeral, explainRefusal, requestIdOf } from '../actor.ts';
import type { ButtonArgs } from './opt-in.ts';

/**
 * "Remind me before the deadline": sets the flag; the reminder job sends the one reminder about a day before the
 * deadline. The private reply is replaced in place to show that the reminder is set.
 */
export const remindMe =
  (ctx: BoostContext) =>
  async ({ ack, body, action, respond }: ButtonArgs) => {
    const requestId = requestIdOf(action);
    const actor = actorOfClick(ctx, body, action);
    const deadlineAt = ctx.repos.requests.get(requestId)?.deadlineAt;
    if (deadlineAt !== undefined && !canStillRemind(deadlineAt, actor.now)) {
      await ack();
      await ctx.replyGate.wait();
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...note('Less than a day is left before the deadline, so there is nothing left to remind you of.'),
      });
      return;
    }
    const result = ctx.service.setRemindMe(requestId, actor, true);
    await ack();
    if (!result.ok) return explainRefusal(ctx, respond, result.refusal);
    const { request, participation } = result.value;
    await ctx.replyGate.wait();
    if (!participation) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...note("You're not in this request any more."),
      });
      return;
    }
    await respond({
      response_type: 'ephemeral',
      replace_original: clickedInEphemeral(body),
      ...privateReply(ctx, request, participation),
    });
  };
