import type { HomeView } from '@slack/types';
import type { BoostContext } from './context.ts';
import { HOME_LIMITS, homeView } from './views/home.ts';

/** A person's App Home as it should look now, with one-off notices at the top (the Home refresher's render). */
export async function homeFor(
  ctx: BoostContext,
  teamId: string,
  userId: string,
  notices: readonly string[] = [],
): Promise<HomeView> {
  const home = await ctx.services.overview.home({ teamId, userId, now: ctx.clock() }, HOME_LIMITS);
  return homeView({ ...home, notices });
}
