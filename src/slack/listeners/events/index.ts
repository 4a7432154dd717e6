import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { routeById } from '../route.ts';
import { appHomeOpened } from './app-home-opened.ts';
import { appUninstalled, tokensRevoked } from './uninstalled.ts';
import { userChanged } from './user-change.ts';

type EventArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs;

/** Events, by type; Bolt acknowledges each before it gets here. */
export function eventRouter(ctx: BoostContext) {
  const handlers = {
    app_home_opened: appHomeOpened(ctx),
    user_change: userChanged(ctx),
    app_uninstalled: appUninstalled(ctx),
    tokens_revoked: tokensRevoked(ctx),
  };
  return routeById(handlers, ({ event }: EventArgs) => event.type);
}
