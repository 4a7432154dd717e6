import { isAdmin } from '../../admins.ts';
import type { BoostContext } from '../../context.ts';
import { languageOf } from '../../language.ts';
import { notAdminNote, statsMessage } from '../../views/stats-message.ts';
import type { CommandArgs } from './privacy-commands.ts';

/** `/boost stats`: workspace figures per week, for admins; anyone else gets a private note saying who may see them. */
export async function statsCommand(ctx: BoostContext, { ack, command, respond }: CommandArgs): Promise<void> {
  const { team_id: teamId, user_id: userId } = command;
  // Whether a Slack admin is one may take users.info, which must not delay the ack.
  await ack();
  const allowed = await isAdmin(ctx, teamId, userId);
  const language = await languageOf(ctx, teamId, userId);
  const message = allowed
    ? statsMessage(language, await ctx.services.stats.weekly(teamId, ctx.clock()))
    : notAdminNote(language);
  await respond({ response_type: 'ephemeral', ...message });
}
