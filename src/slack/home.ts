import type { HomeView } from '@slack/types';
import type { BoostContext } from './context.ts';
import { disclosureIn, languageOf } from './language.ts';
import { HOME_LIMITS, homeView } from './views/home.ts';

/** A person's App Home as it should look now, in their language, with one-off notices at the top (already in it). */
export async function homeFor(
  ctx: BoostContext,
  teamId: string,
  userId: string,
  notices: readonly string[] = [],
): Promise<HomeView> {
  // Only the Homes of people who opened theirs are rendered (a forgotten person's is dropped): their profile is kept.
  const language = await languageOf(ctx, teamId, userId, { opening: true });
  const home = await ctx.services.overview.home(
    { teamId, userId, now: ctx.clock() },
    HOME_LIMITS,
    disclosureIn(ctx.config, language),
  );
  return homeView(language, { ...home, notices });
}
