import type { Repositories } from '../db/repositories/index.ts';
import type { BoostRequest, Participation } from '../domain/types.ts';
import type { Actor, Outcome } from './requests.ts';

export interface ThanksClaim {
  request: BoostRequest;
  /** Helpers who shared and were not thanked yet, now marked thanked; each gets one message. */
  helpers: Participation[];
  /** The time written in their thanked_at, to give a claim back if the message fails for a passing reason. */
  claimedAt: number;
  /** Whether anyone has shared the request at all (to word the answer when there is no one to thank). */
  anyoneShared: boolean;
}

/**
 * "Send thanks", by the requester only: claims the helpers to thank in one transaction, so pressing again (or Slack
 * delivering the click twice) sends nothing new. The caller sends the messages after the commit.
 */
export function claimThanks(repos: Repositories, requestId: number, actor: Actor): Outcome<ThanksClaim> {
  return repos.transaction(() => {
    const request = repos.requests.get(requestId);
    if (!request || request.teamId !== actor.teamId) return { ok: false, refusal: 'not_found' };
    if (request.requesterId !== actor.userId) return { ok: false, refusal: 'not_allowed' };
    if (actor.deliveryKey && !repos.receipts.claim(actor.deliveryKey, actor.now)) {
      return { ok: false, refusal: 'duplicate' };
    }
    const helpers = repos.thanks.claim(requestId, actor.now);
    const anyoneShared = helpers.length > 0 || repos.participations.counts(requestId).shared > 0;
    return { ok: true, value: { request, helpers, claimedAt: actor.now, anyoneShared } };
  });
}

/** Gives back the claims of helpers whose message may go through later. */
export function releaseThanks(repos: Repositories, claim: ThanksClaim, userIds: readonly string[]): void {
  repos.thanks.release(claim.request.id, userIds, claim.claimedAt);
}
