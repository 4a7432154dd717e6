import type { BoostContext } from '../../context.ts';
import { actorOfClick, explainRefusal, requestIdOf } from '../actor.ts';
import type { ButtonArgs } from './opt-in.ts';

/** "Close": only the requester or an admin; the message then shows its final figures and no buttons. */
export const closeRequest =
  (ctx: BoostContext) =>
  async ({ ack, body, action, respond }: ButtonArgs) => {
    const requestId = requestIdOf(action);
    const result = ctx.service.close(requestId, actorOfClick(ctx, body, action));
    await ack();
    if (!result.ok) return explainRefusal(ctx, respond, result.refusal);
    ctx.updater.request(requestId);
  };
