import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';

type Args<Event extends 'app_uninstalled' | 'tokens_revoked'> = AllMiddlewareArgs & SlackEventMiddlewareArgs<Event>;

async function stopWorkFor(ctx: BoostContext, teamId: string, why: string): Promise<void> {
  if (!teamId) return;
  if (await ctx.services.workspaces.stopWorkFor(teamId, ctx.clock())) {
    ctx.logger.info(`Workspace ${teamId} ${why}: its scheduled work stops; its data goes after DATA_RETENTION_DAYS.`);
  }
}

/** Boost was removed from a workspace: reminders, digests and expiry skip it from now on. */
export const appUninstalled =
  (ctx: BoostContext) =>
  async ({ body }: Args<'app_uninstalled'>) => {
    await stopWorkFor(ctx, body.team_id, 'uninstalled Boost');
  };

/** The workspace revoked Boost's bot token: the same as an uninstall. Revoked user tokens alone change nothing (Boost has none). */
export const tokensRevoked =
  (ctx: BoostContext) =>
  async ({ event, body }: Args<'tokens_revoked'>) => {
    const { bot, oauth } = event.tokens ?? {};
    if (!bot?.length && oauth?.length) return;
    await stopWorkFor(ctx, body.team_id, "revoked Boost's tokens");
  };
