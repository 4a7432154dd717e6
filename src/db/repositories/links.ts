import { and, asc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { newLinkToken } from '../../domain/tracked-links.ts';
import type { Db } from '../connection.ts';
import { isPostgres, type Tables, tablesOf } from '../dialect.ts';
import { type LinkClick, postgresLinkPath, sqliteLinkPath } from './link-paths.ts';

export type { LinkClick };

/** Days as YYYY-MM-DD (UTC): clicks on or after `from` and before `to`; either end may be left open. */
export interface DayRange {
  from?: string;
  to?: string;
}

export interface DayClicks {
  day: string;
  clicks: number;
}

function inRange({ linkClicks }: Tables, range: DayRange | undefined): SQL | undefined {
  return and(
    range?.from === undefined ? undefined : gte(linkClicks.day, range.from),
    range?.to === undefined ? undefined : lt(linkClicks.day, range.to),
  );
}

/**
 * Personal tracked links and their click counts. Only (token, request, helper) and (token, UTC day, count) are stored:
 * nothing about whoever clicked. The figures come from set-based queries, one per list, whatever its length. Written
 * for both databases (see dialect.ts); the redirect's and the opt-in's statements are each database's own
 * (link-paths.ts).
 */
export function linksRepository(db: Db) {
  const tables = tablesOf(db);
  const { linkClicks, requests, trackedLinks } = tables;
  const clicks = sql<number>`sum(${linkClicks.count})`.mapWith(Number);
  const hot = isPostgres(db) ? postgresLinkPath(db) : sqliteLinkPath(db);

  /** Clicks on all links of each request; every id asked for is in the map (0 when none). */
  const clicksByRequest = async (requestIds: readonly number[], range?: DayRange): Promise<Map<number, number>> => {
    const totals = new Map<number, number>(requestIds.map((id) => [id, 0]));
    if (requestIds.length === 0) return totals;
    const rows = await db
      .select({ requestId: trackedLinks.requestId, clicks })
      .from(trackedLinks)
      .innerJoin(linkClicks, eq(linkClicks.token, trackedLinks.token))
      .where(and(inArray(trackedLinks.requestId, [...requestIds]), inRange(tables, range)))
      .groupBy(trackedLinks.requestId);
    for (const row of rows) totals.set(row.requestId, row.clicks);
    return totals;
  };

  /** clicksByHelper for several requests in one query. */
  const clicksByHelperOf = async (
    requestIds: readonly number[],
    range?: DayRange,
  ): Promise<Map<number, Map<string, number>>> => {
    const byRequest = new Map<number, Map<string, number>>(requestIds.map((id) => [id, new Map()]));
    if (requestIds.length === 0) return byRequest;
    const rows = await db
      .select({ requestId: trackedLinks.requestId, userId: trackedLinks.userId, clicks })
      .from(trackedLinks)
      .innerJoin(linkClicks, eq(linkClicks.token, trackedLinks.token))
      .where(and(inArray(trackedLinks.requestId, [...requestIds]), inRange(tables, range)))
      .groupBy(trackedLinks.requestId, trackedLinks.userId);
    for (const row of rows) byRequest.get(row.requestId)?.set(row.userId, row.clicks);
    return byRequest;
  };

  return {
    /** Where a link leads (its request's URL, whatever the request's status), or undefined for an unknown token. */
    async target(token: string): Promise<string | undefined> {
      return await hot.target(token);
    },

    /** Counts clicks together; returns how many were counted (links deleted meanwhile are not). */
    async countAll(clicks: readonly LinkClick[]): Promise<number> {
      return await hot.countAll(clicks);
    },

    async tokenFor(requestId: number, userId: string): Promise<string | undefined> {
      return await hot.tokenFor(requestId, userId);
    },
    clicksByRequest,
    clicksByHelperOf,

    /**
     * The helper's link for a request, created on first use. Insert-or-ignore on (request, helper), then read back, so
     * two deliveries at once end with one link. Undefined when the person is not taking part (a link lives as long as
     * its participation).
     */
    async ensure(requestId: number, userId: string, now: number): Promise<string | undefined> {
      const existing = await hot.tokenFor(requestId, userId);
      if (existing) return existing;
      const token = newLinkToken();
      const inserted = await hot.insertLink(token, requestId, userId, now);
      // The participation may be gone (withdrawn a moment ago): the foreign key refuses a link for nobody.
      if (inserted === 'not_taking_part') return undefined;
      // Another delivery of the same person's click inserted theirs first: theirs is the one.
      return inserted === 'inserted' ? token : await hot.tokenFor(requestId, userId);
    },

    /** The person's links among these requests, by request id. */
    async tokensOf(userId: string, requestIds: readonly number[]): Promise<Map<number, string>> {
      if (requestIds.length === 0) return new Map();
      const rows = await db
        .select({ requestId: trackedLinks.requestId, token: trackedLinks.token })
        .from(trackedLinks)
        .where(and(eq(trackedLinks.userId, userId), inArray(trackedLinks.requestId, [...requestIds])));
      return new Map(rows.map((row) => [row.requestId, row.token]));
    },

    /** Clicks on one helper's link for a request (0 when none): what their private reply shows. */
    async clicksOf(requestId: number, userId: string): Promise<number> {
      return await hot.clicksOf(requestId, userId);
    },

    /** Clicks on one request's links, by helper; helpers whose link was never clicked are absent. */
    async clicksByHelper(requestId: number, range?: DayRange): Promise<Map<string, number>> {
      return (await clicksByHelperOf([requestId], range)).get(requestId) ?? new Map();
    },

    /** Clicks on the person's own links in a workspace, by request; requests without clicks are absent. */
    async clicksForUser(teamId: string, userId: string, range?: DayRange): Promise<Map<number, number>> {
      const rows = await db
        .select({ requestId: trackedLinks.requestId, clicks })
        .from(trackedLinks)
        .innerJoin(requests, eq(requests.id, trackedLinks.requestId))
        .innerJoin(linkClicks, eq(linkClicks.token, trackedLinks.token))
        .where(and(eq(trackedLinks.userId, userId), eq(requests.teamId, teamId), inRange(tables, range)))
        .groupBy(trackedLinks.requestId);
      return new Map(rows.map((row) => [row.requestId, row.clicks]));
    },

    /** Clicks on one request's links per UTC day, oldest first; days without clicks are absent. */
    async clicksByDay(requestId: number, range?: DayRange): Promise<DayClicks[]> {
      return await db
        .select({ day: linkClicks.day, clicks })
        .from(trackedLinks)
        .innerJoin(linkClicks, eq(linkClicks.token, trackedLinks.token))
        .where(and(eq(trackedLinks.requestId, requestId), inRange(tables, range)))
        .groupBy(linkClicks.day)
        .orderBy(asc(linkClicks.day));
    },

    async totalClicks(requestId: number): Promise<number> {
      return (await clicksByRequest([requestId])).get(requestId) ?? 0;
    },
  };
}

export type LinksRepository = ReturnType<typeof linksRepository>;
