import type { BoostContext } from '../../context.ts';
import { digestsStoppedMessage } from '../../views/digest.ts';
import type { ButtonArgs } from './opt-in.ts';

/** "Stop these digests": one click, saved before the ack; the digest becomes a note on how to turn it back on. */
export const stopDigests =
  (ctx: BoostContext) =>
  async ({ ack, body, respond }: ButtonArgs) => {
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    ctx.repos.settings.update(teamId, body.user.id, { digest: false }, ctx.clock());
    await ack();
    ctx.homes.refresh(teamId, body.user.id);
    await ctx.replyGate.wait();
    await respond({ replace_original: true, ...digestsStoppedMessage() });
  };
