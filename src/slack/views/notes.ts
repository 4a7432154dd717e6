import type { ActionsBlock } from '@slack/types';
import { formatCounts } from '../../domain/counts.ts';
import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import { OPEN_LIMIT_MESSAGE } from '../../domain/policy.ts';
import { postStateOf } from '../../domain/posting.ts';
import type { BoostRequest } from '../../domain/types.ts';
import type { ListedRequest } from '../../services/overview.ts';
import type { Refusal } from '../../services/requests.ts';
import { ACTIONS, COMMAND } from '../ids.ts';
import { isAuthFailure } from '../slack-errors.ts';
import { actions, type Blocks, button, context, link, section, slackDate } from './blocks.ts';
import { fitList, MessageBudget } from './budget.ts';
import { requestTitle, type SlackMessage } from './request-message.ts';

export const note = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

const REFUSALS: Record<Refusal, string> = {
  not_found: 'That request no longer exists.',
  not_open: 'That request is closed, so it no longer takes help. Thank you for wanting to!',
  not_allowed: 'Only the person who asked (or a Boost admin) can do that.',
  too_many_open: '', // worded with the limit, see refusalNote
  duplicate: 'Already done.',
  too_late_to_remind: 'Less than a day is left before the deadline, so there is nothing left to remind you of.',
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
    blocks.push(section(`I don't know \`${escapeMrkdwn(truncate(unknownWord, 50))}\`. Here is what I can do:`));
  }
  blocks.push(section(lines.join('\n')));
  return { text: unknownWord !== undefined ? 'Unknown Boost command; here is the help.' : 'How to use Boost', blocks };
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

const code = (reason: string) => `\`${escapeMrkdwn(reason)}\``;

/** Why a request is not in its channel yet and what happens next, in the requester's words (see domain/posting.ts). */
function unpostedReason(request: BoostRequest): string {
  const reason = request.postError ?? 'no_answer';
  const channel = `<#${request.channelId}>`;
  const state = postStateOf(request);
  if (state === 'posting') return `I'm posting it in ${channel} right now.`;
  if (state === 'retry') {
    const cause =
      reason === 'ratelimited'
        ? 'Slack asked Boost to slow down for a moment.'
        : isAuthFailure(reason)
          ? `Slack refused Boost's access (${code(reason)}); please tell whoever runs Boost.`
          : `Slack had a problem (${code(reason)}).`;
    return `${cause} I'll try again by myself and post it in ${channel} as soon as Slack lets me. Nobody else sees it until then.`;
  }
  if (state === 'unconfirmed') {
    const cause =
      reason === 'timeout'
        ? 'Slack did not confirm in time'
        : reason === 'no_answer'
          ? 'Slack never confirmed'
          : `Slack had a problem (${code(reason)}) and did not confirm`;
    return `${cause} that it was posted in ${channel}. If you see it there, there is nothing to do. If you don't see it there, press *Try again*.`;
  }
  const why: Record<string, string> = {
    not_in_channel: `I'm not a member of ${channel}. Type \`/invite @Boost\` in that channel, then press *Try again*.`,
    channel_not_found: `I can't see ${channel}. If it is private, type \`/invite @Boost\` there, then press *Try again*.`,
    is_archived: `${channel} is archived. Cancel this one and ask again in another channel.`,
  };
  return why[reason] ?? `Slack said (${code(reason)}). Press *Try again* in a moment.`;
}

/** The short form, for the requester's own list (App Home, \`/boost mine\`). */
export function unpostedStatus(request: BoostRequest): string {
  return `:warning: _Not in <#${request.channelId}> yet, so nobody else sees it._ ${unpostedReason(request)}`;
}

/** Try again and Cancel, for a request that is not in its channel yet. */
export function unpostedButtons(request: BoostRequest): ActionsBlock {
  const id = String(request.id);
  return actions(`unposted_${id}`, [
    button('Try again', ACTIONS.retryPost, id, { style: 'primary' }),
    button('Cancel request', ACTIONS.cancelUnposted, id),
  ]);
}

/** Sent to the requester when their request could not be posted: it is saved, and they can try again or cancel. */
export function unpostedMessage(request: BoostRequest): SlackMessage {
  return {
    text: `Your boost request could not be posted in <#${request.channelId}>.`,
    blocks: [
      section(
        `:warning: Your request *${escapeMrkdwn(requestTitle(request))}* is saved, but I could not post it.\n${unpostedReason(request)}`,
      ),
      unpostedButtons(request),
    ],
  };
}

/** Sent to the requester when a request that failed to post earlier is now in its channel. */
export function postedLaterMessage(request: BoostRequest): SlackMessage {
  return note(
    `:white_check_mark: Your request *${escapeMrkdwn(requestTitle(request))}* is now posted in <#${request.channelId}>.`,
  );
}
