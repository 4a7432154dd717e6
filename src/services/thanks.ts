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
 * What became of one helper's message: sent; never deliverable (a deactivated account); maybe delivered (not sent
 * again, to avoid a duplicate); or certainly not delivered for a reason that may pass (pressing again retries it).
 */
export type ThanksDelivery = 'sent' | 'unreachable' | 'uncertain' | 'retry_later';

export interface ThanksOutcome {
  request: BoostRequest;
  /** Helpers the thanks reached now. */
  thanked: number;
  /** Helpers Slack refused for good (deactivated account, ...): not tried again. */
  unreachable: number;
  /** Helpers whose message may or may not have arrived: not sent again, to avoid a duplicate. */
  uncertain: number;
  /** Helpers whose message certainly failed, for a reason that may pass: pressing again retries them. */
  retryable: number;
  anyoneShared: boolean;
}

/**
 * "Send thanks", by the requester only: claims the helpers to thank in one transaction, so pressing again (or Slack
 * delivering the click twice) sends nothing new. The caller acknowledges the click, then calls thankHelpers.
 */
export function claimThanks(repos: Repositories, requestId: number, actor: Actor): Promise<Outcome<ThanksClaim>> {
  return repos.transaction(async (tx) => {
    const request = await tx.requests.get(requestId);
    if (!request || request.teamId !== actor.teamId) return { ok: false, refusal: 'not_found' };
    if (request.requesterId !== actor.userId) return { ok: false, refusal: 'not_allowed' };
    if (actor.deliveryKey && !(await tx.receipts.claim(actor.deliveryKey, actor.now))) {
      return { ok: false, refusal: 'duplicate' };
    }
    const helpers = await tx.thanks.claim(requestId, actor.now);
    const anyoneShared = helpers.length > 0 || (await tx.participations.counts(requestId)).shared > 0;
    return { ok: true, value: { request, helpers, claimedAt: actor.now, anyoneShared } };
  });
}

/**
 * Sends each claimed helper one message through `send` (after the claim committed); one that fails never stops the
 * others. The claims of messages that certainly did not arrive, for a reason that may pass, are given back, so the next
 * press tries those helpers again.
 */
export async function thankHelpers(
  repos: Repositories,
  claim: ThanksClaim,
  send: (userId: string) => Promise<ThanksDelivery>,
): Promise<ThanksOutcome> {
  const sent = await Promise.all(claim.helpers.map(async ({ userId }) => ({ userId, delivery: await send(userId) })));
  const retryable = sent.filter(({ delivery }) => delivery === 'retry_later').map(({ userId }) => userId);
  await repos.thanks.release(claim.request.id, retryable, claim.claimedAt);
  const count = (wanted: ThanksDelivery) => sent.filter(({ delivery }) => delivery === wanted).length;
  return {
    request: claim.request,
    thanked: count('sent'),
    unreachable: count('unreachable'),
    uncertain: count('uncertain'),
    retryable: retryable.length,
    anyoneShared: claim.anyoneShared,
  };
}
