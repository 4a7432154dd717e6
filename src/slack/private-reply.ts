import { isNetwork } from '../domain/networks.ts';
import { composePost, shareLinks } from '../domain/share-links.ts';
import type { BoostRequest, Participation } from '../domain/types.ts';
import type { BoostContext } from './context.ts';
import { optInReply } from './views/opt-in-reply.ts';
import type { SlackMessage } from './views/request-message.ts';

/** The helper's private reply for their current state, with share links built for this request. */
export function privateReply(ctx: BoostContext, request: BoostRequest, participation: Participation): SlackMessage {
  const post = composePost(request.suggestedText, ctx.config.DISCLOSURE_TEXT);
  const links = shareLinks({
    url: request.url,
    text: post,
    networks: request.networks.filter(isNetwork),
    mastodonInstance: ctx.config.MASTODON_INSTANCE,
  });
  const offerReminder = ctx.repos.settings.get(request.teamId, participation.userId).reminders;
  return optInReply({ request, participation, links, post, offerReminder });
}
