import { formatCounts } from '../../domain/counts.ts';
import type { Digest, DigestRequest } from '../../domain/digest.ts';
import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import { formatClicks } from '../../domain/tracked-links.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import { actions, type Blocks, button, context, divider, header, link, section, slackDate } from './blocks.ts';
import { requestTitle, type SlackMessage } from './request-message.ts';

/** Names listed per request before "and N more": keeps each section far below Slack's 3,000 characters. */
const MAX_NAMES = 30;
const SECTION_BUDGET = 2900;

/** The weekly digest DM. Every digest ends with a one-click "Stop these digests". */
export function digestMessage(digest: Digest): SlackMessage {
  const blocks: Blocks = [header('Your week with Boost')];

  if (digest.requests.length > 0) {
    blocks.push(section('*Your requests*'));
    for (const line of digest.requests) {
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
      blocks.push(
        section(text, line.canThank ? button('Send thanks', ACTIONS.sendThanks, String(request.id)) : undefined),
      );
    }
    if (digest.moreRequests > 0) {
      blocks.push(context(`and ${digest.moreRequests} more; \`${COMMAND} mine\` lists them all.`));
    }
  }

  if (digest.helped.length > 0) {
    const lines = digest.helped.map(
      ({ request, shared, clicks }) =>
        `• ${titleLink(request)}${shared ? ' (shared)' : ''}${clicks ? ` · ${formatClicks(clicks)} on your link so far` : ''}`,
    );
    const more = digest.moreHelped > 0 ? `\nand ${digest.moreHelped} more` : '';
    blocks.push(section(`*You helped with*\n${fitLines(lines)}${more}`));
  }

  if (digest.thanks.length > 0) {
    blocks.push(
      section(`:sparkles: *Thanks received* for\n${fitLines(digest.thanks.map((r) => `• ${titleLink(r)}`))}`),
    );
  }

  if (digest.open.length > 0) {
    blocks.push(section('*Open requests you might like*'));
    for (const { request, counts } of digest.open) {
      blocks.push(
        section(
          `${titleLink(request)} in <#${request.channelId}>\n${formatCounts(counts)} · until ${slackDate(request.deadlineAt)}`,
          button("I'm in", ACTIONS.optIn, String(request.id)),
        ),
      );
    }
  }

  blocks.push(divider());
  blocks.push(actions('digest_stop', [button('Stop these digests', ACTIONS.stopDigests, digest.week)]));
  blocks.push(
    context(
      `You get this because you asked for a boost, helped with one, or subscribed. \`${COMMAND} settings\` changes it.`,
    ),
  );
  return { text: summary(digest), blocks };
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

/** Joins lines while they fit in one section, then says how many were left out. */
function fitLines(lines: readonly string[]): string {
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > SECTION_BUDGET - 40) break;
    kept.push(line);
    length += line.length + 1;
  }
  const left = lines.length - kept.length;
  return kept.join('\n') + (left > 0 ? `\nand ${left} more` : '');
}
