import { escapeMrkdwn, truncate } from '../../domain/escape.ts';
import type { BoostRequest } from '../../domain/types.ts';
import type { ThanksOutcome } from '../../services/thanks.ts';
import { context, link, section } from './blocks.ts';
import type { SlackMessage } from './request-message.ts';
import { requestTitle } from './request-message.ts';

/** The one short DM a helper who shared gets when the requester presses "Send thanks". */
export function thanksMessage(request: BoostRequest): SlackMessage {
  const title = escapeMrkdwn(truncate(requestTitle(request), 150));
  return {
    text: `<@${request.requesterId}> says thank you for sharing ${title}`,
    blocks: [
      section(
        `:sparkles: <@${request.requesterId}> says *thank you* for sharing *${link(request.url, title)}*. It made a difference.`,
      ),
      context('You get this because you marked the request shared in Boost.'),
    ],
  };
}

const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

/** The requester's private confirmation: "Thanked 3 people" or why there was no one to thank. */
export function thanksConfirmation(outcome: ThanksOutcome): string {
  const title = `*${escapeMrkdwn(truncate(requestTitle(outcome.request), 150))}*`;
  const sentences: string[] = [];
  if (outcome.thanked > 0) sentences.push(`:sparkles: Thanked ${people(outcome.thanked)} for sharing ${title}.`);
  else if (outcome.unreachable === 0 && outcome.uncertain === 0 && outcome.retryable === 0) {
    sentences.push(
      outcome.anyoneShared
        ? `Everyone who shared ${title} has been thanked already.`
        : `Nobody has marked ${title} shared yet, so there is no one to thank yet.`,
    );
  }
  if (outcome.unreachable > 0) {
    sentences.push(
      `${outcome.unreachable === 1 ? '1 message' : `${outcome.unreachable} messages`} could not be delivered (the account may be deactivated).`,
    );
  }
  if (outcome.uncertain > 0) {
    const one = outcome.uncertain === 1;
    sentences.push(
      `${one ? '1 message' : `${outcome.uncertain} messages`} may not have arrived; to avoid a duplicate, ${one ? 'it is' : 'they are'} not sent again.`,
    );
  }
  if (outcome.retryable > 0) {
    sentences.push(
      `${outcome.retryable === 1 ? '1 message' : `${outcome.retryable} messages`} did not go through; press *Send thanks* again in a while.`,
    );
  }
  return sentences.join(' ');
}
