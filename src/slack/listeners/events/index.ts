import type { App } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { appHomeOpened } from './app-home-opened.ts';
import { appUninstalled, tokensRevoked } from './uninstalled.ts';
import { userChanged } from './user-change.ts';

export function registerEvents(app: App, ctx: BoostContext): void {
  app.event('app_home_opened', appHomeOpened(ctx));
  app.event('user_change', userChanged(ctx));
  app.event('app_uninstalled', appUninstalled(ctx));
  app.event('tokens_revoked', tokensRevoked(ctx));
}
