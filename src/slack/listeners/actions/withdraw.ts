import type { BoostContext } from '../../context.ts';
import { languageOf } from '../../language.ts';
import { withdrawnNotice } from '../../views/home-notices.ts';
import { withdrawnReply } from '../../views/opt-in-reply.ts';
import { clickedInEphemeral } from '../actor.ts';
import { type ButtonArgs, teamIdOf } from '../args.ts';
import { recordClick } from './record-click.ts';

/** "Withdraw": one click, no question, and nobody is told (rule 4). */
export const withdraw = (ctx: BoostContext) => (args: ButtonArgs) =>
  recordClick(ctx, args, ctx.services.requests.withdraw, {
    async inMessage({ request }) {
      await ctx.replyGate.wait();
      await args.respond({
        response_type: 'ephemeral',
        replace_original: clickedInEphemeral(args.body),
        ...withdrawnReply(await languageOf(ctx, teamIdOf(args.body), args.body.user.id), request),
      });
    },
    onHome:
      ({ request }) =>
      (language) =>
        withdrawnNotice(language, request),
  });
