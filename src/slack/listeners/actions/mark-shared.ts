import { adoptClickedMessage } from '../../adopt-message.ts';
import type { BoostContext } from '../../context.ts';
import { privateReply } from '../../private-reply.ts';
import { showChange } from '../../show-change.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import { note } from '../../views/notes.ts';
import { sharedModal } from '../../views/shared-modal.ts';
import { actorOfClick, clickedInEphemeral, explainRefusal, requestIdOf } from '../actor.ts';
import type { ButtonArgs } from './opt-in.ts';

/** "I shared it": counted at once; a small optional form then asks for the link to their post. */
export const markShared =
  (ctx: BoostContext) =>
  async ({ ack, body, action, respond, client, logger }: ButtonArgs) => {
    const requestId = requestIdOf(action);
    const result = await ctx.commits.run(() => ctx.service.markShared(requestId, actorOfClick(ctx, body, action)));
    await ack();
    if (!result.ok) return explainRefusal(ctx, respond, result.refusal);
    const { request, participation, changed } = result.value;
    adoptClickedMessage(ctx, request, body);
    if (changed) {
      showChange(ctx, request, body.user.id);
    }
    // The form first: its trigger expires 3 seconds after the click. The reply waits for other clicks' acks.
    const formOpened = await client.views.open({ trigger_id: body.trigger_id, view: sharedModal(request) }).then(
      () => true,
      (error: unknown) => {
        logger.warn(`Could not open the shared form: ${slackErrorCode(error)}`);
        return false;
      },
    );
    await ctx.acksFirst.wait();
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
