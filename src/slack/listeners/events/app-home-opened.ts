import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>;

/** The Home tab was opened: publish it (throttled and off the ack path; Bolt has already answered Slack). */
export const appHomeOpened =
  (ctx: BoostContext) =>
  async ({ event, body }: Args) => {
    if (event.tab !== 'home') return;
    const teamId = body.team_id ?? body.authorizations?.[0]?.team_id ?? '';
    ctx.homes.opened(teamId, event.user, { blank: event.view === undefined });
  };
