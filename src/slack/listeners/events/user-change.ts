import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { afterForgetting } from '../../forget.ts';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'user_change'>;

/**
 * A deactivated account (`deleted: true`) is forgotten as if they had run forget-me, without any message to them.
 * Any other change refreshes what Boost cached about the person (admin flag, time zone, locale), only if it cached anything:
 * Boost never starts keeping data about someone because Slack told it about them.
 */
export const userChanged =
  (ctx: BoostContext) =>
  async ({ event, body }: Args) => {
    const { user } = event;
    const now = ctx.clock();
    // Enterprise Grid may name the user's home team; data is kept per workspace where they used Boost.
    const teams = new Set([body.team_id, user.team_id].filter((team): team is string => Boolean(team)));
    for (const teamId of teams) {
      if (user.deleted) {
        const forgotten = await ctx.services.privacy.forget({
          teamId,
          userId: user.id,
          now,
          deliveryKey: `event:${body.event_id}:${teamId}`,
        });
        if (forgotten) afterForgetting(ctx, teamId, user.id, forgotten);
        continue;
      }
      const change = {
        tz: user.tz,
        tzOffsetSeconds: user.tz_offset,
        isAdmin: Boolean(user.is_admin || user.is_owner),
        locale: user.locale,
      };
      await ctx.services.workspaces.updateCachedProfile(teamId, user.id, change, now);
    }
  };
