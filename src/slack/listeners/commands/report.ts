import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { loadReport } from '../../report.ts';
import { note } from '../../views/notes.ts';
import { REPORT_NOT_ALLOWED, REPORT_NOT_FOUND, reportMessage, reportPicker } from '../../views/report.ts';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

const PICKER_LIMIT = 10;

/** `/boost report <id>`: the report, privately, in the ack; without an id, the person's own requests to pick from. */
export async function reportCommand(
  ctx: BoostContext,
  { ack, command }: Pick<Args, 'ack' | 'command'>,
  requestId?: number,
): Promise<void> {
  if (requestId === undefined) {
    await ack(reportPicker(ctx.repos.requests.listByRequester(command.team_id, command.user_id, PICKER_LIMIT)));
    return;
  }
  const outcome = loadReport(ctx, command.team_id, command.user_id, requestId);
  if (!outcome.ok) {
    await ack(note(outcome.reason === 'not_allowed' ? REPORT_NOT_ALLOWED : REPORT_NOT_FOUND));
    return;
  }
  await ack(reportMessage(outcome.report, outcome.viewer));
}
