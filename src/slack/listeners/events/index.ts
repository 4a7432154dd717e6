import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { routeById } from '../route.ts';
import { appHomeOpened } from './app-home-opened.ts';
import { appUninstalled, tokensRevoked } from './uninstalled.ts';
import { userChanged } from './user-change.ts';

type EventArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs;

export function registerEvents(app: App, ctx: BoostContext): void {
  const handlers = {
    app_home_opened: appHomeOpened(ctx),
    user_change: userChanged(ctx),
    app_uninstalled: appUninstalled(ctx),
    tokens_revoked: tokensRevoked(ctx),
  };
  app.event(
    /.*/,
    routeById(handlers, ({ event }: EventArgs) => event.type),
  );
}
