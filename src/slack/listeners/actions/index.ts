import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { ACTIONS } from '../../ids.ts';
import { routeById } from '../route.ts';
import { closeRequest } from './close.ts';
import { confirmForgetMe, keepMyData } from './forget-me.ts';
import { newRequestFromHome, openSettings } from './home.ts';
import { markShared } from './mark-shared.ts';
import { openReport } from './open-report.ts';
import { optIn } from './opt-in.ts';
import { remindMe } from './remind-me.ts';
import { sendThanks } from './send-thanks.ts';
import { stopDigests } from './stop-digests.ts';
import { cancelUnposted, retryPost } from './unposted.ts';
import { withdraw } from './withdraw.ts';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs;

/** Share-link buttons carry the network after the id (`boost_share_link_linkedin`). */
const SHARE_LINK_PREFIX = `${ACTIONS.shareLink}_`;

const actionIdOf = ({ action }: ActionArgs): string | undefined => {
  const id = 'action_id' in action ? action.action_id : undefined;
  return id?.startsWith(SHARE_LINK_PREFIX) ? ACTIONS.shareLink : id;
};

/** Buttons, by action id. */
export function actionRouter(ctx: BoostContext) {
  // The request buttons answer where they were clicked, on a message or on the Home (see record-click.ts).
  const requestButtons = { optIn: optIn(ctx), markShared: markShared(ctx), withdraw: withdraw(ctx) };
  const handlers = {
    [ACTIONS.optIn]: requestButtons.optIn,
    [ACTIONS.markShared]: requestButtons.markShared,
    [ACTIONS.withdraw]: requestButtons.withdraw,
    [ACTIONS.close]: closeRequest(ctx),
    [ACTIONS.retryPost]: retryPost(ctx),
    [ACTIONS.cancelUnposted]: cancelUnposted(ctx),
    [ACTIONS.remindMe]: remindMe(ctx),
    [ACTIONS.stopDigests]: stopDigests(ctx),
    [ACTIONS.sendThanks]: sendThanks(ctx),
    [ACTIONS.homeOptIn]: requestButtons.optIn,
    [ACTIONS.homeMarkShared]: requestButtons.markShared,
    [ACTIONS.homeWithdraw]: requestButtons.withdraw,
    [ACTIONS.newRequest]: newRequestFromHome(ctx),
    [ACTIONS.openSettings]: openSettings(ctx),
    [ACTIONS.forgetMe]: confirmForgetMe(ctx),
    [ACTIONS.keepMyData]: keepMyData(ctx),
    [ACTIONS.report]: openReport(ctx),
    // Share links open the network in the browser; Slack still tells us about the click and wants an ack.
    [ACTIONS.shareLink]: async ({ ack }: ActionArgs) => {
      await ack();
    },
  };
  // A button no handler knows (from a message an older version posted, say) is left unanswered here: the safety net
  // around all listeners (../safety-net.ts) acks it and tells the person the button is no longer in use.
  const unknown = (_args: ActionArgs, id: string | undefined) =>
    ctx.logger.info(`A click on a button Boost no longer handles: ${id ?? '(no action id)'}`);
  return routeById(handlers, actionIdOf, unknown);
}
