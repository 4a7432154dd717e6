import type { Actor, Outcome, ParticipationResult } from '../../../services/requests.ts';
import type { BoostContext } from '../../context.ts';
import { languageOf, type Words } from '../../language.ts';
import { recoverPostFromClick } from '../../recover-post-from-click.ts';
import { refreshRequestEverywhere } from '../../refresh-request-everywhere.ts';
import { actorOfClick, answersOnHome, explainRefusal, requestIdOf } from '../actor.ts';
import type { ButtonArgs } from '../args.ts';
import { teamIdOf } from '../args.ts';

/** How a button answers once its change is saved, on each surface it appears on. */
export interface ClickAnswers {
  /** On a message: the handler's own reply through response_url, sent after the change is shown. */
  inMessage(recorded: ParticipationResult): Promise<void>;
  /** On the App Home: the note for the top of the person's refreshed Home, if any. */
  onHome(recorded: ParticipationResult): Promise<Words | undefined> | Words | undefined;
}

/**
 * What "I'm in", "I shared it" and "Withdraw" do, on a request's message and on the App Home alike: apply the use case
 * (its transaction shares a commit with those arriving together), ack once it is saved, then show the change (the message, the Homes concerned) and answer
 * where the click was made. A refusal is explained there instead; a repeated delivery from Slack is a refusal that
 * nobody is told about.
 */
export async function recordClick(
  ctx: BoostContext,
  args: ButtonArgs,
  apply: (requestId: number, actor: Actor) => Promise<Outcome<ParticipationResult>>,
  answers: ClickAnswers,
): Promise<void> {
  const { ack, body, action } = args;
  const result = await apply(requestIdOf(action), actorOfClick(ctx, body, action));
  await ack();
  if (!result.ok) return explainRefusal(ctx, args, result.refusal);
  const { request, changed } = result.value;
  if (answersOnHome(body)) {
    // The change and the note go out in one publish of the person's Home.
    const notice = await answers.onHome(result.value);
    // Worded before the refresh starts, so that the change and the note go out in the same publish.
    const language = notice && (await languageOf(ctx, teamIdOf(body), body.user.id));
    if (changed) refreshRequestEverywhere(ctx, request, body.user.id);
    ctx.homes.opened(teamIdOf(body), body.user.id, { notice: language ? notice?.(language) : undefined });
    return;
  }
  await recoverPostFromClick(ctx, request, body);
  if (changed) refreshRequestEverywhere(ctx, request, body.user.id);
  await answers.inMessage(result.value);
}
