import type { App } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { ACTIONS } from '../../ids.ts';
import { closeRequest } from './close.ts';
import { markShared } from './mark-shared.ts';
import { optIn } from './opt-in.ts';
import { cancelUnposted, retryPost } from './unposted.ts';
import { withdraw } from './withdraw.ts';

export function registerActions(app: App, ctx: BoostContext): void {
  app.action(ACTIONS.optIn, optIn(ctx));
  app.action(ACTIONS.markShared, markShared(ctx));
  app.action(ACTIONS.withdraw, withdraw(ctx));
  app.action(ACTIONS.close, closeRequest(ctx));
  app.action(ACTIONS.retryPost, retryPost(ctx));
  app.action(ACTIONS.cancelUnposted, cancelUnposted(ctx));
  // Share links open the network in the browser; Slack still tells us about the click and wants an ack.
  app.action(new RegExp(`^${ACTIONS.shareLink}_`), async ({ ack }) => {
    await ack();
  });
}
