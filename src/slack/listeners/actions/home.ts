import type { Outcome, ParticipationResult } from '../../../services/requests.ts';
import type { BoostContext } from '../../context.ts';
import { openSettingsModal } from '../../open-settings-modal.ts';
import { refreshRequestEverywhere } from '../../refresh-request-everywhere.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import { startRequest } from '../../start-request.ts';
import { optedInNotice, sharedNotice, withdrawnNotice } from '../../views/home-notices.ts';
import { refusalNote } from '../../views/refusal-notes.ts';
import { sharedModal } from '../../views/shared-modal.ts';
import { actorOfClick, requestIdOf } from '../actor.ts';
import type { ButtonArgs } from './opt-in.ts';

// Buttons in the App Home. A Home click has no response_url, so each answers by refreshing the person's Home, with a
// one-off note at the top; nobody else is messaged.

const teamOf = (body: ButtonArgs['body']) => body.team?.id ?? body.user.team_id ?? '';

/** Refreshes the Homes concerned and puts a note on the actor's, whether the action went through or not. */
function answerOnHome(
  ctx: BoostContext,
  body: ButtonArgs['body'],
  result: Outcome<ParticipationResult>,
  notice: (value: ParticipationResult) => string | undefined,
): void {
  const teamId = teamOf(body);
  if (!result.ok) {
    if (result.refusal === 'duplicate') return;
    const why = refusalNote(result.refusal, ctx.config.MAX_OPEN_REQUESTS_PER_USER).text;
    ctx.homes.opened(teamId, body.user.id, { notice: why });
    return;
  }
  if (result.value.changed) {
    refreshRequestEverywhere(ctx, result.value.request, body.user.id);
  }
  ctx.homes.opened(teamId, body.user.id, { notice: notice(result.value) });
}

/** "I'm in" on the Home: recorded before the ack; the Home then shows the share links under "Your contributions". */
export const optInFromHome =
  (ctx: BoostContext) =>
  async ({ ack, body, action }: ButtonArgs) => {
    const result = await ctx.commits.run(() => ctx.service.optIn(requestIdOf(action), actorOfClick(ctx, body, action)));
    await ack();
    answerOnHome(ctx, body, result, ({ request }) => optedInNotice(request));
  };

/** "I shared it" on the Home: counted at once, then the optional form for the link to their post. */
export const markSharedFromHome =
  (ctx: BoostContext) =>
  async ({ ack, body, action, client, logger }: ButtonArgs) => {
    const result = await ctx.commits.run(() =>
      ctx.service.markShared(requestIdOf(action), actorOfClick(ctx, body, action)),
    );
    await ack();
    if (!result.ok) return answerOnHome(ctx, body, result, () => undefined);
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: sharedModal(result.value.request) });
      answerOnHome(ctx, body, result, () => undefined);
    } catch (error) {
      logger.warn(`Could not open the shared form: ${slackErrorCode(error)}`);
      answerOnHome(ctx, body, result, ({ request }) => sharedNotice(request));
    }
  };

/** "Withdraw" on the Home: one click, no question, nobody told (rule 4). */
export const withdrawFromHome =
  (ctx: BoostContext) =>
  async ({ ack, body, action }: ButtonArgs) => {
    const result = await ctx.commits.run(() =>
      ctx.service.withdraw(requestIdOf(action), actorOfClick(ctx, body, action)),
    );
    await ack();
    answerOnHome(ctx, body, result, ({ request }) => withdrawnNotice(request));
  };

/** "New request" on the Home. */
export const newRequestFromHome =
  (ctx: BoostContext) =>
  async ({ ack, body }: ButtonArgs) => {
    await ack();
    await startRequest(ctx, { teamId: teamOf(body), userId: body.user.id, triggerId: body.trigger_id });
  };

/** "Settings" / "Change settings" on the Home. */
export const openSettings =
  (ctx: BoostContext) =>
  async ({ ack, body }: ButtonArgs) => {
    await ack();
    await openSettingsModal(ctx, teamOf(body), body.user.id, body.trigger_id);
  };
