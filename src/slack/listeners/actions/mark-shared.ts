import type { BoostRequest } from '../../../domain/types.ts';
import { t } from '../../../i18n/index.ts';
import type { BoostContext } from '../../context.ts';
import { languageOf } from '../../language.ts';
import { privateReply } from '../../private-reply.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import { sharedNotice } from '../../views/home-notices.ts';
import { note } from '../../views/note.ts';
import { sharedModal } from '../../views/shared-modal.ts';
import { clickedInEphemeral } from '../actor.ts';
import { type ButtonArgs, teamIdOf } from '../args.ts';
import { recordClick } from './record-click.ts';

/** "I shared it": counted at once; a small optional form then asks for the link to their post. */
export const markShared = (ctx: BoostContext) => (args: ButtonArgs) =>
  recordClick(ctx, args, ctx.services.requests.markShared, {
    async inMessage({ request, participation }) {
      // The form first: its trigger expires 3 seconds after the click. The reply waits for other clicks' acks.
      const formOpened = await openSharedForm(ctx, args, request);
      await ctx.replyGate.wait();
      if (participation && clickedInEphemeral(args.body)) {
        await args.respond({
          response_type: 'ephemeral',
          replace_original: true,
          ...(await privateReply(ctx, request, participation)),
        });
      } else if (!formOpened) {
        // The share is already counted; without the form (an expired trigger, say) a short note is enough.
        await args.respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...note(t(await languageOf(ctx, teamIdOf(args.body), args.body.user.id), 'note.countedShared')),
        });
      }
    },
    // Without the form, the Home says the share is counted.
    onHome: async ({ request }) =>
      (await openSharedForm(ctx, args, request)) ? undefined : (language) => sharedNotice(language, request),
  });

async function openSharedForm(
  ctx: BoostContext,
  { body, client, logger }: ButtonArgs,
  request: BoostRequest,
): Promise<boolean> {
  try {
    const language = await languageOf(ctx, teamIdOf(body), body.user.id);
    await client.views.open({ trigger_id: body.trigger_id, view: sharedModal(language, request) });
    return true;
  } catch (error) {
    logger.warn(`Could not open the shared form: ${slackErrorCode(error)}`);
    return false;
  }
}
