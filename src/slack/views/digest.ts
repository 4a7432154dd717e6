import { formatCounts } from '../../domain/counts.ts';
import type { Digest, DigestRequest, DigestRequestLine } from '../../domain/digest.ts';
import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import { formatClicks } from '../../domain/tracked-links.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import { actions, type Blocks, button, context, divider, header, link, section, slackDate } from './blocks.ts';
import { fitList, listSection, MessageBudget } from './budget.ts';
import { requestTitle, type SlackMessage } from './request-message.ts';

/** Names listed per request before "and N more": keeps each section far below Slack's 3,000 characters. */
const MAX_NAMES = 30;
/**
 * Room each later part of the digest keeps from the parts before it, so a requester's busy week cannot crowd out what
 * they helped with, their thanks, or the open requests.
 */
const LATER_ROOM = { helped: 1500, thanks: 800, open: 1200 } as const;

/** The weekly digest DM. Every digest ends with a one-click "Stop these digests"; it always fits in one message. */
export function digestMessage(digest: Digest): SlackMessage {
  const head = [header('Your week with Boost')];
  const footer = [
    divider(),
    actions('digest_stop', [button('Stop these digests', ACTIONS.stopDigests, digest.week)]),
    context(
      `You get this because you asked for a boost, helped with one, or subscribed. \`${COMMAND} settings\` changes it.`,
    ),
  ];
  const budget = MessageBudget.after(head, footer);
  const keepAfter = (...parts: (keyof typeof LATER_ROOM)[]) =>
    parts.reduce((sum, part) => sum + (digest[part].length > 0 ? LATER_ROOM[part] : 0), 0);
  const blocks: Blocks = [...head];

  if (digest.requests.length > 0) {
    blocks.push(...budget.spend([section('*Your requests*')]));
    blocks.push(
      ...fitList(
        budget,
        digest.requests,
        (line) => [requestSection(line)],
        (left) => [context(`and ${left} more of your requests; \`${COMMAND} mine\` lists them all.`)],
        { total: digest.requests.length + digest.moreRequests, keep: keepAfter('helped', 'thanks', 'open') },
      ),
    );
  }

  if (digest.helped.length > 0) {
    const lines = digest.helped.map(
      ({ request, shared, clicks }) =>
        `• ${titleLink(request)}${shared ? ' (shared)' : ''}${clicks ? ` · ${formatClicks(clicks)} on your link so far` : ''}`,
    );
    const total = lines.length + digest.moreHelped;
    blocks.push(...listSection(budget, '*You helped with*\n', lines, { total, keep: keepAfter('thanks', 'open') }));
  }

  if (digest.thanks.length > 0) {
    const lines = digest.thanks.map((r) => `• ${titleLink(r)}`);
    blocks.push(...listSection(budget, ':sparkles: *Thanks received* for\n', lines, { keep: keepAfter('open') }));
  }

  if (digest.open.length > 0) {
    blocks.push(...budget.spend([section('*Open requests you might like*')]));
    blocks.push(
      ...fitList(
        budget,
        digest.open,
        ({ request, counts }) => [
          section(
            `${titleLink(request)} in <#${request.channelId}>\n${formatCounts(counts)} · until ${slackDate(request.deadlineAt)}`,
            button("I'm in", ACTIONS.optIn, String(request.id)),
          ),
        ],
        (left) => [context(`and ${left} more; \`${COMMAND} list\` shows every open request.`)],
      ),
    );
  }

  blocks.push(...footer);
  return { text: summary(digest), blocks };
}

/** One of the requester's own requests: figures, and helpers by name (rule 3: for the requester's eyes only). */
function requestSection(line: DigestRequestLine) {
  const { request } = line;
  const helpers = line.helpers.slice(0, MAX_NAMES).map((h) => {
    const notes = [h.shared ? 'shared' : '', h.clicks ? formatClicks(h.clicks) : ''].filter(Boolean);
    return `<@${h.userId}>${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
  });
  const more = line.helpers.length - helpers.length;
  const text = [
    `${titleLink(request)} · ${status(request)}`,
    `${formatCounts(line.counts)}${line.clicks ? ` · ${formatClicks(line.clicks)} so far` : ''}`,
    helpers.length > 0 ? `Helpers: ${helpers.join(', ')}${more > 0 ? ` and ${more} more` : ''}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return section(text, line.canThank ? button('Send thanks', ACTIONS.sendThanks, String(request.id)) : undefined);
}

/** What the digest becomes after "Stop these digests". */
export function digestsStoppedMessage(): SlackMessage {
  const text = `Done: no more Boost digests. To get them again, turn them back on with \`${COMMAND} settings\`.`;
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}

/** The notification line: figures only, no user text. */
function summary(digest: Digest): string {
  const parts: string[] = [];
  const ownCount = digest.requests.length + digest.moreRequests;
  if (ownCount > 0) parts.push(`${ownCount} of your requests`);
  if (digest.helped.length > 0) parts.push(`you helped with ${digest.helped.length + digest.moreHelped}`);
  if (digest.thanks.length > 0) parts.push(`${digest.thanks.length} thanks`);
  if (digest.open.length > 0) parts.push(`${digest.open.length} open requests`);
  return `Your week with Boost: ${parts.join(', ')}`;
}

function titleLink(request: DigestRequest): string {
  const title = escapeMrkdwn(truncate(requestTitle(request), 80));
  // A very long link would crowd out everything else; the title alone still says which request it is.
  return request.url.length <= 500 ? `*${link(request.url, title)}*` : `*${title}*`;
}

function status(request: DigestRequest): string {
  if (request.status === 'open') return `until ${slackDate(request.deadlineAt)}`;
  return request.status === 'expired' ? 'ended at its deadline' : 'closed';
}
