import { adoptClickedMessage } from '../../adopt-message.ts';
import type { BoostContext } from '../../context.ts';
import { showChange } from '../../show-change.ts';
import { withdrawnReply } from '../../views/opt-in-reply.ts';
import { actorOfClick, clickedInEphemeral, explainRefusal, requestIdOf } from '../actor.ts';
import type { ButtonArgs } from './opt-in.ts';

/** "Withdraw": one click, no question, and nobody is told (rule 4). */
export const withdraw =
  (ctx: BoostContext) =>
  async ({ ack, body, action, respond }: ButtonArgs) => {
    const requestId = requestIdOf(action);
    const result = await ctx.commits.run(() => ctx.service.withdraw(requestId, actorOfClick(ctx, body, action)));
    await ack();
    if (!result.ok) return explainRefusal(ctx, respond, result.refusal);
    adoptClickedMessage(ctx, result.value.request, body);
    if (result.value.changed) {
      showChange(ctx, result.value.request, body.user.id);
    }
    await ctx.acksFirst.wait();
    await respond({
      response_type: 'ephemeral',
      replace_original: clickedInEphemeral(body),
      ...withdrawnReply(result.value.request),
    });
  };
