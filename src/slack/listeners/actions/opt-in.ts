import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { adoptClickedMessage } from '../../adopt-message.ts';
import type { BoostContext } from '../../context.ts';
import { privateReply } from '../../private-reply.ts';
import { showChange } from '../../show-change.ts';
import { actorOfClick, explainRefusal, requestIdOf } from '../actor.ts';

export type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** "I'm in": recorded before the ack, then a private reply with share links and the wording to edit. */
export const optIn =
  (ctx: BoostContext) =>
  async ({ ack, body, action, respond }: ButtonArgs) => {
    const requestId = requestIdOf(action);
    // Clicks arriving together share one commit (see commit-group.ts); the ack follows it.
    const result = await ctx.commits.run(() => ctx.service.optIn(requestId, actorOfClick(ctx, body, action)));
    await ack();
    if (!result.ok) return explainRefusal(ctx, respond, result.refusal);
    const { request, participation, changed } = result.value;
    adoptClickedMessage(ctx, request, body);
    if (changed) {
      showChange(ctx, request, body.user.id);
    }
    if (!participation) return;
    // The reply (share links, the person's tracked link) is built and sent once other clicks are acknowledged.
    await ctx.acksFirst.wait();
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...privateReply(ctx, request, participation),
    });
  };
