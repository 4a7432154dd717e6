import type { ActionsBlock } from '@slack/types';
import { escapeMrkdwn } from '../../domain/escape.ts';
import { postStateOf } from '../../domain/posting.ts';
import type { BoostRequest } from '../../domain/types.ts';
import { ACTIONS } from '../ids.ts';
import { isAuthFailure } from '../slack-errors.ts';
import { actions, button, section } from './blocks.ts';
import { note } from './note.ts';
import { requestTitle, type SlackMessage } from './request-message.ts';

// What the requester is told about a request that is not in its channel yet, and when it gets there.

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
