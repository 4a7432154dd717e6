import type Database from 'better-sqlite3';
import { and, asc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { newLinkToken } from '../../domain/tracked-links.ts';
import type { Db } from '../connection.ts';
import { columnName, type StoredValue, sqlText } from '../raw-sql.ts';
import { linkClicks, requests, trackedLinks } from '../schema.ts';

type Token = StoredValue<typeof trackedLinks.token>;
/** A helper's link is theirs for one request: (request id, user id). */
type HelperKey = [StoredValue<typeof trackedLinks.requestId>, StoredValue<typeof trackedLinks.userId>];

/** Days as YYYY-MM-DD (UTC): clicks on or after `from` and before `to`; either end may be left open. */
export interface DayRange {
  from?: string;
  to?: string;
}

/** One click to count: on which link, and on which UTC day. */
export interface LinkClick {
  token: string;
  day: string;
}

export interface DayClicks {
  day: string;
  clicks: number;
}

const clicks = sql<number>`sum(${linkClicks.count})`.mapWith(Number);

function inRange(range: DayRange | undefined): SQL | undefined {
  return and(
    range?.from === undefined ? undefined : gte(linkClicks.day, range.from),
    range?.to === undefined ? undefined : lt(linkClicks.day, range.to),
  );
}

/**
 * Personal tracked links and their click counts. Only (token, request, helper) and (token, UTC day, count) are stored:
 * nothing about whoever clicked. The figures come from set-based queries, one per list, whatever its length.
 */
export function linksRepository(db: Db) {
  // The redirect's hot path: two statements prepared once, run with better-sqlite3 directly (no query building, no row
  // mapping). A click is one upsert, atomic in SQLite, so concurrent clicks are counted exactly.
  const sqlite = (db as Db & { $client: Database.Database }).$client;
  const targetOf = sqlite
    .prepare<[Token], StoredValue<typeof requests.url>>(
      sqlText(sql`select ${requests.url} from ${trackedLinks} join ${requests} on ${requests.id} = ${trackedLinks.requestId}
                   where ${trackedLinks.token} = ?`),
    )
    .pluck();
  const count = columnName(linkClicks.count);
  const countClick = sqlite.prepare<[Token, StoredValue<typeof linkClicks.day>]>(
    sqlText(sql`insert into ${linkClicks} (${columnName(linkClicks.token)}, ${columnName(linkClicks.day)}, ${count})
                values (?, ?, 1)
                on conflict (${columnName(linkClicks.token)}, ${columnName(linkClicks.day)}) do update set ${count} = ${count} + 1`),
  );
  // Committing (a WAL write) is most of what a click costs; the clicks that arrive together share one commit.
  const countClicks = sqlite.transaction((clicks: readonly LinkClick[]): number => {
    let counted = 0;
    for (const { token, day } of clicks) {
      try {
        countClick.run(token, day);
        counted += 1;
      } catch (error) {
        // The link was deleted (its helper withdrew) since it was looked up: that click has nothing left to count.
        if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
      }
    }
    return counted;
  });

  // Every "I'm in" reads (and the first one creates) the helper's link and its clicks: prepared once as well.
  const ofHelper = sql`${trackedLinks.requestId} = ? and ${trackedLinks.userId} = ?`;
  const tokenOf = sqlite
    .prepare<HelperKey, Token>(sqlText(sql`select ${trackedLinks.token} from ${trackedLinks} where ${ofHelper}`))
    .pluck();
  const insertLink = sqlite.prepare<[Token, ...HelperKey, StoredValue<typeof trackedLinks.createdAt>]>(
    sqlText(
      sql`insert into ${trackedLinks} (${sql.join(
        [trackedLinks.token, trackedLinks.requestId, trackedLinks.userId, trackedLinks.createdAt].map(columnName),
        sql`, `,
      )}) values (?, ?, ?, ?) on conflict do nothing`,
    ),
  );
  const clicksOfHelper = sqlite
    .prepare<HelperKey, number>(
      sqlText(sql`select coalesce(sum(${linkClicks.count}), 0) from ${trackedLinks}
                    join ${linkClicks} on ${linkClicks.token} = ${trackedLinks.token}
                   where ${ofHelper}`),
    )
    .pluck();

  const tokenFor = (requestId: number, userId: string): string | undefined => tokenOf.get(requestId, userId);

  /** Clicks on all links of each request; every id asked for is in the map (0 when none). */
  const clicksByRequest = (requestIds: readonly number[], range?: DayRange): Map<number, number> => {
    const totals = new Map<number, number>(requestIds.map((id) => [id, 0]));
    if (requestIds.length === 0) return totals;
    const rows = db
      .select({ requestId: trackedLinks.requestId, clicks })
      .from(trackedLinks)
      .innerJoin(linkClicks, eq(linkClicks.token, trackedLinks.token))
      .where(and(inArray(trackedLinks.requestId, [...requestIds]), inRange(range)))
      .groupBy(trackedLinks.requestId)
      .all();
    for (const row of rows) totals.set(row.requestId, row.clicks);
    return totals;
  };

  /** clicksByHelper for several requests in one query. */
  const clicksByHelperOf = (requestIds: readonly number[], range?: DayRange): Map<number, Map<string, number>> => {
    const byRequest = new Map<number, Map<string, number>>(requestIds.map((id) => [id, new Map()]));
    if (requestIds.length === 0) return byRequest;
    const rows = db
      .select({ requestId: trackedLinks.requestId, userId: trackedLinks.userId, clicks })
      .from(trackedLinks)
      .innerJoin(linkClicks, eq(linkClicks.token, trackedLinks.token))
      .where(and(inArray(trackedLinks.requestId, [...requestIds]), inRange(range)))
      .groupBy(trackedLinks.requestId, trackedLinks.userId)
      .all();
    for (const row of rows) byRequest.get(row.requestId)?.set(row.userId, row.clicks);
    return byRequest;
  };

  return {
    /** Where a link leads (its request's URL, whatever the request's status), or undefined for an unknown token. */
    target(token: string): string | undefined {
      return targetOf.get(token);
    },

    /** Counts clicks in one transaction, one upsert each; returns how many were counted (links deleted meanwhile are not). */
    countAll(clicks: readonly LinkClick[]): number {
      return countClicks(clicks);
    },

    tokenFor,
    clicksByRequest,
    clicksByHelperOf,

    /**
     * The helper's link for a request, created on first use. Insert-or-ignore on (request, helper), then read back, so
     * two deliveries at once end with one link. Undefined when the person is not taking part (a link lives as long as
     * its participation).
     */
    ensure(requestId: number, userId: string, now: number): string | undefined {
      const existing = tokenFor(requestId, userId);
      if (existing) return existing;
      try {
        insertLink.run(newLinkToken(), requestId, userId, now);
      } catch (error) {
        // The participation is gone (withdrawn a moment ago): the foreign key refuses a link for nobody.
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return undefined;
        throw error;
      }
      return tokenFor(requestId, userId);
    },

    /** The person's links among these requests, by request id. */
    tokensOf(userId: string, requestIds: readonly number[]): Map<number, string> {
      if (requestIds.length === 0) return new Map();
      const rows = db
        .select({ requestId: trackedLinks.requestId, token: trackedLinks.token })
        .from(trackedLinks)
        .where(and(eq(trackedLinks.userId, userId), inArray(trackedLinks.requestId, [...requestIds])))
        .all();
      return new Map(rows.map((row) => [row.requestId, row.token]));
    },

    /** Clicks on one helper's link for a request (0 when none): what their private reply shows. */
    clicksOf(requestId: number, userId: string): number {
      return clicksOfHelper.get(requestId, userId) ?? 0;
    },

    /** Clicks on one request's links, by helper; helpers whose link was never clicked are absent. */
    clicksByHelper(requestId: number, range?: DayRange): Map<string, number> {
      return clicksByHelperOf([requestId], range).get(requestId) ?? new Map();
    },

    /** Clicks on the person's own links in a workspace, by request; requests without clicks are absent. */
    clicksForUser(teamId: string, userId: string, range?: DayRange): Map<number, number> {
      const rows = db
        .select({ requestId: trackedLinks.requestId, clicks })
        .from(trackedLinks)
        .innerJoin(requests, eq(requests.id, trackedLinks.requestId))
        .innerJoin(linkClicks, eq(linkClicks.token, trackedLinks.token))
        .where(and(eq(trackedLinks.userId, userId), eq(requests.teamId, teamId), inRange(range)))
        .groupBy(trackedLinks.requestId)
        .all();
      return new Map(rows.map((row) => [row.requestId, row.clicks]));
    },

    /** Clicks on one request's links per UTC day, oldest first; days without clicks are absent. */
    clicksByDay(requestId: number, range?: DayRange): DayClicks[] {
      return db
        .select({ day: linkClicks.day, clicks })
        .from(trackedLinks)
        .innerJoin(linkClicks, eq(linkClicks.token, trackedLinks.token))
        .where(and(eq(trackedLinks.requestId, requestId), inRange(range)))
        .groupBy(linkClicks.day)
        .orderBy(asc(linkClicks.day))
        .all();
    },

    totalClicks(requestId: number): number {
      return clicksByRequest([requestId]).get(requestId) ?? 0;
    },
  };
}

export type LinksRepository = ReturnType<typeof linksRepository>;
