import { t } from '../i18n/index.ts';
import type { BoostContext } from './context.ts';
import { languageOf } from './language.ts';
import { type ModalOpening, openRequestModal } from './open-request-modal.ts';
import { slackErrorCode } from './slack-errors.ts';
import { infoModal } from './views/info-modal.ts';
import { refusalText } from './views/refusal-notes.ts';

/**
 * Opens the new-request form from a shortcut or the Home tab. Those surfaces cannot show a message, so when the person
 * already has the most open requests allowed, a small modal says so instead of a form they could not submit.
 */
export async function startRequest(ctx: BoostContext, opening: ModalOpening): Promise<boolean> {
  const actor = { teamId: opening.teamId, userId: opening.userId, now: ctx.clock() };
  if (await ctx.services.requests.canCreate(actor)) return openRequestModal(ctx, opening);
  try {
    const language = await languageOf(ctx, opening.teamId, opening.userId, { opening: true });
    const why = refusalText(language, 'too_many_open', ctx.config.MAX_OPEN_REQUESTS_PER_USER);
    const view = infoModal(language, t(language, 'newRequest.title.modal'), why);
    const { bot } = await ctx.slack.forTeam(opening.teamId);
    await bot.views.open({ trigger_id: opening.triggerId, view });
    return true;
  } catch (error) {
    ctx.logger.warn(`Could not open the open-request limit note: ${slackErrorCode(error)}`);
    return false;
  }
}
