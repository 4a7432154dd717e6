import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseBoostCommand } from '../../../domain/command.ts';
import { t } from '../../../i18n/index.ts';
import type { BoostContext } from '../../context.ts';
import { ackLanguageOf, languageOf } from '../../language.ts';
import { openRequestForm } from '../../open-request-modal.ts';
import { openSettingsModal } from '../../open-settings-modal.ts';
import { classifySlackFailure, slackErrorCode } from '../../slack-errors.ts';
import { helpMessage } from '../../views/help-message.ts';
import { MINE_LIMITS, mineMessage } from '../../views/mine.ts';
import { note } from '../../views/note.ts';
import { openRequestsList } from '../../views/open-requests-list.ts';
import { formNotOpenedNote, refusalNote } from '../../views/refusal-notes.ts';
import { exportCommand, forgetMeCommand } from './privacy-commands.ts';
import { reportCommand } from './report-command.ts';
import { statsCommand } from './stats-command.ts';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

const LIST_LIMIT = 10;

/** `/boost [link] [words] | list | help | …`: answers privately, in the ack itself where it can. */
export const boostCommand =
  (ctx: BoostContext) =>
  async ({ ack, command, respond }: Args) => {
    const parsed = parseBoostCommand(command.text ?? '');
    const actor = { teamId: command.team_id, userId: command.user_id, now: ctx.clock() };
    // Answers given in the ack are in the language Boost knows for the person; the others, after it, ask Slack.
    const inAck = () => ackLanguageOf(ctx, actor.teamId, actor.userId);
    const afterAck = () => languageOf(ctx, actor.teamId, actor.userId);
    switch (parsed.kind) {
      case 'new': {
        if (!(await ctx.services.requests.canCreate(actor))) {
          await ack(refusalNote(await inAck(), 'too_many_open', ctx.config.MAX_OPEN_REQUESTS_PER_USER));
          return;
        }
        await ack();
        const form = await openRequestForm(ctx, {
          teamId: command.team_id,
          userId: command.user_id,
          triggerId: command.trigger_id,
          url: parsed.url,
          ask: parsed.text,
          channelId: command.channel_id,
        });
        if (!form.opened) {
          const language = await afterAck();
          await respond(formNotOpenedNote(language, classifySlackFailure(form.error), slackErrorCode(form.error)));
        }
        return;
      }
      case 'list': {
        const open = await ctx.services.overview.openRequests(command.team_id, LIST_LIMIT);
        await ack(openRequestsList(await inAck(), open.items, open.total));
        return;
      }
      case 'mine':
        await ack(mineMessage(await inAck(), await ctx.services.overview.mine(actor, MINE_LIMITS)));
        return;
      case 'settings': {
        await ack();
        const opened = await openSettingsModal(ctx, command.team_id, command.user_id, command.trigger_id);
        if (!opened) await respond(note(t(await afterAck(), 'note.settingsNotOpened')));
        return;
      }
      case 'forget-me':
        return forgetMeCommand(ctx, { ack, command, respond });
      case 'export':
        return exportCommand(ctx, { ack, command, respond });
      case 'stats':
        return statsCommand(ctx, { ack, command, respond });
      case 'report':
        return reportCommand(ctx, { ack, command, respond }, parsed.requestId);
      case 'help':
        await ack(helpMessage(await inAck()));
        return;
      case 'unknown':
        await ack(helpMessage(await inAck(), parsed.word));
        return;
      default:
        // Every kind is handled above; a new one added to the parser gets the help until it has its own case.
        await ack(helpMessage(await inAck(), (parsed as { kind: string }).kind));
    }
  };
