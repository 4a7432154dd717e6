import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';

/** What a button's handler receives: Bolt's arguments for a click on a button (`ack`, `body`, `action`, `respond`…). */
export type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/**
 * The workspace a click, form or shortcut comes from. Slack names it on `team`, which some payloads leave null (an
 * Enterprise Grid org-wide install, for one); the person's own team stands in then.
 */
export function teamIdOf(payload: { team?: { id: string } | null; user: { team_id?: string } }): string {
  return payload.team?.id ?? payload.user.team_id ?? '';
}
