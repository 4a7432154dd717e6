import type { BoostRequest } from '../domain/types.ts';
import type { BoostContext } from './context.ts';

/**
 * After a person changed a request, everything that shows it catches up: its channel message (coalesced; the use case
 * marked its update due with the change) and the Homes of its requester and of that person (throttled). Neither
 * waits: both run after the ack.
 */
export function refreshRequestEverywhere(ctx: BoostContext, request: BoostRequest, actorId: string): void {
  ctx.updater.changed(request.id);
  ctx.homes.requestChanged(request, actorId);
}
