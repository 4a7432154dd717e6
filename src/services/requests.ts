import type { Repositories } from '../db/repositories/index.ts';
import type { ShareDetails } from '../db/repositories/participations.ts';
import { isBoostAdmin } from '../domain/admin.ts';
import { canClose, canOpenAnother, isOpenForHelp } from '../domain/policy.ts';
import { POST_LEASE_MS } from '../domain/posting.ts';
import { canStillRemind } from '../domain/reminders.ts';
import type { BoostRequest, Participation } from '../domain/types.ts';
import type { ValidRequest } from '../domain/validation.ts';

/** Why a person's action could not be applied; listeners turn each into a friendly private note. */
export type Refusal = 'not_found' | 'not_open' | 'not_allowed' | 'too_many_open' | 'duplicate' | 'too_late_to_remind';

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export interface Actor {
  teamId: string;
  userId: string;
  now: number;
  /** Identifies this delivery from Slack; a repeated key is applied once. */
  deliveryKey?: string;
}

export interface ParticipationResult {
  request: BoostRequest;
  participation: Participation | undefined;
  /** False when the action changed nothing (a second click): no message update is needed. */
  changed: boolean;
}

/** "Try again" on an unposted request: this attempt is the requester's to make, or there is nothing to do. */
export interface PostRetry {
  /** `claimed`: post it now (the request holds this attempt's lease); else it is posted, or being posted already. */
  state: 'claimed' | 'posted' | 'posting';
  request: BoostRequest;
}

export interface RequestServiceOptions {
  /** BOOST_ADMINS. */
  admins: ReadonlySet<string>;
  maxOpenPerUser: number;
}

const refuse = (refusal: Refusal) => ({ ok: false as const, refusal });

/** The product's use cases. Each runs in one transaction; Slack is called by the caller, after it commits. */
export function requestService(repos: Repositories, options: RequestServiceOptions) {
  /** True the first time a delivery is seen; called inside the transaction so the receipt commits with the change. */
  const firstDelivery = async (tx: Repositories, actor: Actor) =>
    !actor.deliveryKey || (await tx.receipts.claim(actor.deliveryKey, actor.now));

  const openRequestFor = async (tx: Repositories, requestId: number, actor: Actor): Promise<Outcome<BoostRequest>> => {
    const request = await tx.requests.get(requestId);
    if (!request || request.teamId !== actor.teamId) return refuse('not_found');
    if (!isOpenForHelp(request, actor.now)) return refuse('not_open');
    return { ok: true, value: request };
  };

  /**
   * The request's message must show the change: recorded with the change itself, so the update is pending from the
   * moment the person's click is acknowledged, whichever instance sends it (the message updater). Stamped in real time,
   * as all pacing is: the pace is Slack's rate limit, not product time.
   */
  const messageChanged = (tx: Repositories, requestId: number) => tx.pacing.messageChanged(requestId, Date.now());
  /** The last write of the transaction: on PostgreSQL, clicks arriving together wait for each other only on it. */
  const withMessageChanged = async (
    tx: Repositories,
    result: { ok: true; value: ParticipationResult },
  ): Promise<Outcome<ParticipationResult>> => {
    if (result.value.changed) await messageChanged(tx, result.value.request.id);
    return result;
  };

  const participationResult = async (tx: Repositories, request: BoostRequest, userId: string, changed: boolean) => ({
    ok: true as const,
    value: { request, participation: await tx.participations.get(request.id, userId), changed },
  });

  return {
    async canCreate(actor: Actor): Promise<boolean> {
      return canOpenAnother(await repos.requests.countOpenBy(actor.teamId, actor.userId), options.maxOpenPerUser);
    },

    create(input: ValidRequest, actor: Actor): Promise<Outcome<BoostRequest>> {
      return repos.transaction(async (tx) => {
        if (!(await firstDelivery(tx, actor))) return refuse('duplicate');
        await tx.requests.takeTurnsOf(actor.teamId, actor.userId);
        if (!canOpenAnother(await tx.requests.countOpenBy(actor.teamId, actor.userId), options.maxOpenPerUser)) {
          return refuse('too_many_open');
        }
        const request = await tx.requests.insert({
          teamId: actor.teamId,
          requesterId: actor.userId,
          url: input.url,
          title: input.title,
          ask: input.ask,
          suggestedText: input.suggestedText,
          networks: input.networks,
          channelId: input.channelId,
          deadlineAt: input.deadlineAt,
          createdAt: actor.now,
          // The caller posts it right after this commits: that first attempt holds the lease.
          postState: 'posting',
          postAttempts: 1,
          postDueAt: actor.now + POST_LEASE_MS,
        });
        return { ok: true, value: request };
      });
    },

    optIn(requestId: number, actor: Actor): Promise<Outcome<ParticipationResult>> {
      return repos.transaction(async (tx) => {
        const found = await openRequestFor(tx, requestId, actor);
        if (!found.ok) return found;
        if (!(await firstDelivery(tx, actor))) return refuse('duplicate');
        const showName = (await tx.settings.get(actor.teamId, actor.userId)).showName;
        const changed = await tx.participations.optIn(requestId, actor.userId, actor.now, showName);
        return withMessageChanged(tx, await participationResult(tx, found.value, actor.userId, changed));
      });
    },

    markShared(requestId: number, actor: Actor, details?: ShareDetails): Promise<Outcome<ParticipationResult>> {
      return repos.transaction(async (tx) => {
        const found = await openRequestFor(tx, requestId, actor);
        if (!found.ok) return found;
        if (!(await firstDelivery(tx, actor))) return refuse('duplicate');
        const before = await tx.participations.get(requestId, actor.userId);
        const showName = before?.showName ?? (await tx.settings.get(actor.teamId, actor.userId)).showName;
        await tx.participations.markShared(requestId, actor.userId, actor.now, showName, details);
        const changed = before?.sharedAt == null;
        return withMessageChanged(tx, await participationResult(tx, found.value, actor.userId, changed));
      });
    },

    withdraw(requestId: number, actor: Actor): Promise<Outcome<ParticipationResult>> {
      return repos.transaction(async (tx) => {
        const request = await tx.requests.get(requestId);
        if (!request || request.teamId !== actor.teamId) return refuse('not_found');
        if (!(await firstDelivery(tx, actor))) return refuse('duplicate');
        const changed = await tx.participations.withdraw(requestId, actor.userId);
        return withMessageChanged(tx, await participationResult(tx, request, actor.userId, changed));
      });
    },

    setRemindMe(requestId: number, actor: Actor, remindMe: boolean): Promise<Outcome<ParticipationResult>> {
      return repos.transaction(async (tx) => {
        const deadlineAt = (await tx.requests.get(requestId))?.deadlineAt;
        // Less than a day before the deadline, the one reminder's moment has passed.
        if (remindMe && deadlineAt !== undefined && !canStillRemind(deadlineAt, actor.now)) {
          return refuse('too_late_to_remind');
        }
        const found = await openRequestFor(tx, requestId, actor);
        if (!found.ok) return found;
        const changed = await tx.participations.setRemindMe(requestId, actor.userId, remindMe);
        return participationResult(tx, found.value, actor.userId, changed);
      });
    },

    close(requestId: number, actor: Actor): Promise<Outcome<BoostRequest>> {
      return repos.transaction(async (tx) => {
        const request = await tx.requests.get(requestId);
        if (!request || request.teamId !== actor.teamId) return refuse('not_found');
        // Slack admins and owners count through their cached profile; the listener asks Slack when it is stale.
        const admin = isBoostAdmin(actor.userId, options.admins, await tx.profiles.get(actor.teamId, actor.userId));
        if (!canClose(actor.userId, request, admin)) return refuse('not_allowed');
        if (!(await firstDelivery(tx, actor))) return refuse('duplicate');
        if (!(await tx.requests.close(requestId, 'closed', actor.userId, actor.now))) return refuse('not_open');
        await messageChanged(tx, requestId);
        return { ok: true, value: (await tx.requests.get(requestId)) ?? request };
      });
    },

    /** "Try again" on a request that could not be posted (for example after inviting the bot): by its requester only. */
    retryPost(requestId: number, actor: Actor): Promise<Outcome<PostRetry>> {
      return repos.transaction(async (tx) => {
        const request = await tx.requests.get(requestId);
        if (!request || request.teamId !== actor.teamId) return refuse('not_found');
        if (request.requesterId !== actor.userId) return refuse('not_allowed');
        if (request.status !== 'open') return refuse('not_open');
        if (request.messageTs) return { ok: true, value: { state: 'posted', request } };
        const claimed = await tx.requests.claimPostForRequester(request.id, actor.now, actor.now + POST_LEASE_MS);
        return { ok: true, value: claimed ? { state: 'claimed', request: claimed } : { state: 'posting', request } };
      });
    },

    /** A request whose message could not be posted is cancelled by its requester: it is closed, not kept open. */
    cancelUnposted(requestId: number, actor: Actor): Promise<Outcome<BoostRequest>> {
      return repos.transaction(async (tx) => {
        const request = await tx.requests.get(requestId);
        if (!request || request.teamId !== actor.teamId) return refuse('not_found');
        if (request.requesterId !== actor.userId) return refuse('not_allowed');
        if (!(await tx.requests.close(requestId, 'closed', actor.userId, actor.now))) return refuse('not_open');
        return { ok: true, value: request };
      });
    },
  };
}

export type RequestService = ReturnType<typeof requestService>;
