import type { BoostContext } from '../../context.ts';
import { openSettingsModal } from '../../open-settings-modal.ts';
import { startRequest } from '../../start-request.ts';
import { type ButtonArgs, teamIdOf } from '../args.ts';

// Buttons of the App Home that open a form. Its request buttons ("I'm in", "I shared it", "Withdraw") share their
// handlers with the message's: see record-click.ts.

/** "New request" on the Home. */
export const newRequestFromHome =
  (ctx: BoostContext) =>
  async ({ ack, body }: ButtonArgs) => {
    await ack();
    await startRequest(ctx, { teamId: teamIdOf(body), userId: body.user.id, triggerId: body.trigger_id });
  };

/** "Settings" / "Change settings" on the Home. */
export const openSettings =
  (ctx: BoostContext) =>
  async ({ ack, body }: ButtonArgs) => {
    await ack();
    await openSettingsModal(ctx, teamIdOf(body), body.user.id, body.trigger_id);
  };
