import type { Config } from '../config.ts';
import type { Repositories } from '../db/repositories/index.ts';
import { isNetwork } from '../domain/networks.ts';
import { canStillRemind } from '../domain/reminders.ts';
import { composePost, type ShareLink, shareLinks } from '../domain/share-links.ts';
import { trackedLinkUrl } from '../domain/tracked-links.ts';
import type { BoostRequest, Participation } from '../domain/types.ts';

export type ShareKitConfig = Pick<Config, 'MASTODON_INSTANCE' | 'PUBLIC_BASE_URL'>;

/** The editable wording and one-click share links a helper gets for a request. */
export interface ShareKit {
  /** The wording with the disclosure, as it is prefilled in each composer. */
  post: string;
  links: ShareLink[];
  /** The helper's personal tracked link, with PUBLIC_BASE_URL set. */
  personalUrl?: string;
}

/** What the private reply after "I'm in" shows besides the request and the person's state. */
export interface HelperKit {
  links: readonly ShareLink[];
  post: string;
  /** Whether to offer the reminder button: the person has reminders on and the reminder's moment has not passed. */
  offerReminder: boolean;
  /** The helper's personal tracked link and the clicks it brought so far. */
  personalLink?: { url: string; clicks: number };
}

/**
 * The helper's personal tracked link for a request, created on first use; undefined without PUBLIC_BASE_URL (then
 * everyone shares the original link) or when the person is not taking part.
 */
async function personalLinkUrl(
  repos: Repositories,
  config: ShareKitConfig,
  requestId: number,
  userId: string,
  now: number,
) {
  const base = config.PUBLIC_BASE_URL;
  if (!base) return undefined;
  const token = await repos.links.ensure(requestId, userId, now);
  return token === undefined ? undefined : trackedLinkUrl(base, token);
}

/**
 * The share kit of a request (private reply and App Home alike); with a helper, their links carry their tracked link.
 * `disclosure` is in the helper's language (or the admin's own DISCLOSURE_TEXT).
 */
export async function shareKitFor(
  repos: Repositories,
  config: ShareKitConfig,
  request: BoostRequest,
  userId: string | undefined,
  now: number,
  disclosure: string,
): Promise<ShareKit> {
  const post = composePost(request.suggestedText, disclosure);
  const personalUrl = userId === undefined ? undefined : await personalLinkUrl(repos, config, request.id, userId, now);
  const links = shareLinks({
    url: request.url,
    text: post,
    networks: request.networks.filter(isNetwork),
    mastodonInstance: config.MASTODON_INSTANCE,
    ...(personalUrl ? { personalUrl } : {}),
  });
  return { post, links, ...(personalUrl ? { personalUrl } : {}) };
}

/** The helper's kit for their private reply, read fresh: share links, their tracked link's clicks, the reminder offer. */
export function helperKit(
  repos: Repositories,
  config: ShareKitConfig,
  request: BoostRequest,
  participation: Participation,
  now: number,
  disclosure: string,
): Promise<HelperKit> {
  return repos.transaction(async (tx) => {
    const { post, links, personalUrl } = await shareKitFor(tx, config, request, participation.userId, now, disclosure);
    const personalLink = personalUrl
      ? { url: personalUrl, clicks: await tx.links.clicksOf(request.id, participation.userId) }
      : undefined;
    // With less than a day left the reminder's moment has passed: the button is not offered.
    const offerReminder =
      (await tx.settings.get(request.teamId, participation.userId)).reminders &&
      canStillRemind(request.deadlineAt, now);
    return { links, post, offerReminder, ...(personalLink ? { personalLink } : {}) };
  });
}
