import type { BlockAction } from '@slack/bolt';
import type { BoostRequest } from '../domain/types.ts';
import type { BoostContext } from './context.ts';

/**
 * A post whose answer from Slack was lost (a timeout) may still have landed: its request then has no message to keep
 * current. The first click on that message says where it is, so from then on its counts are updated and "Try again"
 * knows it was posted. Only a click on a message in the request's own channel counts, and only while none is known.
 */
export async function recoverPostFromClick(ctx: BoostContext, request: BoostRequest, body: BlockAction): Promise<void> {
  if (request.messageTs) return;
  const { container, channel } = body;
  if (container?.type !== 'message' || container.is_ephemeral === true) return;
  const ts = typeof container.message_ts === 'string' ? container.message_ts : undefined;
  if (!ts || channel?.id !== request.channelId) return;
  if (await ctx.repos.requests.adoptMessage(request.id, ts)) {
    ctx.logger.info(`Request ${request.id}: found its message in ${request.channelId} through a click on it`);
  }
}
