import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { privateReply } from '../../private-reply.ts';
import { recordClick } from './record-click.ts';

export type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** "I'm in": recorded before the ack, then a private reply with share links and the wording to edit. */
export const optIn = (ctx: BoostContext) => async (args: ButtonArgs) => {
  const recorded = await recordClick(ctx, args, (requestId, actor) => ctx.service.optIn(requestId, actor));
  if (!recorded?.participation) return;
  const { request, participation } = recorded;
  // The reply (share links, the person's tracked link) is built and sent once other clicks are acknowledged.
  await ctx.replyGate.wait();
  await args.respond({
    response_type: 'ephemeral',
    replace_original: false,
    ...privateReply(ctx, request, participation),
  });
};
