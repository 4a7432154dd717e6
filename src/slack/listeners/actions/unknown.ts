import type { AllMiddlewareArgs, AnyMiddlewareArgs, BlockAction } from '@slack/bolt';
import { ACTIONS } from '../../ids.ts';

const KNOWN: ReadonlySet<string> = new Set(Object.values(ACTIONS));

/** Share-link buttons carry the network after the id (`boost_share_link_linkedin`). */
const isKnownAction = (actionId: string) => KNOWN.has(actionId) || actionId.startsWith(`${ACTIONS.shareLink}_`);

/**
 * A button no listener knows (from a message posted by an older version, say) must still be acked, or Slack shows the
 * person an error after 3 seconds. Every id we handle lives in ids.ts, so anything else stops here: the safety net
 * around all listeners (../safety-net.ts) acks it and tells the person the button is no longer in use.
 */
export async function ackUnknownActions(args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  const { body, next, logger } = args;
  if (body.type === 'block_actions') {
    const ids = (body as BlockAction).actions.map((action) => action.action_id);
    if (ids.length > 0 && !ids.some(isKnownAction)) {
      logger.info(`A click on a button Boost no longer handles: ${ids.join(', ')}`);
      return;
    }
  }
  await next();
}
