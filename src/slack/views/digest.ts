import type { Digest, DigestRequest, DigestRequestLine } from '../../domain/digest.ts';
import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import { type Language, t } from '../../i18n/index.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import { actions, type Blocks, button, context, divider, header, link, section, slackDate } from './blocks.ts';
import { fitList, listSection, MessageBudget } from './budget.ts';
import { clicksText, countsText } from './figures.ts';
import { requestTitle, type SlackMessage } from './request-message.ts';

/** Names listed per request before "and N more": keeps each section far below Slack's 3,000 characters. */
const MAX_NAMES = 30;
/**
 * Room each later part of the digest keeps from the parts before it, so a requester's busy week cannot crowd out what
 * they helped with, their thanks, or the open requests.
 */
const LATER_ROOM = { helped: 1500, thanks: 800, open: 1200 } as const;

/** The weekly digest DM. Every digest ends with a one-click "Stop these digests"; it always fits in one message. */
export function digestMessage(language: Language, digest: Digest): SlackMessage {
  const head = [header(t(language, 'digest.header'))];
  const footer = [
    divider(),
    actions('digest_stop', [button(t(language, 'digest.stop'), ACTIONS.stopDigests, digest.week)]),
    context(t(language, 'digest.why', { command: COMMAND })),
  ];
  const budget = MessageBudget.after(head, footer);
  const keepAfter = (...parts: (keyof typeof LATER_ROOM)[]) =>
    parts.reduce((sum, part) => sum + (digest[part].length > 0 ? LATER_ROOM[part] : 0), 0);
  const blocks: Blocks = [...head];
  const titleLink = (request: DigestRequest) => digestTitleLink(language, request);

  if (digest.requests.length > 0) {
    blocks.push(...budget.spend([section(t(language, 'digest.yourRequests'))]));
    blocks.push(
      ...fitList(
        budget,
        digest.requests,
        (line) => [requestSection(language, line)],
        (left) => [context(t(language, 'digest.moreRequests', { count: left, command: COMMAND }))],
        { total: digest.requests.length + digest.moreRequests, keep: keepAfter('helped', 'thanks', 'open') },
      ),
    );
  }

  if (digest.helped.length > 0) {
    const lines = digest.helped.map(({ request, shared, clicks }) => {
      const sharedNote = shared ? ` ${t(language, 'digest.sharedNote')}` : '';
      const clicksNote = clicks
        ? ` · ${t(language, 'digest.onYourLink', { clicks: clicksText(language, clicks) })}`
        : '';
      return `• ${titleLink(request)}${sharedNote}${clicksNote}`;
    });
    const total = lines.length + digest.moreHelped;
    blocks.push(
      ...listSection(language, budget, `${t(language, 'digest.helped')}\n`, lines, {
        total,
        keep: keepAfter('thanks', 'open'),
      }),
    );
  }

  if (digest.thanks.length > 0) {
    const lines = digest.thanks.map((r) => `• ${titleLink(r)}`);
    blocks.push(
      ...listSection(language, budget, `${t(language, 'digest.thanks')}\n`, lines, { keep: keepAfter('open') }),
    );
  }

  if (digest.open.length > 0) {
    blocks.push(...budget.spend([section(t(language, 'digest.open'))]));
    blocks.push(
      ...fitList(
        budget,
        digest.open,
        ({ request, counts }) => [
          section(
            `${t(language, 'overview.inChannel', { title: titleLink(request), channel: `<#${request.channelId}>` })}\n${t(
              language,
              'home.figuresUntil',
              { counts: countsText(language, counts), date: slackDate(language, request.deadlineAt) },
            )}`,
            button(t(language, 'button.optIn'), ACTIONS.optIn, String(request.id)),
          ),
        ],
        (left) => [context(t(language, 'digest.moreOpen', { count: left, command: COMMAND }))],
      ),
    );
  }

  blocks.push(...footer);
  return { text: summary(language, digest), blocks };
}

/** One of the requester's own requests: figures, and helpers by name (rule 3: for the requester's eyes only). */
function requestSection(language: Language, line: DigestRequestLine) {
  const { request } = line;
  const helpers = line.helpers.slice(0, MAX_NAMES).map((h) => {
    const notes = [h.shared ? t(language, 'digest.helperShared') : '', h.clicks ? clicksText(language, h.clicks) : '']
      .filter(Boolean)
      .join(', ');
    return `<@${h.userId}>${notes ? ` (${notes})` : ''}`;
  });
  const more = line.helpers.length - helpers.length;
  const names = helpers.join(', ');
  const figures = `${countsText(language, line.counts)}${
    line.clicks ? ` · ${t(language, 'digest.soFar', { clicks: clicksText(language, line.clicks) })}` : ''
  }`;
  const text = [
    `${digestTitleLink(language, request)} · ${status(language, request)}`,
    figures,
    helpers.length > 0
      ? t(language, 'digest.helpers', {
          names: more > 0 ? t(language, 'names.andMore', { names, count: more }) : names,
        })
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  return section(
    text,
    line.canThank ? button(t(language, 'button.sendThanks'), ACTIONS.sendThanks, String(request.id)) : undefined,
  );
}

/** What the digest becomes after "Stop these digests". */
export function digestsStoppedMessage(language: Language): SlackMessage {
  const text = t(language, 'digest.stopped', { command: COMMAND });
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}

/** The notification line: figures only, no user text. */
function summary(language: Language, digest: Digest): string {
  const parts: string[] = [];
  const ownCount = digest.requests.length + digest.moreRequests;
  if (ownCount > 0) parts.push(t(language, 'digest.summary.requests', { count: ownCount }));
  if (digest.helped.length > 0) {
    parts.push(t(language, 'digest.summary.helped', { count: digest.helped.length + digest.moreHelped }));
  }
  if (digest.thanks.length > 0) parts.push(t(language, 'digest.summary.thanks', { count: digest.thanks.length }));
  if (digest.open.length > 0) parts.push(t(language, 'digest.summary.open', { count: digest.open.length }));
  return t(language, 'digest.summary', { parts: parts.join(', ') });
}

function digestTitleLink(language: Language, request: DigestRequest): string {
  const title = escapeMrkdwn(truncate(requestTitle(language, request), 80));
  // A very long link would crowd out everything else; the title alone still says which request it is.
  return request.url.length <= 500 ? `*${link(request.url, title)}*` : `*${title}*`;
}

function status(language: Language, request: DigestRequest): string {
  if (request.status === 'open') return t(language, 'digest.until', { date: slackDate(language, request.deadlineAt) });
  return t(language, request.status === 'expired' ? 'digest.ended' : 'digest.closed');
}
