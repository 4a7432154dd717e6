import type { BoostContext } from '../../context.ts';
import { privateReply } from '../../private-reply.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import { note } from '../../views/note.ts';
import { sharedModal } from '../../views/shared-modal.ts';
import { clickedInEphemeral } from '../actor.ts';
import type { ButtonArgs } from './opt-in.ts';
import { recordClick } from './record-click.ts';

/** "I shared it": counted at once; a small optional form then asks for the link to their post. */
export const markShared = (ctx: BoostContext) => async (args: ButtonArgs) => {
  const recorded = await recordClick(ctx, args, (requestId, actor) => ctx.service.markShared(requestId, actor));
  if (!recorded) return;
  const { body, respond, client, logger } = args;
  const { request, participation } = recorded;
  // The form first: its trigger expires 3 seconds after the click. The reply waits for other clicks' acks.
  const formOpened = await client.views.open({ trigger_id: body.trigger_id, view: sharedModal(request) }).then(
    () => true,
    (error: unknown) => {
      logger.warn(`Could not open the shared form: ${slackErrorCode(error)}`);
      return false;
    },
  );
  await ctx.replyGate.wait();
  if (participation && clickedInEphemeral(body)) {
    await respond({
      response_type: 'ephemeral',
      replace_original: true,
      ...privateReply(ctx, request, participation),
    });
  } else if (!formOpened) {
    // The share is already counted; without the form (an expired trigger, say) a short note is enough.
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...note('Counted as shared. Thank you!'),
    });
  }
};
