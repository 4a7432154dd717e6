import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseBoostCommand } from '../../../domain/command.ts';
import type { BoostContext } from '../../context.ts';
import { openRequestModal } from '../../open-request-modal.ts';
import { helpMessage, note, openRequestsList, refusalNote } from '../../views/notes.ts';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

const LIST_LIMIT = 10;

/** `/boost [link] [words] | list | help | …`: answers privately, in the ack itself where it can. */
export const boostCommand =
  (ctx: BoostContext) =>
  async ({ ack, command, respond }: Args) => {
    const parsed = parseBoostCommand(command.text ?? '');
    const actor = { teamId: command.team_id, userId: command.user_id, now: ctx.clock() };
    switch (parsed.kind) {
      case 'new': {
        if (!ctx.service.canCreate(actor)) {
          await ack(refusalNote('too_many_open', ctx.config.MAX_OPEN_REQUESTS_PER_USER));
          return;
        }
        await ack();
        const opened = await openRequestModal(ctx, {
          teamId: command.team_id,
          userId: command.user_id,
          triggerId: command.trigger_id,
          url: parsed.url,
          ask: parsed.text,
          channelId: command.channel_id,
        });
        if (!opened) await respond(note('Slack did not let me open the form in time. Please run the command again.'));
        return;
      }
      case 'list': {
        const open = ctx.repos.requests.listOpen(command.team_id, LIST_LIMIT);
        const listed = open.map((request) => ({ request, counts: ctx.repos.participations.counts(request.id) }));
        await ack(openRequestsList(listed, ctx.repos.requests.countOpen(command.team_id)));
        return;
      }
      case 'help':
        await ack(helpMessage());
        return;
      case 'unknown':
        await ack(helpMessage(parsed.word));
        return;
      default:
        await ack(helpMessage(parsed.kind));
    }
  };
