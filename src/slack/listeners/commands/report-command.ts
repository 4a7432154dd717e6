import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Language } from '../../../i18n/index.ts';
import type { ReportOutcome } from '../../../services/report-read-model.ts';
import { isAdmin, isAdminCached } from '../../admins.ts';
import type { BoostContext } from '../../context.ts';
import { ackLanguageOf, languageOf } from '../../language.ts';
import { note } from '../../views/note.ts';
import { reportMessage, reportPicker, reportRefusal } from '../../views/report-message.ts';
import type { SlackMessage } from '../../views/request-message.ts';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

const PICKER_LIMIT = 10;

const answer = (language: Language, outcome: ReportOutcome): SlackMessage =>
  outcome.ok ? reportMessage(language, outcome.report, outcome.viewer) : note(reportRefusal(language, outcome.reason));

/**
 * `/boost report <id>`: the report, privately, in the ack; without an id, the person's own requests to pick from. For
 * someone who is not the requester, whether they are a Slack admin may take users.info, which must not delay the ack.
 */
export async function reportCommand(
  ctx: BoostContext,
  { ack, command, respond }: Pick<Args, 'ack' | 'command' | 'respond'>,
  requestId?: number,
): Promise<void> {
  const { team_id: teamId, user_id: userId } = command;
  if (requestId === undefined) {
    const choices = await ctx.services.reports.choices(teamId, userId, PICKER_LIMIT);
    await ack(reportPicker(await ackLanguageOf(ctx, teamId, userId), choices.items, choices.total));
    return;
  }
  const load = (viewerIsAdmin: boolean) =>
    ctx.services.reports.load({ teamId, viewerId: userId, requestId, viewerIsAdmin, now: ctx.clock() });
  const known = await load(await isAdminCached(ctx, teamId, userId));
  if (known.ok || known.reason === 'not_found') {
    await ack(answer(await ackLanguageOf(ctx, teamId, userId), known));
    return;
  }
  await ack();
  const checked = await load(await isAdmin(ctx, teamId, userId));
  await respond({ response_type: 'ephemeral', ...answer(await languageOf(ctx, teamId, userId), checked) });
}
