import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { Actor, Refusal } from '../../services/requests.ts';
import type { BoostContext } from '../context.ts';
import { languageOf, type Words } from '../language.ts';
import { note } from '../views/note.ts';
import { refusalText } from '../views/refusal-notes.ts';
import { type ButtonArgs, teamIdOf } from './args.ts';

/** Who clicked, and a key that is the same when Slack delivers the same click twice. */
export function actorOfClick(ctx: BoostContext, body: BlockAction, action: ButtonAction): Actor {
  const teamId = teamIdOf(body);
  return {
    teamId,
    userId: body.user.id,
    now: ctx.clock(),
    deliveryKey: `action:${teamId}:${body.user.id}:${action.action_id}:${action.action_ts}`,
  };
}

export function requestIdOf(action: ButtonAction): number {
  const id = Number.parseInt(action.value ?? '', 10);
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

/** True when the click came from a private (ephemeral) message, which can be replaced in place. */
export function clickedInEphemeral(body: BlockAction): boolean {
  return body.container?.is_ephemeral === true;
}

/**
 * True when the click came from the App Home (or a modal over it): a view has no response_url, so the answer is a
 * note at the top of the person's refreshed Home. A click on a message is answered through its response_url.
 */
export function answersOnHome(body: BlockAction): boolean {
  return !body.response_url;
}

/**
 * Tells the person something, in their language, where they clicked: on their Home, or privately under the message
 * (replacing it when `replace` says so, once other clicks are acknowledged).
 */
export async function answerClick(
  ctx: BoostContext,
  { body, respond }: Pick<ButtonArgs, 'body' | 'respond'>,
  words: Words,
  { replace = false } = {},
): Promise<void> {
  const text = words(await languageOf(ctx, teamIdOf(body), body.user.id));
  if (answersOnHome(body)) {
    ctx.homes.opened(teamIdOf(body), body.user.id, { notice: text });
    return;
  }
  await ctx.replyGate.wait();
  await respond(
    replace
      ? { replace_original: true, ...note(text) }
      : { response_type: 'ephemeral', replace_original: false, ...note(text) },
  );
}

/**
 * Tells the person, where they clicked, why nothing happened (`wording` overrides the usual words); a repeated
 * delivery from Slack is dropped silently.
 */
export async function explainRefusal(
  ctx: BoostContext,
  args: Pick<ButtonArgs, 'body' | 'respond'>,
  refusal: Refusal,
  wording?: Words,
): Promise<void> {
  if (refusal === 'duplicate') return;
  await answerClick(
    ctx,
    args,
    wording ?? ((language) => refusalText(language, refusal, ctx.config.MAX_OPEN_REQUESTS_PER_USER)),
  );
}
