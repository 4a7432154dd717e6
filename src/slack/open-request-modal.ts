import { addDays, localDate } from '../domain/dates.ts';
import type { BoostContext } from './context.ts';
import { languageOf } from './language.ts';
import { cachedTzOffset, lookUpProfile } from './profiles.ts';
import { slackErrorCode } from './slack-errors.ts';
import { newRequestModal } from './views/new-request-modal.ts';

export interface ModalOpening {
  teamId: string;
  userId: string;
  triggerId: string;
  url?: string;
  ask?: string;
  channelId?: string;
}

/**
 * Opens the new-request modal (the trigger is valid for 3 seconds, so this runs right after the ack) in the person's
 * language, then refreshes their time zone so the deadline is checked in their own day when they submit.
 */
export async function openRequestModal(ctx: BoostContext, opening: ModalOpening): Promise<boolean> {
  return (await openRequestForm(ctx, opening)).opened;
}

/** As openRequestModal, with Slack's reason when the form did not open, so the person can be told what to do. */
export async function openRequestForm(
  ctx: BoostContext,
  opening: ModalOpening,
): Promise<{ opened: true } | { opened: false; error: unknown }> {
  const language = await languageOf(ctx, opening.teamId, opening.userId, { opening: true });
  const today = localDate(ctx.clock(), await cachedTzOffset(ctx, opening.teamId, opening.userId));
  const view = newRequestModal(language, {
    url: opening.url,
    ask: opening.ask,
    channelId: opening.channelId,
    deadline: addDays(today, 7),
  });
  let failure: { opened: false; error: unknown } | undefined;
  try {
    const { bot } = await ctx.slack.forTeam(opening.teamId);
    await bot.views.open({ trigger_id: opening.triggerId, view });
  } catch (error) {
    ctx.logger.warn(`Could not open the request form: ${slackErrorCode(error)}`);
    failure = { opened: false, error };
  }
  await lookUpProfile(ctx, opening.teamId, opening.userId);
  return failure ?? { opened: true };
}

// The message shortcut reads links with the domain's parser; re-exported here beside the modal it prefills.
export { firstLinkIn } from '../domain/command.ts';
