import type { Repositories } from '../db/repositories/index.ts';
import type { UserProfile } from '../db/repositories/profiles.ts';
import type { BoostContext } from './context.ts';
import { slackErrorCode } from './slack-errors.ts';

const PROFILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** A person's time zone, locale and admin flag: from the cache when fresh, else from users.info (then cached). */
export async function lookUpProfile(
  // Only what it needs, so `npm run digest` can use it without a running app.
  ctx: Pick<BoostContext, 'repos' | 'slack' | 'clock' | 'logger'>,
  teamId: string,
  userId: string,
  /**
   * Asked once Slack answered, in the transaction that would save it: false leaves the cache as it is (the person was
   * forgotten meanwhile, say). Forgetting takes turns with it, so a forget that lands meanwhile is seen.
   */
  shouldCache: (repos: Repositories) => boolean | Promise<boolean> = () => true,
): Promise<UserProfile | undefined> {
  const cached = await ctx.repos.profiles.get(teamId, userId);
  if (cached && isFresh(ctx, cached)) return cached;
  try {
    const { bot } = await ctx.slack.forTeam(teamId);
    const { user } = await bot.users.info({ user: userId, include_locale: true });
    const profile: UserProfile = {
      tz: user?.tz ?? null,
      tzOffsetSeconds: user?.tz_offset ?? 0,
      isAdmin: Boolean(user?.is_admin || user?.is_owner),
      locale: user?.locale ?? null,
      fetchedAt: ctx.clock(),
    };
    await ctx.repos.transaction(async (tx) => {
      await tx.privacy.takeTurnsOf(teamId, userId);
      if (await shouldCache(tx)) await tx.profiles.save(teamId, userId, profile);
    });
    return profile;
  } catch (error) {
    ctx.logger.warn(`users.info failed for ${userId}: ${slackErrorCode(error)}`);
    return cached;
  }
}

/** A cached profile young enough to trust without asking Slack again. */
export const isFresh = (ctx: Pick<BoostContext, 'clock'>, profile: UserProfile): boolean =>
  ctx.clock() - profile.fetchedAt < PROFILE_MAX_AGE_MS;

/** Offset east of UTC in seconds, from the cache only (never waits on Slack); UTC when unknown. */
export async function cachedTzOffset(ctx: BoostContext, teamId: string, userId: string): Promise<number> {
  return (await ctx.repos.profiles.get(teamId, userId))?.tzOffsetSeconds ?? 0;
}
