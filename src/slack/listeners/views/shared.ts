import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isNetwork } from '../../../domain/networks.ts';
import { validateShareUrl } from '../../../domain/policy.ts';
import { say } from '../../../i18n/index.ts';
import type { BoostContext } from '../../context.ts';
import { SHARED_FIELDS } from '../../ids.ts';
import { ackLanguageOf } from '../../language.ts';
import { refusalText } from '../../views/refusal-notes.ts';
import { teamIdOf } from '../args.ts';
import { selectedOf, textOf } from './state.ts';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/** Saves the optional link to the helper's own post; the share itself was counted when they clicked. */
export const submitShared =
  (ctx: BoostContext) =>
  async ({ ack, body, view }: Args) => {
    const shareUrl = validateShareUrl(textOf(view.state.values, SHARED_FIELDS.shareUrl));
    if (!shareUrl.ok) {
      const language = await ackLanguageOf(ctx, teamIdOf(body), body.user.id);
      await ack({ response_action: 'errors', errors: { [SHARED_FIELDS.shareUrl]: say(language, shareUrl.error) } });
      return;
    }
    const network = selectedOf(view.state.values, SHARED_FIELDS.network);
    const requestId = readRequestId(view.private_metadata);
    const result = await ctx.services.requests.markShared(
      requestId,
      { teamId: teamIdOf(body), userId: body.user.id, now: ctx.clock() },
      { shareUrl: shareUrl.value, network: network && isNetwork(network) ? network : null },
    );
    if (!result.ok) {
      // The form stays open with the reason, so the person knows their link was not saved.
      const language = await ackLanguageOf(ctx, teamIdOf(body), body.user.id);
      const why = refusalText(language, result.refusal, ctx.config.MAX_OPEN_REQUESTS_PER_USER);
      await ack({ response_action: 'errors', errors: { [SHARED_FIELDS.shareUrl]: why } });
      return;
    }
    await ack();
    // markShared marked the message's update due with the change.
    if (result.value.changed) ctx.updater.changed(requestId);
    // The link to their post shows on the requester's Home and their own, even when the share was already counted.
    ctx.homes.requestChanged(result.value.request, body.user.id);
  };

function readRequestId(privateMetadata: string): number {
  try {
    const id = Number((JSON.parse(privateMetadata) as { requestId?: unknown }).requestId);
    return Number.isSafeInteger(id) ? id : 0;
  } catch {
    return 0;
  }
}
