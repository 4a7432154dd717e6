import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { inertJson } from '../../../domain/privacy-rules.ts';
import type { BoostContext } from '../../context.ts';
import { knownLanguageOf, workspaceLanguage } from '../../language.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import { exportMessages, forgetConfirmation } from '../../views/privacy-messages.ts';

/** What these answers use of a command's arguments, so boost.ts can pass its own. */
export type CommandArgs = Pick<AllMiddlewareArgs & SlackCommandMiddlewareArgs, 'ack' | 'command' | 'respond'>;

/**
 * The language of privacy answers: what Boost already holds, else the workspace's. They never ask Slack, which would
 * start keeping a profile of someone asking what Boost keeps about them.
 */
async function privacyLanguageOf(ctx: BoostContext, command: CommandArgs['command']) {
  return (await knownLanguageOf(ctx, command.team_id, command.user_id)) ?? workspaceLanguage(ctx.config);
}

/** A response_url takes five messages; the ack carries the first part of an export. */
const RESPONSE_URL_USES = 5;

/** `/boost forget-me`: nothing is deleted yet; the person sees what would go and confirms with a button. */
export async function forgetMeCommand(ctx: BoostContext, { ack, command }: CommandArgs): Promise<void> {
  const language = await privacyLanguageOf(ctx, command);
  await ack(forgetConfirmation(language, await ctx.services.privacy.inventory(command.team_id, command.user_id)));
}

/**
 * `/boost export`: the person's own data as JSON, privately. Boost has no files:write scope, so it comes as code
 * blocks: in the ack, then through the response_url, and, for a very large export, on in Boost's Messages tab.
 */
export async function exportCommand(ctx: BoostContext, { ack, command, respond }: CommandArgs): Promise<void> {
  const data = await ctx.services.privacy.exportOf(command.team_id, command.user_id, ctx.clock());
  const [first, ...rest] = exportMessages(await privacyLanguageOf(ctx, command), inertJson(data));
  await ack(first);
  try {
    for (const [index, message] of rest.entries()) {
      if (index < RESPONSE_URL_USES) await respond({ response_type: 'ephemeral', ...message });
      else
        await (await ctx.slack.forTeam(command.team_id)).bot.chat.postMessage({ channel: command.user_id, ...message });
    }
  } catch (error) {
    ctx.logger.warn(`Could not send the rest of an export to ${command.user_id}: ${slackErrorCode(error)}`);
  }
}
