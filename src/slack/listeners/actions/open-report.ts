import { t } from '../../../i18n/index.ts';
import { isAdmin, isAdminCached } from '../../admins.ts';
import type { BoostContext } from '../../context.ts';
import { languageOf } from '../../language.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import { note } from '../../views/note.ts';
import { reportModal, reportNoteModal, reportRefusal } from '../../views/report-message.ts';
import { requestIdOf } from '../actor.ts';
import { type ButtonArgs, teamIdOf } from '../args.ts';

/** "Report" (App Home, `/boost mine`, `/boost report`): the requester's report on one request, in a modal. */
export const openReport =
  (ctx: BoostContext) =>
  async ({ ack, body, action, client, respond }: ButtonArgs) => {
    await ack();
    const teamId = teamIdOf(body);
    const viewerId = body.user.id;
    const load = (viewerIsAdmin: boolean) =>
      ctx.services.reports.load({ teamId, viewerId, requestId: requestIdOf(action), viewerIsAdmin, now: ctx.clock() });
    const known = await load(await isAdminCached(ctx, teamId, viewerId));
    // Someone who is not the requester may be a Slack admin whose flag is not cached yet.
    const outcome = known.ok || known.reason === 'not_found' ? known : await load(await isAdmin(ctx, teamId, viewerId));
    const language = await languageOf(ctx, teamId, viewerId);
    const view = outcome.ok
      ? reportModal(language, outcome.report, outcome.viewer)
      : reportNoteModal(language, reportRefusal(language, outcome.reason));
    try {
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      ctx.logger.warn(`Could not open a report: ${slackErrorCode(error)}`);
      // The trigger expires after 3 s; where the click came from a message, say so there instead.
      if (body.response_url) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...note(t(language, 'report.notOpened')),
        });
      }
    }
  };
