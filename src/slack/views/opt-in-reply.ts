import type { SectionBlock } from '@slack/types';
import { escapeMrkdwn } from '../../domain/escape.ts';
import type { ShareLink } from '../../domain/share-links.ts';
import type { BoostRequest, Participation } from '../../domain/types.ts';
import { type Language, t } from '../../i18n/index.ts';
import type { HelperKit } from '../../services/share-kit.ts';
import { ACTIONS } from '../ids.ts';
import { actions, type Blocks, button, context, link, section, slackDate } from './blocks.ts';
import { clicksText } from './figures.ts';
import type { SlackMessage } from './request-message.ts';
import { requestTitle } from './request-message.ts';

export interface OptInReplyData extends HelperKit {
  request: BoostRequest;
  participation: Participation;
}

/** One button per network, each opening that network's own composer with the wording prefilled. */
export function shareButtons(language: Language, blockId: string, requestId: number, links: readonly ShareLink[]) {
  const id = String(requestId);
  return actions(
    blockId,
    links.map((share) =>
      button(t(language, 'button.shareOn', { network: share.label }), `${ACTIONS.shareLink}_${share.network}`, id, {
        url: share.url,
      }),
    ),
  );
}

/** The wording a helper starts from, in a code block they can copy and rewrite. */
export const startingPoint = (language: Language, post: string): SectionBlock =>
  section(t(language, 'optIn.startingPoint', { post: escapeMrkdwn(post) }));

/** The private reply after "I'm in": share links, the wording to edit, and the person's own buttons. */
export function optInReply(
  language: Language,
  { request, participation, links, post, offerReminder, personalLink }: OptInReplyData,
): SlackMessage {
  const title = escapeMrkdwn(requestTitle(language, request));
  const id = String(request.id);
  const status = participation.sharedAt
    ? t(language, 'optIn.statusShared', { title })
    : t(language, 'optIn.statusIn', { title });
  const blocks: Blocks = [section(status)];

  if (links.length > 0) blocks.push(shareButtons(language, `share_links_${id}`, request.id, links));
  blocks.push(startingPoint(language, post));
  if (personalLink) blocks.push(personalLinkSection(language, personalLink, links.length > 0));
  blocks.push(
    context(
      t(language, 'optIn.linkUntil', {
        link: link(request.url, escapeMrkdwn(request.url)),
        date: slackDate(language, request.deadlineAt),
      }),
    ),
  );

  const buttons = [];
  if (!participation.sharedAt) {
    buttons.push(button(t(language, 'button.shared'), ACTIONS.markShared, id, { style: 'primary' }));
  } else buttons.push(button(t(language, 'button.addPostLink'), ACTIONS.markShared, id));
  if (offerReminder && !participation.sharedAt && !participation.remindMe) {
    buttons.push(button(t(language, 'button.remindMe'), ACTIONS.remindMe, id));
  }
  buttons.push(button(t(language, 'button.withdraw'), ACTIONS.withdraw, id));
  blocks.push(actions(`participation_${id}`, buttons));
  if (participation.remindMe && !participation.sharedAt) {
    blocks.push(context(t(language, 'optIn.reminderSet')));
  }
  blocks.push(context(t(language, 'optIn.onlyYou')));

  return { text: t(language, 'optIn.fallback', { title }), blocks };
}

/** What the private reply becomes after withdrawing: short, and nobody else is told. */
export function withdrawnReply(language: Language, request: BoostRequest): SlackMessage {
  const title = escapeMrkdwn(requestTitle(language, request));
  return {
    text: t(language, 'withdrawn.fallback', { title }),
    blocks: [section(t(language, 'withdrawn.text', { title: `*${title}*` }))],
  };
}

/** The helper's own tracked link, as text to copy (not a link, so checking it does not count a click), with its clicks. */
function personalLinkSection(
  language: Language,
  { url, clicks }: { url: string; clicks: number },
  inButtons: boolean,
): SectionBlock {
  const figure = clicks > 0 ? t(language, 'optIn.personalLink.soFar', { clicks: clicksText(language, clicks) }) : '';
  return section(
    `${t(language, 'optIn.personalLink', { url: escapeMrkdwn(url), figure })}\n${t(language, 'optIn.personalLink.how')}${
      inButtons ? ` ${t(language, 'optIn.personalLink.inButtons')}` : ''
    }`,
  );
}
