import { formatCounts } from '../../domain/counts.ts';
import { escapeMrkdwn } from '../../domain/escape.ts';
import type { ListedRequest } from '../../services/overview.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import { button, context, link, section, slackDate } from './blocks.ts';
import { fitList, MessageBudget } from './budget.ts';
import { note } from './note.ts';
import { requestTitle, type SlackMessage } from './request-message.ts';

/** `/boost list`: the open requests that fit in one message, then how many more there are. */
export function openRequestsList(listed: readonly ListedRequest[], total: number): SlackMessage {
  if (listed.length === 0) {
    return note(`No open requests right now. Start one with \`${COMMAND}\`.`);
  }
  const heading = [section(`*Open requests* (${total})`)];
  const budget = MessageBudget.after(heading);
  const items = fitList(
    budget,
    listed,
    ({ request, counts }) => [
      section(
        `*${link(request.url, escapeMrkdwn(requestTitle(request)))}* in <#${request.channelId}>\n${formatCounts(counts)} · until ${slackDate(request.deadlineAt)}`,
        button("I'm in", ACTIONS.optIn, String(request.id)),
      ),
    ],
    (left) => [context(`and ${left} more open requests, each in its channel.`)],
    { total },
  );
  return { text: `${total} open boost requests`, blocks: [...heading, ...items] };
}
