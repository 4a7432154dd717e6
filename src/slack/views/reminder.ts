import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import type { ShareLink } from '../../domain/share-links.ts';
import type { BoostRequest } from '../../domain/types.ts';
import { ACTIONS } from '../ids.ts';
import { actions, type Blocks, button, context, link, section, slackDate } from './blocks.ts';
import { requestTitle, type SlackMessage } from './request-message.ts';

export interface ReminderData {
  request: BoostRequest;
  links: readonly ShareLink[];
  /** The editable wording with the disclosure, as the share links prefill it. */
  post: string;
}

/** The one reminder a helper asked for (rule 5): what, until when, and the same one-click share links. */
export function reminderMessage({ request, links, post }: ReminderData): SlackMessage {
  const title = escapeMrkdwn(truncate(requestTitle(request), 150));
  const id = String(request.id);
  const blocks: Blocks = [
    section(
      `:alarm_clock: You asked me to remind you: *${link(request.url, title)}* ends ${slackDate(request.deadlineAt, '{date_short_pretty} at {time}')}. Share it if you still want to, in your own words.`,
    ),
  ];
  if (links.length > 0) {
    blocks.push(
      actions(
        `reminder_links_${id}`,
        links.map((share) =>
          button(`Share on ${share.label}`, `${ACTIONS.shareLink}_${share.network}`, id, { url: share.url }),
        ),
      ),
    );
  }
  blocks.push(section(`*A starting point, yours to edit:*\n\`\`\`${escapeMrkdwn(truncate(post, 2500))}\`\`\``));
  blocks.push(actions(`reminder_${id}`, [button('I shared it', ACTIONS.markShared, id, { style: 'primary' })]));
  blocks.push(context('This is the only reminder you will get for this request. Helping stays optional.'));
  return { text: `Reminder: ${title} ends soon`, blocks };
}
