import type { App } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { ACTIONS } from '../../ids.ts';
import { closeRequest } from './close.ts';
import { confirmForgetMe, keepMyData } from './forget-me.ts';
import { markSharedFromHome, newRequestFromHome, openSettings, optInFromHome, withdrawFromHome } from './home.ts';
import { markShared } from './mark-shared.ts';
import { optIn } from './opt-in.ts';
import { remindMe } from './remind-me.ts';
import { openReport } from './report.ts';
import { sendThanks } from './send-thanks.ts';
import { stopDigests } from './stop-digests.ts';
import { ackUnknownActions } from './unknown.ts';
import { cancelUnposted, retryPost } from './unposted.ts';
import { withdraw } from './withdraw.ts';

export function registerActions(app: App, ctx: BoostContext): void {
  app.use(ackUnknownActions);
  app.action(ACTIONS.optIn, optIn(ctx));
  app.action(ACTIONS.markShared, markShared(ctx));
  app.action(ACTIONS.withdraw, withdraw(ctx));
  app.action(ACTIONS.close, closeRequest(ctx));
  app.action(ACTIONS.retryPost, retryPost(ctx));
  app.action(ACTIONS.cancelUnposted, cancelUnposted(ctx));
  app.action(ACTIONS.remindMe, remindMe(ctx));
  app.action(ACTIONS.stopDigests, stopDigests(ctx));
  app.action(ACTIONS.sendThanks, sendThanks(ctx));
  app.action(ACTIONS.homeOptIn, optInFromHome(ctx));
  app.action(ACTIONS.homeMarkShared, markSharedFromHome(ctx));
  app.action(ACTIONS.homeWithdraw, withdrawFromHome(ctx));
  app.action(ACTIONS.newRequest, newRequestFromHome(ctx));
  app.action(ACTIONS.openSettings, openSettings(ctx));
  app.action(ACTIONS.forgetMe, confirmForgetMe(ctx));
  app.action(ACTIONS.keepMyData, keepMyData(ctx));
  app.action(ACTIONS.report, openReport(ctx));
  // Share links open the network in the browser; Slack still tells us about the click and wants an ack.
  app.action(new RegExp(`^${ACTIONS.shareLink}_`), async ({ ack }) => {
    await ack();
  });
}
