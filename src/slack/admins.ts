import { isBoostAdmin, isListedAdmin } from '../domain/admin.ts';
import type { BoostContext } from './context.ts';
import { lookUpProfile } from './profiles.ts';

const listedAdmins = (ctx: BoostContext): ReadonlySet<string> => new Set(ctx.config.BOOST_ADMINS);

/** From BOOST_ADMINS and the cached profile only: never waits on Slack, so it may be used before an ack. */
export async function isAdminCached(ctx: BoostContext, teamId: string, userId: string): Promise<boolean> {
  return isBoostAdmin(userId, listedAdmins(ctx), await ctx.repos.profiles.get(teamId, userId));
}

/**
 * BOOST_ADMINS, else the Slack admin/owner flag from users.info (the cache when fresh). May call Slack: use after the
 * ack. When users.info fails, the cached flag (if any) decides.
 */
export async function isAdmin(ctx: BoostContext, teamId: string, userId: string): Promise<boolean> {
  const listed = listedAdmins(ctx);
  if (isListedAdmin(userId, listed)) return true;
  return isBoostAdmin(userId, listed, await lookUpProfile(ctx, teamId, userId));
}
