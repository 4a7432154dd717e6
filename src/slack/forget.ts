import type { Forgotten } from '../db/repositories/personal-data.ts';
import type { BoostContext } from './context.ts';
import { workspaceLanguage } from './language.ts';
import { removedRequestMessage } from './views/privacy-messages.ts';

/**
 * What Slack shows must follow a deletion that has committed: removed requests' messages say so, the counts of
 * requests the person had joined go down, and Homes that listed any of it are refreshed. Nothing is sent to the person
 * forgotten; their Home is dropped from the refresher.
 */
export function afterForgetting(ctx: BoostContext, teamId: string, userId: string, forgotten: Forgotten): void {
  ctx.homes.forget(teamId, userId);
  for (const requestId of forgotten.removedRequestIds) ctx.updater.request(requestId);
  for (const request of forgotten.changedRequests) {
    ctx.updater.request(request.id);
    ctx.homes.refresh(teamId, request.requesterId);
  }
  for (const helper of forgotten.otherHelpers) ctx.homes.refresh(teamId, helper);
}

/**
 * The coalescing updater's publish for a request that no longer exists: if it was removed, its message is rewritten
 * to say so (through the updater, so rate limits and retries are handled as for any update).
 */
export async function updateRemovedMessage(ctx: BoostContext, requestId: number): Promise<void> {
  const removed = await ctx.repos.privacy.removedMessage(requestId);
  if (!removed) return;
  const { paced } = await ctx.slack.forTeam(removed.teamId);
  await paced.chat.update({
    channel: removed.channelId,
    ts: removed.messageTs,
    ...removedRequestMessage(workspaceLanguage(ctx.config)),
  });
}
