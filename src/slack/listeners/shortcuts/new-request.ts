import type { AllMiddlewareArgs, GlobalShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { BoostContext } from '../../context.ts';
import { startRequest } from '../../start-request.ts';
import { teamIdOf } from '../args.ts';

type Args = AllMiddlewareArgs & SlackShortcutMiddlewareArgs<GlobalShortcut>;

/** "New boost request" from the shortcuts menu: the empty form; the person picks the channel. */
export const newRequestShortcut =
  (ctx: BoostContext) =>
  async ({ ack, shortcut }: Args) => {
    await ack();
    await startRequest(ctx, {
      teamId: teamIdOf(shortcut),
      userId: shortcut.user.id,
      triggerId: shortcut.trigger_id,
    });
  };
