import type { BoostContext } from '../../context.ts';
import { withdrawnReply } from '../../views/opt-in-reply.ts';
import { clickedInEphemeral } from '../actor.ts';
import type { ButtonArgs } from './opt-in.ts';
import { recordClick } from './record-click.ts';

/** "Withdraw": one click, no question, and nobody is told (rule 4). */
export const withdraw = (ctx: BoostContext) => async (args: ButtonArgs) => {
  const recorded = await recordClick(ctx, args, (requestId, actor) => ctx.service.withdraw(requestId, actor));
  if (!recorded) return;
  await ctx.replyGate.wait();
  await args.respond({
    response_type: 'ephemeral',
    replace_original: clickedInEphemeral(args.body),
    ...withdrawnReply(recorded.request),
  });
};
