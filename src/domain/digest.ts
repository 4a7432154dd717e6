import type { BoostRequest, Counts } from './types.ts';

// Who gets the weekly digest and what it says. Plain data in, plain data out: no Slack, no SQL, `now` passed in.

const DAY_MS = 86_400_000;

/** A requester hears about the requests that were open during the week before their slot. */
export const REQUESTER_WINDOW_MS = 7 * DAY_MS;
/** A helper keeps getting digests for four weeks after they last took part. */
export const HELPER_WINDOW_MS = 28 * DAY_MS;
/** What a digest reports on: the week before the slot. */
export const DIGEST_PERIOD_MS = 7 * DAY_MS;

export const MAX_DIGEST_REQUESTS = 10;
export const MAX_DIGEST_CONTRIBUTIONS = 10;
export const MAX_DIGEST_OPEN = 3;

/** What a digest needs of a request: the database reads these fields and no others. */
export const DIGEST_REQUEST_FIELDS = [
  'id',
  'teamId',
  'requesterId',
  'title',
  'url',
  'channelId',
  'status',
  'createdAt',
  'deadlineAt',
  'closedAt',
] as const satisfies readonly (keyof BoostRequest)[];

export type DigestRequest = Pick<BoostRequest, (typeof DIGEST_REQUEST_FIELDS)[number]>;

/**
 * What the database knows about someone who might get a digest, gathered for every candidate at once. Participation
 * times (opting in, sharing) are summarised around `splitAt` (the earliest possible slot this week): the latest one
 * before it and the earliest one from it on. That is enough to tell whether they took part in the four weeks before
 * any slot between `splitAt` and now, without fetching every participation.
 */
export interface DigestCandidate {
  teamId: string;
  userId: string;
  /** user_settings.digest: null never chose, true subscribed, false stopped. */
  digest: boolean | null;
  /** When their settings last changed (to date a subscription); null without a settings row. */
  settingsUpdatedAt: number | null;
  helped: { latestBefore: number | null; earliestFrom: number | null; splitAt: number };
  /** Their own requests that were open lately (any status now). */
  requests: readonly DigestRequest[];
}

export interface EligibilityReasons {
  asRequester: boolean;
  asHelper: boolean;
  subscribed: boolean;
}

/** Whether a request was open at some moment of [from, to). */
export function wasOpenDuring(request: Pick<DigestRequest, 'createdAt' | 'closedAt'>, from: number, to: number) {
  return request.createdAt < to && (request.closedAt === null || request.closedAt >= from);
}

/**
 * Why someone would get the digest whose slot is `dueAt`, judged on what had happened by then (someone who takes part
 * for the first time on Tuesday waits for next Monday's digest instead of getting one at once).
 */
export function eligibilityReasons(candidate: DigestCandidate, dueAt: number): EligibilityReasons {
  const { latestBefore, earliestFrom } = candidate.helped;
  const helperFrom = dueAt - HELPER_WINDOW_MS;
  return {
    asRequester: candidate.requests.some((request) => wasOpenDuring(request, dueAt - REQUESTER_WINDOW_MS, dueAt)),
    // Exact while splitAt <= dueAt <= splitAt + 4 weeks: latestBefore < splitAt <= dueAt and earliestFrom >= helperFrom.
    asHelper: (latestBefore !== null && latestBefore >= helperFrom) || (earliestFrom !== null && earliestFrom < dueAt),
    subscribed: candidate.digest === true && (candidate.settingsUpdatedAt ?? 0) <= dueAt,
  };
}

/** Rule 1: only people who acted (asked, helped, subscribed) and never someone who stopped the digest. */
export function isEligible(candidate: DigestCandidate, dueAt: number): boolean {
  if (candidate.digest === false) return false;
  const reasons = eligibilityReasons(candidate, dueAt);
  return reasons.asRequester || reasons.asHelper || reasons.subscribed;
}

export interface HelperOfRequest {
  userId: string;
  optedInAt: number;
  sharedAt: number | null;
  thankedAt: number | null;
}

export interface Contribution {
  request: DigestRequest;
  optedInAt: number;
  sharedAt: number | null;
  thankedAt: number | null;
}

export interface OpenRequest {
  request: DigestRequest;
  counts: Counts;
  /** Who is in already, to leave out what the reader joined. */
  participants: ReadonlySet<string>;
}

export interface DigestInput {
  candidate: DigestCandidate;
  week: string;
  dueAt: number;
  now: number;
  /** Helpers of each of the candidate's requests, by request id. */
  helpersByRequest: ReadonlyMap<number, readonly HelperOfRequest[]>;
  /** The candidate's own participations with something new lately (joined, shared or thanked). */
  contributions: readonly Contribution[];
  /** Open requests of the workspace, soonest deadline first. */
  openRequests: readonly OpenRequest[];
  /** Clicks on personal links so far, by request id, then by helper: for the requester's lines and the helper's own. */
  clicksByHelper?: ReadonlyMap<number, ReadonlyMap<string, number>>;
}

export interface DigestRequestLine {
  request: DigestRequest;
  counts: Counts;
  /** Everyone in, in the order they joined; the requester sees names to thank them (rule 3). */
  helpers: readonly { userId: string; shared: boolean; clicks?: number }[];
  /** Clicks on all of the request's personal links so far. */
  clicks?: number;
  /** Someone shared and was not thanked yet: the digest offers "Send thanks". */
  canThank: boolean;
}

export interface Digest {
  teamId: string;
  userId: string;
  week: string;
  /** The requester's own requests of the week (at most MAX_DIGEST_REQUESTS), newest first. */
  requests: readonly DigestRequestLine[];
  moreRequests: number;
  /** What they joined or shared during the week. */
  helped: readonly { request: DigestRequest; shared: boolean; clicks?: number }[];
  moreHelped: number;
  /** Requests for which they were thanked during the week. */
  thanks: readonly DigestRequest[];
  /** A few open requests they are not part of, offered to helpers and subscribers only. */
  open: readonly { request: DigestRequest; counts: Counts }[];
}

/**
 * The digest for one person, or null when there is nothing to tell them (then nothing is sent and nothing is claimed).
 * Someone who never chose gets one when there is news about their requests or what they helped with; a subscriber
 * also gets one for the open requests alone.
 */
export function composeDigest(input: DigestInput): Digest | null {
  const { candidate, dueAt, now } = input;
  const reasons = eligibilityReasons(candidate, dueAt);
  const from = dueAt - DIGEST_PERIOD_MS;
  const within = (at: number | null) => at !== null && at >= from && at < dueAt;

  const ownRequests = candidate.requests
    .filter((request) => wasOpenDuring(request, from, dueAt))
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const requests = ownRequests.slice(0, MAX_DIGEST_REQUESTS).map((request): DigestRequestLine => {
    const helpers = [...(input.helpersByRequest.get(request.id) ?? [])].sort((a, b) => a.optedInAt - b.optedInAt);
    const clicks = input.clicksByHelper?.get(request.id);
    const total = clicks ? [...clicks.values()].reduce((sum, n) => sum + n, 0) : 0;
    return {
      request,
      counts: { optedIn: helpers.length, shared: helpers.filter((helper) => helper.sharedAt !== null).length },
      ...withClicks(total),
      helpers: helpers.map((helper) => ({
        userId: helper.userId,
        shared: helper.sharedAt !== null,
        ...withClicks(clicks?.get(helper.userId)),
      })),
      canThank: helpers.some((helper) => helper.sharedAt !== null && helper.thankedAt === null),
    };
  });

  const mine = input.contributions.filter((c) => c.request.requesterId !== candidate.userId);
  const helpedThisWeek = mine
    .filter((c) => within(c.optedInAt) || within(c.sharedAt))
    .sort((a, b) => (b.sharedAt ?? b.optedInAt) - (a.sharedAt ?? a.optedInAt) || b.request.id - a.request.id);
  const thanks = mine
    .filter((c) => within(c.thankedAt))
    .sort((a, b) => (b.thankedAt ?? 0) - (a.thankedAt ?? 0))
    .map((c) => c.request);

  const joined = new Set(mine.map((c) => c.request.id));
  const open =
    reasons.asHelper || reasons.subscribed
      ? input.openRequests
          .filter(
            ({ request, participants }) =>
              request.teamId === candidate.teamId &&
              request.requesterId !== candidate.userId &&
              request.status === 'open' &&
              request.deadlineAt > now &&
              !joined.has(request.id) &&
              !participants.has(candidate.userId),
          )
          .slice(0, MAX_DIGEST_OPEN)
          .map(({ request, counts }) => ({ request, counts }))
      : [];

  // Without a subscription the digest comes "when there is news": about their own requests or what they helped with.
  const news = requests.length > 0 || helpedThisWeek.length > 0 || thanks.length > 0;
  if (!news && !(reasons.subscribed && open.length > 0)) return null;
  return {
    teamId: candidate.teamId,
    userId: candidate.userId,
    week: input.week,
    requests,
    moreRequests: ownRequests.length - requests.length,
    helped: helpedThisWeek.slice(0, MAX_DIGEST_CONTRIBUTIONS).map((c) => ({
      request: c.request,
      shared: c.sharedAt !== null,
      ...withClicks(input.clicksByHelper?.get(c.request.id)?.get(candidate.userId)),
    })),
    moreHelped: Math.max(0, helpedThisWeek.length - MAX_DIGEST_CONTRIBUTIONS),
    thanks: thanks.slice(0, MAX_DIGEST_CONTRIBUTIONS),
    open,
  };
}

/** A click figure only where there are clicks: a digest never mentions links nobody opened. */
function withClicks(clicks: number | undefined): { clicks?: number } {
  return clicks ? { clicks } : {};
}

/** One line per digest for `npm run digest -- --dry-run`: who, which week, and what it holds (no user text). */
export function describeDigest(digest: Digest, zoneName: string): string {
  const parts = [
    digest.requests.length + digest.moreRequests > 0
      ? plural(digest.requests.length + digest.moreRequests, 'request')
      : '',
    digest.helped.length + digest.moreHelped > 0 ? `helped with ${digest.helped.length + digest.moreHelped}` : '',
    digest.thanks.length > 0 ? plural(digest.thanks.length, 'thanks', 'thanks') : '',
    digest.open.length > 0 ? `${digest.open.length} open to suggest` : '',
  ].filter(Boolean);
  return `${digest.teamId}/${digest.userId} ${digest.week} (${zoneName}): ${parts.join(', ')}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
