import type { SectionBlock } from '@slack/types';
import { escapeMrkdwn } from '../../domain/escape.ts';
import { formatClicks } from '../../domain/tracked-links.ts';
import type { BoostRequest, Participation } from '../../domain/types.ts';
import type { HelperKit } from '../../services/share-kit.ts';
import { ACTIONS } from '../ids.ts';
import { actions, type Blocks, button, context, link, section, slackDate } from './blocks.ts';
import type { SlackMessage } from './request-message.ts';
import { requestTitle } from './request-message.ts';

export interface OptInReplyData extends HelperKit {
  request: BoostRequest;
  participation: Participation;
}

/** The private reply after "I'm in": share links, the wording to edit, and the person's own buttons. */
export function optInReply({
  request,
  participation,
  links,
  post,
  offerReminder,
  personalLink,
}: OptInReplyData): SlackMessage {
  const title = escapeMrkdwn(requestTitle(request));
  const id = String(request.id);
  const status = participation.sharedAt
    ? `:white_check_mark: You shared *${title}*. Thank you!`
    : `:raised_hands: You're in for *${title}*. Share it when and how you like, in your own words.`;
  const blocks: Blocks = [section(status)];

  if (links.length > 0) {
    blocks.push(
      actions(
        `share_links_${id}`,
        links.map((share) =>
          button(`Share on ${share.label}`, `${ACTIONS.shareLink}_${share.network}`, id, { url: share.url }),
        ),
      ),
    );
  }
  blocks.push(section(`*A starting point, yours to edit:*\n\`\`\`${escapeMrkdwn(post)}\`\`\``));
  if (personalLink) blocks.push(personalLinkSection(personalLink, links.length > 0));
  blocks.push(
    context(`Link: ${link(request.url, escapeMrkdwn(request.url))} · Until ${slackDate(request.deadlineAt)}`),
  );

  const buttons = [];
  if (!participation.sharedAt) buttons.push(button('I shared it', ACTIONS.markShared, id, { style: 'primary' }));
  else buttons.push(button('Add the link to my post', ACTIONS.markShared, id));
  if (offerReminder && !participation.sharedAt && !participation.remindMe) {
    buttons.push(button('Remind me before the deadline', ACTIONS.remindMe, id));
  }
  buttons.push(button('Withdraw', ACTIONS.withdraw, id));
  blocks.push(actions(`participation_${id}`, buttons));
  if (participation.remindMe && !participation.sharedAt) {
    blocks.push(context(':alarm_clock: You will get one reminder a day before the deadline.'));
  }
  blocks.push(context('Only you can see this. Boost never posts for you.'));

  return { text: `You're in for ${title}`, blocks };
}

/** What the private reply becomes after withdrawing: short, and nobody else is told. */
export function withdrawnReply(request: BoostRequest): SlackMessage {
  const title = escapeMrkdwn(requestTitle(request));
  return {
    text: `You withdrew from ${title}`,
    blocks: [section(`You're out of *${title}*. No one is told, and nothing about it is kept.`)],
  };
}

/** The helper's own tracked link, as text to copy (not a link, so checking it does not count a click), with its clicks. */
function personalLinkSection({ url, clicks }: { url: string; clicks: number }, inButtons: boolean): SectionBlock {
  const figure = clicks > 0 ? ` · *${formatClicks(clicks)}* so far` : '';
  return section(
    `*Your personal link:* \`${escapeMrkdwn(url)}\`${figure}\n` +
      `It leads to the same page and counts clicks per day, never who clicked.${inButtons ? ' The share buttons above already use it.' : ''}`,
  );
}
