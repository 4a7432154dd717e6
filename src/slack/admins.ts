import { isBoostAdmin } from '../domain/admin.ts';
import type { BoostContext } from './context.ts';
import { lookUpProfile } from './profiles.ts';

/** From BOOST_ADMINS and the cached profile only: never waits on Slack, so it may be used before an ack. */
export function isAdminCached(ctx: BoostContext, teamId: string, userId: string): boolean {
  return isBoostAdmin(userId, new Set(ctx.config.BOOST_ADMINS), ctx.repos.profiles.get(teamId, userId));
}

/**
 * BOOST_ADMINS, else the Slack admin/owner flag from users.info (the cache when fresh). May call Slack: use after the
 * ack. When users.info fails, the cached flag (if any) decides.
 */
export async function isAdmin(ctx: BoostContext, teamId: string, userId: string): Promise<boolean> {
  if (ctx.config.BOOST_ADMINS.includes(userId)) return true;
  return isBoostAdmin(userId, new Set(), await lookUpProfile(ctx, teamId, userId));
}
