import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { Actor, Refusal } from '../../services/requests.ts';
import type { BoostContext } from '../context.ts';
import { refusalNote } from '../views/refusal-notes.ts';

/** Who clicked, and a key that is the same when Slack delivers the same click twice. */
export function actorOfClick(ctx: BoostContext, body: BlockAction, action: ButtonAction): Actor {
  const teamId = body.team?.id ?? body.user.team_id ?? '';
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

/** Tells the person privately why nothing happened; a repeated delivery from Slack is dropped silently. */
export async function explainRefusal(ctx: BoostContext, respond: RespondFn, refusal: Refusal): Promise<void> {
  if (refusal === 'duplicate') return;
  await ctx.replyGate.wait();
  const note = refusalNote(refusal, ctx.config.MAX_OPEN_REQUESTS_PER_USER);
  await respond({ response_type: 'ephemeral', replace_original: false, ...note });
}
