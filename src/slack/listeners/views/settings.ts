import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { settingsChanges } from '../../../domain/settings.ts';
import type { BoostContext } from '../../context.ts';
import { languageOf } from '../../language.ts';
import { settingsSavedNotice } from '../../views/home-notices.ts';
import { shownSettings, submittedSettings } from '../../views/settings-modal.ts';
import { teamIdOf } from '../args.ts';
import { selectedOf } from './state.ts';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/** Saves what the person changed; a changed show-my-name choice also updates the open requests they are in. */
export const submitSettings =
  (ctx: BoostContext) =>
  async ({ ack, body, view }: Args) => {
    const teamId = teamIdOf(body);
    const actor = { teamId, userId: body.user.id, now: ctx.clock() };
    const shown = shownSettings(view.private_metadata) ?? (await ctx.services.settings.of(teamId, actor.userId));
    const submitted = submittedSettings(shown, (blockId) => selectedOf(view.state.values, blockId));
    const saved = await ctx.services.settings.save(actor, settingsChanges(shown, submitted));
    await ack();
    for (const requestId of saved.republish) ctx.updater.request(requestId);
    // In the language just chosen, if it changed.
    ctx.homes.refresh(teamId, actor.userId, settingsSavedNotice(await languageOf(ctx, teamId, actor.userId)));
  };
