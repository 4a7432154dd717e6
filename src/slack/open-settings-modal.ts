import type { BoostContext } from './context.ts';
import { languageOf } from './language.ts';
import { slackErrorCode } from './slack-errors.ts';
import { settingsModal } from './views/settings-modal.ts';

/** Opens the settings modal with the person's current settings; false when Slack would not (an expired trigger). */
export async function openSettingsModal(
  ctx: BoostContext,
  teamId: string,
  userId: string,
  triggerId: string,
): Promise<boolean> {
  try {
    const language = await languageOf(ctx, teamId, userId, { opening: true });
    const { bot } = await ctx.slack.forTeam(teamId);
    await bot.views.open({
      trigger_id: triggerId,
      view: settingsModal(language, await ctx.services.settings.of(teamId, userId)),
    });
    return true;
  } catch (error) {
    ctx.logger.warn(`Could not open the settings form: ${slackErrorCode(error)}`);
    return false;
  }
}
