import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import type { ShareLink } from '../../domain/share-links.ts';
import type { BoostRequest } from '../../domain/types.ts';
import { type Language, t } from '../../i18n/index.ts';
import { ACTIONS } from '../ids.ts';
import { actions, type Blocks, button, context, link, section, slackDate } from './blocks.ts';
import { shareButtons, startingPoint } from './opt-in-reply.ts';
import { requestTitle, type SlackMessage } from './request-message.ts';

export interface ReminderData {
  request: BoostRequest;
  links: readonly ShareLink[];
  /** The editable wording with the disclosure, as the share links prefill it. */
  post: string;
}

/** The one reminder a helper asked for (rule 5): what, until when, and the same one-click share links. */
export function reminderMessage(language: Language, { request, links, post }: ReminderData): SlackMessage {
  const title = escapeMrkdwn(truncate(requestTitle(language, request), 150));
  const id = String(request.id);
  const blocks: Blocks = [
    section(
      t(language, 'reminder.text', {
        title: `*${link(request.url, title)}*`,
        date: slackDate(language, request.deadlineAt, t(language, 'reminder.dateFormat')),
      }),
    ),
  ];
  if (links.length > 0) blocks.push(shareButtons(language, `reminder_links_${id}`, request.id, links));
  blocks.push(startingPoint(language, truncate(post, 2500)));
  blocks.push(
    actions(`reminder_${id}`, [button(t(language, 'button.shared'), ACTIONS.markShared, id, { style: 'primary' })]),
  );
  blocks.push(context(t(language, 'reminder.only')));
  return { text: t(language, 'reminder.fallback', { title }), blocks };
}
