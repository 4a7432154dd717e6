import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { slackErrorCode } from '../../slack-errors.ts';

type Args<Event extends 'app_uninstalled' | 'tokens_revoked'> = AllMiddlewareArgs & SlackEventMiddlewareArgs<Event>;
type Body = Pick<Args<'app_uninstalled'>['body'], 'team_id' | 'enterprise_id' | 'authorizations'>;

async function stopWorkFor(ctx: BoostContext, teamId: string, why: string): Promise<void> {
  if (!teamId) return;
  if (await ctx.services.workspaces.stopWorkFor(teamId, ctx.clock())) {
    ctx.logger.info(`Workspace ${teamId} ${why}: its scheduled work stops; its data goes after DATA_RETENTION_DAYS.`);
  }
}

/**
 * In distribution mode the installation's tokens are deleted at once: the workspace's own, or for an org-wide install
 * the organisation's, which stops the work of every workspace it served. Returns the workspaces whose work stops.
 */
async function forgetTokens(ctx: BoostContext, body: Body): Promise<string[]> {
  const teams = [body.team_id].filter(Boolean);
  if (!ctx.installations) return teams;
  const orgWide = body.authorizations?.[0]?.is_enterprise_install === true;
  try {
    if (orgWide && body.enterprise_id) return [...teams, ...(await ctx.installations.removeOrg(body.enterprise_id))];
    await ctx.installations.removeWorkspace(body.team_id);
  } catch (error) {
    ctx.logger.error(`Could not delete the tokens of workspace ${body.team_id}: ${slackErrorCode(error)}`);
  }
  return teams;
}

async function stopAll(ctx: BoostContext, body: Body, why: string): Promise<void> {
  for (const teamId of new Set(await forgetTokens(ctx, body))) await stopWorkFor(ctx, teamId, why);
}

/** Boost was removed from a workspace: its tokens go, and reminders, digests and expiry skip it from now on. */
export const appUninstalled =
  (ctx: BoostContext) =>
  async ({ body }: Args<'app_uninstalled'>) => {
    await stopAll(ctx, body, 'uninstalled Boost');
  };

/** The workspace revoked Boost's bot token: the same as an uninstall. Revoked user tokens alone change nothing (Boost has none). */
export const tokensRevoked =
  (ctx: BoostContext) =>
  async ({ event, body }: Args<'tokens_revoked'>) => {
    const { bot, oauth } = event.tokens ?? {};
    if (!bot?.length && oauth?.length) return;
    await stopAll(ctx, body, "revoked Boost's tokens");
  };
