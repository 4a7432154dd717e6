import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import type { BoostRequest } from '../../domain/types.ts';
import { type Language, t } from '../../i18n/index.ts';
import type { ThanksOutcome } from '../../services/thanks.ts';
import { context, link, section } from './blocks.ts';
import type { SlackMessage } from './request-message.ts';
import { requestTitle } from './request-message.ts';

/** The one short DM a helper who shared gets when the requester presses "Send thanks", in the helper's language. */
export function thanksMessage(language: Language, request: BoostRequest): SlackMessage {
  const title = escapeMrkdwn(truncate(requestTitle(language, request), 150));
  const requester = `<@${request.requesterId}>`;
  return {
    text: t(language, 'thanks.fallback', { requester, title }),
    blocks: [
      section(t(language, 'thanks.text', { requester, title: `*${link(request.url, title)}*` })),
      context(t(language, 'thanks.why')),
    ],
  };
}

/** The requester's private confirmation: "Thanked 3 people" or why there was no one to thank. */
export function thanksConfirmation(language: Language, outcome: ThanksOutcome): string {
  const title = `*${escapeMrkdwn(truncate(requestTitle(language, outcome.request), 150))}*`;
  const sentences: string[] = [];
  if (outcome.thanked > 0) sentences.push(t(language, 'thanks.sent', { count: outcome.thanked, title }));
  else if (outcome.unreachable === 0 && outcome.uncertain === 0 && outcome.retryable === 0) {
    sentences.push(t(language, outcome.anyoneShared ? 'thanks.allDone' : 'thanks.nobodyShared', { title }));
  }
  if (outcome.unreachable > 0) sentences.push(t(language, 'thanks.unreachable', { count: outcome.unreachable }));
  if (outcome.uncertain > 0) sentences.push(t(language, 'thanks.uncertain', { count: outcome.uncertain }));
  if (outcome.retryable > 0) sentences.push(t(language, 'thanks.retryable', { count: outcome.retryable }));
  return sentences.join(' ');
}
