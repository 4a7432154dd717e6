import type { ActionsBlock } from '@slack/types';
import { escapeMrkdwn } from '../../domain/escape.ts';
import { postStateOf } from '../../domain/posting.ts';
import type { BoostRequest } from '../../domain/types.ts';
import { type Language, type MessageKey, t } from '../../i18n/index.ts';
import { ACTIONS } from '../ids.ts';
import { isAuthFailure } from '../slack-errors.ts';
import { actions, button, section } from './blocks.ts';
import { note } from './note.ts';
import { requestTitle, type SlackMessage } from './request-message.ts';

// What the requester is told about a request that is not in its channel yet, and when it gets there.

const code = (reason: string) => `\`${escapeMrkdwn(reason)}\``;

/** Slack's answers that have their own advice; any other gets the generic one. */
const REFUSED: Record<string, MessageKey> = {
  not_in_channel: 'unposted.notInChannel',
  channel_not_found: 'unposted.channelNotFound',
  is_archived: 'unposted.archived',
};

/** Why a request is not in its channel yet and what happens next, in the requester's words (see domain/posting.ts). */
function unpostedReason(language: Language, request: BoostRequest): string {
  const reason = request.postError ?? 'no_answer';
  const channel = `<#${request.channelId}>`;
  const state = postStateOf(request);
  if (state === 'posting') return t(language, 'unposted.posting', { channel });
  if (state === 'retry') {
    const cause =
      reason === 'ratelimited'
        ? t(language, 'unposted.cause.ratelimited')
        : isAuthFailure(reason)
          ? t(language, 'unposted.cause.auth', { code: code(reason) })
          : t(language, 'unposted.cause.problem', { code: code(reason) });
    return `${cause} ${t(language, 'unposted.willRetry', { channel })}`;
  }
  if (state === 'unconfirmed') {
    const cause =
      reason === 'timeout'
        ? t(language, 'unposted.unconfirmed.timeout', { channel })
        : reason === 'no_answer'
          ? t(language, 'unposted.unconfirmed.noAnswer', { channel })
          : t(language, 'unposted.unconfirmed.problem', { channel, code: code(reason) });
    return `${cause} ${t(language, 'unposted.unconfirmed.advice')}`;
  }
  const advice = REFUSED[reason];
  return advice ? t(language, advice, { channel }) : t(language, 'unposted.other', { code: code(reason) });
}

/** The short form, for the requester's own list (App Home, \`/boost mine\`). */
export function unpostedStatus(language: Language, request: BoostRequest): string {
  return `${t(language, 'unposted.status', { channel: `<#${request.channelId}>` })} ${unpostedReason(language, request)}`;
}

/** Try again and Cancel, for a request that is not in its channel yet. */
export function unpostedButtons(language: Language, request: BoostRequest): ActionsBlock {
  const id = String(request.id);
  return actions(`unposted_${id}`, [
    button(t(language, 'button.tryAgain'), ACTIONS.retryPost, id, { style: 'primary' }),
    button(t(language, 'button.cancelRequest'), ACTIONS.cancelUnposted, id),
  ]);
}

/** Sent to the requester when their request could not be posted: it is saved, and they can try again or cancel. */
export function unpostedMessage(language: Language, request: BoostRequest): SlackMessage {
  const title = `*${escapeMrkdwn(requestTitle(language, request))}*`;
  return {
    text: t(language, 'unposted.fallback', { channel: `<#${request.channelId}>` }),
    blocks: [
      section(`${t(language, 'unposted.saved', { title })}\n${unpostedReason(language, request)}`),
      unpostedButtons(language, request),
    ],
  };
}

/** Sent to the requester when a request that failed to post earlier is now in its channel. */
export function postedLaterMessage(language: Language, request: BoostRequest): SlackMessage {
  return note(
    t(language, 'unposted.postedLater', {
      title: `*${escapeMrkdwn(requestTitle(language, request))}*`,
      channel: `<#${request.channelId}>`,
    }),
  );
}
