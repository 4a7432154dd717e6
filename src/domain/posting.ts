import type { BoostRequest } from './types.ts';

// A request is offered to others only once its message is in its channel. Until then it is in one of these states:
// - `posting`: an attempt is in flight, leased until postDueAt (a crashed attempt's lease simply runs out);
// - `retry`: Slack certainly did not post it (a 503, no connection, a rate limit): the minute tick tries again at
//   postDueAt, backing off;
// - `unconfirmed`: Slack may have posted it (a timeout, a 500, an attempt that never answered). Boost cannot read the
//   channel to check, so it never posts it again by itself: the first click on the landed message records it, or the
//   requester, who can look, presses Try again or Cancel;
// - `refused`: Slack refused for a reason that does not pass by waiting (not in the channel, archived): the requester
//   is told what to do.

export type PostState = NonNullable<BoostRequest['postState']>;
export type PostFailure = Exclude<PostState, 'posting'>;

/** Longer than one attempt can take (the Web API's timeout and retries), so a live attempt is never taken over. */
export const POST_LEASE_MS = 5 * 60_000;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;

/** How long to wait after the `attempts`-th attempt failed: one minute, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  const doublings = Math.min(Math.max(attempts - 1, 0), 16);
  return Math.min(FIRST_RETRY_MS * 2 ** doublings, LONGEST_RETRY_MS);
}

/** The request's message is in its channel: only then may anyone but its requester see or join it. */
export function isPosted(request: Pick<BoostRequest, 'messageTs'>): boolean {
  return request.messageTs !== null;
}

/**
 * Where posting stands for a request not yet in its channel. Requests saved before these states existed have none:
 * whether their post landed is unknown, so they wait for a click or their requester.
 */
export function postStateOf(request: Pick<BoostRequest, 'postState'>): PostState {
  return request.postState ?? 'unconfirmed';
}

/** The requester hears about a failure when it is new to them: not again for each automatic retry that fails alike. */
export function shouldTellRequester(failure: PostFailure, previous: PostFailure | undefined): boolean {
  return failure !== previous;
}
