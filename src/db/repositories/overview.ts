import { and, asc, count, desc, eq, gte, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { BoostRequest, Counts, Participation } from '../../domain/types.ts';
import type { Db } from '../connection.ts';
import { tablesOf } from '../dialect.ts';

export interface Page<T> {
  items: T[];
  /** How many there are in all, for "and N more". */
  total: number;
}

export interface Contribution {
  request: BoostRequest;
  participation: Participation;
}

/**
 * What one person sees about Boost (App Home, `/boost mine`): their requests, their contributions, the open requests.
 * Each list is one query, whatever its length, so a Home costs a handful of queries for anyone. Written for both
 * databases (see dialect.ts).
 */
export function overviewRepository(db: Db) {
  const { participations, requests } = tablesOf(db);
  const openFirst = sql`case when ${requests.status} = 'open' then 0 else 1 end`;
  return {
    /** Their requests, open ones first, then the most recent. */
    async requestsBy(teamId: string, requesterId: string, limit: number): Promise<Page<BoostRequest>> {
      const mine = and(eq(requests.teamId, teamId), eq(requests.requesterId, requesterId));
      const items = await db
        .select()
        .from(requests)
        .where(mine)
        .orderBy(openFirst, desc(requests.createdAt), desc(requests.id))
        .limit(limit);
      const total = (await db.select({ n: count() }).from(requests).where(mine))[0]?.n ?? 0;
      return { items, total };
    },

    /** What they opted into or shared, open requests first, then the most recent. */
    async contributionsOf(teamId: string, userId: string, limit: number): Promise<Page<Contribution>> {
      const theirs = and(eq(participations.userId, userId), eq(requests.teamId, teamId));
      const items = await db
        .select({ request: requests, participation: participations })
        .from(participations)
        .innerJoin(requests, eq(requests.id, participations.requestId))
        .where(theirs)
        .orderBy(openFirst, desc(participations.optedInAt), desc(participations.id))
        .limit(limit);
      const [counted] = await db
        .select({ n: count() })
        .from(participations)
        .innerJoin(requests, eq(requests.id, participations.requestId))
        .where(theirs);
      const total = counted?.n ?? 0;
      return { items, total };
    },

    /** Requests still taking help (open, in their channel, before their deadline), soonest deadline first. */
    async openRequests(teamId: string, now: number, limit: number): Promise<Page<BoostRequest>> {
      const open = and(
        eq(requests.teamId, teamId),
        eq(requests.status, 'open'),
        isNotNull(requests.messageTs),
        gte(requests.deadlineAt, now),
      );
      const items = await db
        .select()
        .from(requests)
        .where(open)
        .orderBy(asc(requests.deadlineAt), asc(requests.id))
        .limit(limit);
      const total = (await db.select({ n: count() }).from(requests).where(open))[0]?.n ?? 0;
      return { items, total };
    },

    /** Figures of several requests in one query; a request nobody joined yet has none (0 in, 0 shared). */
    async countsFor(requestIds: readonly number[]): Promise<Map<number, Counts>> {
      const counts = new Map<number, Counts>(requestIds.map((id) => [id, { optedIn: 0, shared: 0 }]));
      if (requestIds.length === 0) return counts;
      const rows = await db
        .select({
          requestId: participations.requestId,
          optedIn: count(),
          shared: count(participations.sharedAt),
        })
        .from(participations)
        .where(inArray(participations.requestId, [...requestIds]))
        .groupBy(participations.requestId);
      for (const row of rows) counts.set(row.requestId, { optedIn: row.optedIn, shared: row.shared });
      return counts;
    },

    /** Everyone taking part in these requests, grouped by request, in the order they joined. */
    async participantsOf(requestIds: readonly number[]): Promise<Map<number, Participation[]>> {
      const byRequest = new Map<number, Participation[]>(requestIds.map((id) => [id, []]));
      if (requestIds.length === 0) return byRequest;
      const rows = await db
        .select()
        .from(participations)
        .where(inArray(participations.requestId, [...requestIds]))
        .orderBy(asc(participations.optedInAt), asc(participations.id));
      for (const row of rows) byRequest.get(row.requestId)?.push(row);
      return byRequest;
    },

    /** Which of these requests the person is in. */
    async joinedAmong(userId: string, requestIds: readonly number[]): Promise<Set<number>> {
      if (requestIds.length === 0) return new Set();
      const rows = await db
        .select({ requestId: participations.requestId })
        .from(participations)
        .where(and(eq(participations.userId, userId), inArray(participations.requestId, [...requestIds])));
      return new Set(rows.map((row) => row.requestId));
    },

    /** Applies a changed show-my-name choice to the person's participations in open requests; returns those requests. */
    async setShowNameOnOpen(teamId: string, userId: string, showName: boolean): Promise<number[]> {
      const openOfTeam = db
        .select({ id: requests.id })
        .from(requests)
        .where(and(eq(requests.teamId, teamId), eq(requests.status, 'open')));
      const changed = await db
        .update(participations)
        .set({ showName })
        .where(
          and(
            eq(participations.userId, userId),
            ne(participations.showName, showName),
            inArray(participations.requestId, openOfTeam),
          ),
        )
        .returning({ requestId: participations.requestId });
      return changed.map((row) => row.requestId);
    },
  };
}

export type OverviewRepository = ReturnType<typeof overviewRepository>;
