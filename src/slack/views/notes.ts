import { formatCounts } from '../../domain/counts.ts';
import { escapeMrkdwn } from '../../domain/escape.ts';
import { OPEN_LIMIT_MESSAGE } from '../../domain/policy.ts';
import type { BoostRequest, Counts } from '../../domain/types.ts';
import type { Refusal } from '../../services/requests.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import { type Blocks, button, context, link, section, slackDate } from './blocks.ts';
import { requestTitle, type SlackMessage } from './request-message.ts';

export const note = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

const REFUSALS: Record<Refusal, string> = {
  not_found: 'That request no longer exists.',
  not_open: 'That request is closed, so it no longer takes help. Thank you for wanting to!',
  not_allowed: 'Only the person who asked (or a Boost admin) can do that.',
  too_many_open: '', // worded with the limit, see refusalNote
  duplicate: 'Already done.',
};

export function refusalNote(refusal: Refusal, maxOpen: number): SlackMessage {
  if (refusal === 'too_many_open') return note(OPEN_LIMIT_MESSAGE(maxOpen));
  return note(REFUSALS[refusal]);
}

export function helpMessage(unknownWord?: string): SlackMessage {
  const lines = [
    `*Boost* helps you ask colleagues to share something, and lets those who want to help say so. Nobody is ever pressured.`,
    `• \`${COMMAND}\` or \`${COMMAND} <link> [what you need]\`: ask for a boost (opens a form).`,
    `• \`${COMMAND} list\`: open requests you could help with.`,
    `• \`${COMMAND} mine\`: your requests and your contributions.`,
    `• \`${COMMAND} settings\`: weekly digest, showing your name, reminders.`,
    `• \`${COMMAND} help\`: this message.`,
    "On a request: *I'm in* gives you share links and a wording to edit, *I shared it* counts your share, *Withdraw* takes you out without telling anyone.",
  ];
  const blocks: Blocks = [];
  if (unknownWord !== undefined) {
    blocks.push(section(`I don't know \`${escapeMrkdwn(unknownWord.slice(0, 50))}\`. Here is what I can do:`));
  }
  blocks.push(section(lines.join('\n')));
  return { text: unknownWord !== undefined ? 'Unknown Boost command; here is the help.' : 'How to use Boost', blocks };
}

export interface ListedRequest {
  request: BoostRequest;
  counts: Counts;
}

export function openRequestsList(listed: readonly ListedRequest[], total: number): SlackMessage {
  if (listed.length === 0) {
    return note(`No open requests right now. Start one with \`${COMMAND}\`.`);
  }
  const blocks: Blocks = [section(`*Open requests* (${total})`)];
  for (const { request, counts } of listed) {
    blocks.push(
      section(
        `*${link(request.url, escapeMrkdwn(requestTitle(request)))}* in <#${request.channelId}>\n${formatCounts(counts)} · until ${slackDate(request.deadlineAt)}`,
        button("I'm in", ACTIONS.optIn, String(request.id)),
      ),
    );
  }
  if (total > listed.length) blocks.push(context(`and ${total - listed.length} more.`));
  return { text: `${total} open boost requests`, blocks };
}

/** Sent to the requester when their request could not be posted: it is saved, and they can try again. */
export function unpostedMessage(request: BoostRequest, reason: string): SlackMessage {
  const id = String(request.id);
  const why: Record<string, string> = {
    not_in_channel: `I'm not a member of <#${request.channelId}>. Type \`/invite @Boost\` in that channel, then press *Try again*.`,
    channel_not_found: `I can't see <#${request.channelId}>. If it is private, type \`/invite @Boost\` there, then press *Try again*.`,
    is_archived: `<#${request.channelId}> is archived. Cancel this one and ask again in another channel.`,
  };
  return {
    text: `Your boost request could not be posted in <#${request.channelId}>.`,
    blocks: [
      section(
        `:warning: Your request *${escapeMrkdwn(requestTitle(request))}* is saved, but I could not post it.\n${why[reason] ?? `Slack said \`${escapeMrkdwn(reason)}\`. Press *Try again* in a moment.`}`,
      ),
      {
        type: 'actions',
        block_id: `unposted_${id}`,
        elements: [
          button('Try again', ACTIONS.retryPost, id, { style: 'primary' }),
          button('Cancel request', ACTIONS.cancelUnposted, id),
        ],
      },
    ],
  };
}
