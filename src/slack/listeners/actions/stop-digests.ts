import type { BoostContext } from '../../context.ts';
import { languageOf } from '../../language.ts';
import { digestsStoppedMessage } from '../../views/digest.ts';
import { type ButtonArgs, teamIdOf } from '../args.ts';

/** "Stop these digests": one click, saved before the ack; the digest becomes a note on how to turn it back on. */
export const stopDigests =
  (ctx: BoostContext) =>
  async ({ ack, body, respond }: ButtonArgs) => {
    const teamId = teamIdOf(body);
    await ctx.services.settings.save({ teamId, userId: body.user.id, now: ctx.clock() }, { digest: false });
    await ack();
    ctx.homes.refresh(teamId, body.user.id);
    await ctx.replyGate.wait();
    await respond({ replace_original: true, ...digestsStoppedMessage(await languageOf(ctx, teamId, body.user.id)) });
  };
