import { randomUUID } from 'node:crypto';
import type { Repositories } from '../db/repositories/index.ts';
import type { BoostRequest, Participation } from '../domain/types.ts';
import type { Actor, Outcome } from './requests.ts';

/**
 * How long a press's thanks may take to go out before the thanks job finishes them: the instance sending them may have
 * died. A batch still sending after that is harmless: every helper is claimed on their own, so nobody is thanked twice.
 */
export const THANKS_LEASE_MS = 2 * 60_000;
const LEASE_PREFIX = 'thanks:';

/** One press of "Send thanks": whom it is for, and the lease that makes sure it is finished. */
export interface ThanksBatch {
  request: BoostRequest;
  /** Helpers who had shared and were not thanked yet; each is claimed right before their message. */
  helpers: Participation[];
  /** Held while this batch is sent, given back once it is; if it runs out first, the thanks job finishes the batch. */
  lease: { name: string; holder: string };
  /** Whether anyone has shared the request at all (to word the answer when there is no one to thank). */
  anyoneShared: boolean;
}

/**
 * What became of one helper's message: sent; never deliverable (a deactivated account); maybe delivered (not sent
 * again, to avoid a duplicate); or certainly not delivered for a reason that may pass (pressing again retries it).
 */
export type ThanksDelivery = 'sent' | 'unreachable' | 'uncertain' | 'retry_later';

/** The claims a sender makes for a batch, helper by helper, as their messages go out. */
export interface ThanksSending {
  helpers: readonly Participation[];
  /** Right before a helper's message: false when someone else has it (another press, or the job). */
  claim(helper: Participation): Promise<boolean>;
  /** While the message waits out a rate limit (certainly not sent): its helper is due again if this instance dies. */
  unclaim(helper: Participation): Promise<void>;
  settle(helper: Participation, delivery: ThanksDelivery): Promise<void>;
}

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

const leaseName = (requestId: number, pressedAt: number) => `${LEASE_PREFIX}${requestId}:${pressedAt}:${randomUUID()}`;

/** The request and moment of a batch, from its lease's name. */
function batchOf(leaseName: string): { requestId: number; pressedAt: number } {
  const [requestId, pressedAt] = leaseName.slice(LEASE_PREFIX.length).split(':').map(Number);
  return { requestId: requestId ?? Number.NaN, pressedAt: pressedAt ?? Number.NaN };
}

/**
 * "Send thanks", by the requester only: finds the helpers to thank and takes the batch's lease in one transaction, so
 * that Slack delivering the click twice sends nothing new. The caller acknowledges the click, then calls thankHelpers,
 * which claims each helper right before their message: an instance that dies half-way leaves the lease to run out, and
 * the thanks job then thanks the helpers not claimed yet.
 */
export function claimThanks(repos: Repositories, requestId: number, actor: Actor): Promise<Outcome<ThanksBatch>> {
  return repos.transaction(async (tx) => {
    const request = await tx.requests.get(requestId);
    if (!request || request.teamId !== actor.teamId) return { ok: false, refusal: 'not_found' };
    if (request.requesterId !== actor.userId) return { ok: false, refusal: 'not_allowed' };
    if (actor.deliveryKey && !(await tx.receipts.claim(actor.deliveryKey, actor.now))) {
      return { ok: false, refusal: 'duplicate' };
    }
    const helpers = await tx.thanks.pending(requestId, actor.now);
    const lease = { name: leaseName(requestId, actor.now), holder: randomUUID() };
    if (helpers.length > 0) await tx.leases.claim(lease.name, lease.holder, actor.now, actor.now + THANKS_LEASE_MS);
    const anyoneShared = helpers.length > 0 || (await tx.participations.counts(requestId)).shared > 0;
    return { ok: true, value: { request, helpers, lease, anyoneShared } };
  });
}

/**
 * Takes over the oldest batch whose lease ran out (its instance died, or it is taking very long): the helpers of that
 * press not thanked yet. Undefined when there is none. One instance takes each: the lease is taken in one statement.
 */
export async function takeUnfinishedThanks(repos: Repositories, now: number): Promise<ThanksBatch | undefined> {
  for (const { name } of await repos.leases.expired(LEASE_PREFIX, now, 20)) {
    const holder = randomUUID();
    if (!(await repos.leases.claim(name, holder, now, now + THANKS_LEASE_MS))) continue;
    const lease = { name, holder };
    const { requestId, pressedAt } = batchOf(name);
    const request = Number.isFinite(requestId) ? await repos.requests.get(requestId) : undefined;
    const helpers = request ? await repos.thanks.pending(requestId, pressedAt) : [];
    if (request && helpers.length > 0) return { request, helpers, lease, anyoneShared: true };
    // Finished after all, or the request is gone (forgotten, deleted by retention).
    await repos.leases.release(name, holder);
  }
  return undefined;
}

/**
 * Sends a batch through `deliver` (after the claim committed), which claims each helper right before their message;
 * one that fails never stops the others. A claim whose message certainly did not arrive, for a reason that may pass, is
 * given back, so the next press tries that helper again. The batch's lease is given back once every helper is done.
 */
export async function thankHelpers(
  repos: Repositories,
  batch: ThanksBatch,
  now: number,
  deliver: (sending: ThanksSending) => Promise<unknown>,
): Promise<ThanksOutcome> {
  const counts: Record<ThanksDelivery, number> = { sent: 0, unreachable: 0, uncertain: 0, retry_later: 0 };
  if (batch.helpers.length > 0) {
    await deliver({
      helpers: batch.helpers,
      claim: (helper) => repos.thanks.claim(helper.id, now),
      unclaim: (helper) => repos.thanks.release(helper.id, now),
      settle: async (helper, delivery) => {
        counts[delivery] += 1;
        if (delivery === 'retry_later') await repos.thanks.release(helper.id, now);
      },
    });
    await repos.leases.release(batch.lease.name, batch.lease.holder);
  }
  return {
    request: batch.request,
    thanked: counts.sent,
    unreachable: counts.unreachable,
    uncertain: counts.uncertain,
    retryable: counts.retry_later,
    anyoneShared: batch.anyoneShared,
  };
}
