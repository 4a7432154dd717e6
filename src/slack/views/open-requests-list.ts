import { escapeMrkdwn } from '../../domain/escape.ts';
import { type Language, t } from '../../i18n/index.ts';
import type { ListedRequest } from '../../services/overview.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import { button, context, link, section, slackDate } from './blocks.ts';
import { fitList, MessageBudget } from './budget.ts';
import { countsText } from './figures.ts';
import { note } from './note.ts';
import { requestTitle, type SlackMessage } from './request-message.ts';

/** `/boost list`: the open requests that fit in one message, then how many more there are. */
export function openRequestsList(language: Language, listed: readonly ListedRequest[], total: number): SlackMessage {
  if (listed.length === 0) {
    return note(t(language, 'list.none', { command: COMMAND }));
  }
  const heading = [section(t(language, 'list.heading', { count: total }))];
  const budget = MessageBudget.after(heading);
  const items = fitList(
    budget,
    listed,
    ({ request, counts }) => [
      section(
        `${t(language, 'overview.inChannel', {
          title: `*${link(request.url, escapeMrkdwn(requestTitle(language, request)))}*`,
          channel: `<#${request.channelId}>`,
        })}\n${t(language, 'home.figuresUntil', { counts: countsText(language, counts), date: slackDate(language, request.deadlineAt) })}`,
        button(t(language, 'button.optIn'), ACTIONS.optIn, String(request.id)),
      ),
    ],
    (left) => [context(t(language, 'list.more', { count: left }))],
    { total },
  );
  return { text: t(language, 'list.fallback', { count: total }), blocks: [...heading, ...items] };
}
