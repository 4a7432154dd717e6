import type { BoostContext } from '../../context.ts';
import { privateReply } from '../../private-reply.ts';
import { optedInNotice } from '../../views/home-notices.ts';
import type { ButtonArgs } from '../args.ts';
import { recordClick } from './record-click.ts';

/**
 * "I'm in": recorded before the ack. On a message, a private reply with share links and the wording to edit; on the
 * Home, the share links appear under "Your contributions".
 */
export const optIn = (ctx: BoostContext) => (args: ButtonArgs) =>
  recordClick(ctx, args, ctx.services.requests.optIn, {
    async inMessage({ request, participation }) {
      if (!participation) return;
      // The reply (share links, the person's tracked link) is built and sent once other clicks are acknowledged.
      await ctx.replyGate.wait();
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...(await privateReply(ctx, request, participation)),
      });
    },
    onHome:
      ({ request }) =>
      (language) =>
        optedInNotice(language, request),
  });
