import { isNetwork } from '../domain/networks.ts';
import { canStillRemind } from '../domain/reminders.ts';
import { composePost, type ShareLink, shareLinks } from '../domain/share-links.ts';
import type { BoostRequest, Participation } from '../domain/types.ts';
import type { BoostContext } from './context.ts';
import { personalLinkUrl } from './tracked-links.ts';
import { optInReply } from './views/opt-in-reply.ts';
import type { SlackMessage } from './views/request-message.ts';

/** The editable wording and one-click share links a helper gets for a request (private reply and App Home alike). */
export function helperShareLinks(
  ctx: BoostContext,
  request: BoostRequest,
  /** The helper: with PUBLIC_BASE_URL set, their share links carry their personal tracked link. */
  userId?: string,
): { post: string; links: ShareLink[]; personalUrl?: string } {
  const post = composePost(request.suggestedText, ctx.config.DISCLOSURE_TEXT);
  const personalUrl = userId === undefined ? undefined : personalLinkUrl(ctx, request.id, userId);
  const links = shareLinks({
    url: request.url,
    text: post,
    networks: request.networks.filter(isNetwork),
    mastodonInstance: ctx.config.MASTODON_INSTANCE,
    ...(personalUrl ? { personalUrl } : {}),
  });
  return { post, links, ...(personalUrl ? { personalUrl } : {}) };
}

/** The helper's private reply for their current state, with share links built for this request. */
export function privateReply(ctx: BoostContext, request: BoostRequest, participation: Participation): SlackMessage {
  const { post, links, personalUrl } = helperShareLinks(ctx, request, participation.userId);
  const personalLink = personalUrl
    ? { url: personalUrl, clicks: ctx.repos.links.clicksOf(request.id, participation.userId) }
    : undefined;
  // With less than a day left the reminder's moment has passed: the button is not offered.
  const offerReminder =
    ctx.repos.settings.get(request.teamId, participation.userId).reminders &&
    canStillRemind(request.deadlineAt, ctx.clock());
  return optInReply({ request, participation, links, post, offerReminder, ...(personalLink ? { personalLink } : {}) });
}
