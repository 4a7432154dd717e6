import { and, asc, desc, eq, gte, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { BoostRequest, Counts, Participation } from '../../domain/types.ts';
import type { Db } from '../connection.ts';
import { participations, requests } from '../schema.ts';

export interface Page<T> {
  items: T[];
  /** How many there are in all, for "and N more". */
  total: number;
}

export interface Contribution {
  request: BoostRequest;
  participation: Participation;
}

const openFirst = sql`case when ${requests.status} = 'open' then 0 else 1 end`;

/**
 * What one person sees about Boost (App Home, `/boost mine`): their requests, their contributions, the open requests.
 * Each list is one query, whatever its length, so a Home costs a handful of queries for anyone.
 */
export function overviewRepository(db: Db) {
  return {
    /** Their requests, open ones first, then the most recent. */
    requestsBy(teamId: string, requesterId: string, limit: number): Page<BoostRequest> {
      const mine = and(eq(requests.teamId, teamId), eq(requests.requesterId, requesterId));
      const items = db
        .select()
        .from(requests)
        .where(mine)
        .orderBy(openFirst, desc(requests.createdAt), desc(requests.id))
        .limit(limit)
        .all();
      const total = db.select({ n: sql<number>`count(*)` }).from(requests).where(mine).get()?.n ?? 0;
      return { items, total };
    },

    /** What they opted into or shared, open requests first, then the most recent. */
    contributionsOf(teamId: string, userId: string, limit: number): Page<Contribution> {
      const theirs = and(eq(participations.userId, userId), eq(requests.teamId, teamId));
      const items = db
        .select({ request: requests, participation: participations })
        .from(participations)
        .innerJoin(requests, eq(requests.id, participations.requestId))
        .where(theirs)
        .orderBy(openFirst, desc(participations.optedInAt), desc(participations.id))
        .limit(limit)
        .all();
      const total =
        db
          .select({ n: sql<number>`count(*)` })
          .from(participations)
          .innerJoin(requests, eq(requests.id, participations.requestId))
          .where(theirs)
          .get()?.n ?? 0;
      return { items, total };
    },

    /** Requests still taking help (open, in their channel, before their deadline), soonest deadline first. */
    openRequests(teamId: string, now: number, limit: number): Page<BoostRequest> {
      const open = and(
        eq(requests.teamId, teamId),
        eq(requests.status, 'open'),
        isNotNull(requests.messageTs),
        gte(requests.deadlineAt, now),
      );
      const items = db
        .select()
        .from(requests)
        .where(open)
        .orderBy(asc(requests.deadlineAt), asc(requests.id))
        .limit(limit)
        .all();
      const total = db.select({ n: sql<number>`count(*)` }).from(requests).where(open).get()?.n ?? 0;
      return { items, total };
    },

    /** Figures of several requests in one query; a request nobody joined yet has none (0 in, 0 shared). */
    countsFor(requestIds: readonly number[]): Map<number, Counts> {
      const counts = new Map<number, Counts>(requestIds.map((id) => [id, { optedIn: 0, shared: 0 }]));
      if (requestIds.length === 0) return counts;
      const rows = db
        .select({
          requestId: participations.requestId,
          optedIn: sql<number>`count(*)`,
          shared: sql<number>`count(${participations.sharedAt})`,
        })
        .from(participations)
        .where(inArray(participations.requestId, [...requestIds]))
        .groupBy(participations.requestId)
        .all();
      for (const row of rows) counts.set(row.requestId, { optedIn: row.optedIn, shared: row.shared });
      return counts;
    },

    /** Everyone taking part in these requests, grouped by request, in the order they joined. */
    participantsOf(requestIds: readonly number[]): Map<number, Participation[]> {
      const byRequest = new Map<number, Participation[]>(requestIds.map((id) => [id, []]));
      if (requestIds.length === 0) return byRequest;
      const rows = db
        .select()
        .from(participations)
        .where(inArray(participations.requestId, [...requestIds]))
        .orderBy(asc(participations.optedInAt), asc(participations.id))
        .all();
      for (const row of rows) byRequest.get(row.requestId)?.push(row);
      return byRequest;
    },

    /** Which of these requests the person is in. */
    joinedAmong(userId: string, requestIds: readonly number[]): Set<number> {
      if (requestIds.length === 0) return new Set();
      const rows = db
        .select({ requestId: participations.requestId })
        .from(participations)
        .where(and(eq(participations.userId, userId), inArray(participations.requestId, [...requestIds])))
        .all();
      return new Set(rows.map((row) => row.requestId));
    },

    /** Applies a changed show-my-name choice to the person's participations in open requests; returns those requests. */
    setShowNameOnOpen(teamId: string, userId: string, showName: boolean): number[] {
      const openOfTeam = db
        .select({ id: requests.id })
        .from(requests)
        .where(and(eq(requests.teamId, teamId), eq(requests.status, 'open')));
      return db
        .update(participations)
        .set({ showName })
        .where(
          and(
            eq(participations.userId, userId),
            ne(participations.showName, showName),
            inArray(participations.requestId, openOfTeam),
          ),
        )
        .returning({ requestId: participations.requestId })
        .all()
        .map((row) => row.requestId);
    },
  };
}

export type OverviewRepository = ReturnType<typeof overviewRepository>;
