import { formatCounts } from '../../domain/counts.ts';
import { escapeMrkdwn } from '../../domain/escape.ts';
import { OPEN_LIMIT_MESSAGE } from '../../domain/policy.ts';
import type { BoostRequest, Counts } from '../../domain/types.ts';
import type { Refusal } from '../../services/requests.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import { type Blocks, button, context, link, section, slackDate } from './blocks.ts';
import { fitList, MessageBudget } from './budget.ts';
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
    `• \`${COMMAND}\` or \`${COMMAND} &lt;link&gt; [what you need]\`: ask for a boost (opens a form).`,
    `• \`${COMMAND} list\`: open requests you could help with.`,
    `• \`${COMMAND} mine\`: your requests and your contributions.`,
    `• \`${COMMAND} report &lt;number&gt;\`: a private report on one of your requests: opt-ins, shares, clicks, who to thank.`,
    `• \`${COMMAND} settings\`: weekly digest, showing your name, reminders.`,
    `• \`${COMMAND} export\`: everything Boost holds about you, as JSON, only for you.`,
    `• \`${COMMAND} forget-me\`: delete everything Boost holds about you (asks first).`,
    `• \`${COMMAND} stats\`: workspace figures per week, for Boost admins.`,
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

/**
 * Why a form did not open, for the person who asked for it (a command answers through its response_url, which works
 * even when Slack refuses the bot's token). `kind` is how slack-errors.ts classifies Slack's answer.
 */
export function formNotOpenedNote(kind: 'transient' | 'auth' | 'gone' | 'refused', code: string): SlackMessage {
  if (kind === 'auth') {
    return note(
      `I couldn't open the form: Slack refused Boost's access (\`${escapeMrkdwn(code)}\`). Nothing was saved. Please tell whoever runs Boost in your workspace.`,
    );
  }
  if (kind === 'transient') {
    return note(
      `Slack had a problem opening the form (\`${escapeMrkdwn(code)}\`). Please run the command again in a moment.`,
    );
  }
  return note('Slack did not let me open the form in time. Please run the command again.');
}

/** Slack's own trouble (a 5xx, no answer) passes; anything else is named as Slack said it. */
function otherReason(reason: string): string {
  const passing = /^http_5\d\d$|^network_error$|^internal_error$|^fatal_error$|^service_unavailable$/.test(reason);
  return `${passing ? 'Slack had a problem' : 'Slack said'} (\`${escapeMrkdwn(reason)}\`). Press *Try again* in a moment.`;
}

/** Sent to the requester when their request could not be posted: it is saved, and they can try again. */
export function unpostedMessage(request: BoostRequest, reason: string): SlackMessage {
  const id = String(request.id);
  const why: Record<string, string> = {
    not_in_channel: `I'm not a member of <#${request.channelId}>. Type \`/invite @Boost\` in that channel, then press *Try again*.`,
    channel_not_found: `I can't see <#${request.channelId}>. If it is private, type \`/invite @Boost\` there, then press *Try again*.`,
    is_archived: `<#${request.channelId}> is archived. Cancel this one and ask again in another channel.`,
    // A timed-out post may have gone through: say so rather than invite a duplicate.
    timeout: `Slack did not confirm in time that it was posted in <#${request.channelId}>. If you don't see it there, press *Try again*.`,
    ratelimited: 'Slack asked Boost to slow down for a moment. Press *Try again* in a minute.',
  };
  return {
    text: `Your boost request could not be posted in <#${request.channelId}>.`,
    blocks: [
      section(
        `:warning: Your request *${escapeMrkdwn(requestTitle(request))}* is saved, but I could not post it.\n${why[reason] ?? otherReason(reason)}`,
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
