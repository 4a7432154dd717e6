import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { BoostRequest, RequestStatus } from '../../domain/types.ts';
import type { Db } from '../connection.ts';
import { type NewRequestRow, requests } from '../schema.ts';
import { stillInstalled } from './workspaces.ts';

export function requestsRepository(db: Db) {
  // Read on every click: prepared once, so a click pays neither query building nor SQL compilation.
  const byId = db
    .select()
    .from(requests)
    .where(eq(requests.id, sql.placeholder('id')))
    .prepare();

  return {
    insert(values: NewRequestRow): BoostRequest {
      return db.insert(requests).values(values).returning().get();
    },

    get(id: number): BoostRequest | undefined {
      return byId.get({ id });
    },

    /** Records the message of a request that has none yet; false when it already had one. */
    adoptMessage(id: number, messageTs: string): boolean {
      return (
        db
          .update(requests)
          .set({ messageTs })
          .where(and(eq(requests.id, id), isNull(requests.messageTs)))
          .run().changes === 1
      );
    },

    setMessageTs(id: number, channelId: string, messageTs: string): void {
      db.update(requests).set({ channelId, messageTs }).where(eq(requests.id, id)).run();
    },

    countOpenBy(teamId: string, requesterId: string): number {
      const row = db
        .select({ n: sql<number>`count(*)` })
        .from(requests)
        .where(and(eq(requests.teamId, teamId), eq(requests.requesterId, requesterId), eq(requests.status, 'open')))
        .get();
      return row?.n ?? 0;
    },

    /** Open requests of a workspace, soonest deadline first. */
    listOpen(teamId: string, limit: number): BoostRequest[] {
      return db
        .select()
        .from(requests)
        .where(and(eq(requests.teamId, teamId), eq(requests.status, 'open')))
        .orderBy(asc(requests.deadlineAt), asc(requests.id))
        .limit(limit)
        .all();
    },

    countOpen(teamId: string): number {
      const row = db
        .select({ n: sql<number>`count(*)` })
        .from(requests)
        .where(and(eq(requests.teamId, teamId), eq(requests.status, 'open')))
        .get();
      return row?.n ?? 0;
    },

    listByRequester(teamId: string, requesterId: string, limit: number): BoostRequest[] {
      return db
        .select()
        .from(requests)
        .where(and(eq(requests.teamId, teamId), eq(requests.requesterId, requesterId)))
        .orderBy(desc(requests.createdAt), desc(requests.id))
        .limit(limit)
        .all();
    },

    listByIds(ids: readonly number[]): BoostRequest[] {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(requests)
        .where(inArray(requests.id, [...ids]))
        .all();
    },

    /** Closes an open request; false when it was not open (already closed, expired or missing). */
    close(id: number, status: Exclude<RequestStatus, 'open'>, closedBy: string | null, now: number): boolean {
      const result = db
        .update(requests)
        .set({ status, closedAt: now, closedBy })
        .where(and(eq(requests.id, id), eq(requests.status, 'open')))
        .run();
      return result.changes === 1;
    },

    /** Open requests whose deadline has passed, in workspaces where Boost is still installed. */
    listPastDeadline(now: number, limit: number): BoostRequest[] {
      return db
        .select()
        .from(requests)
        .where(and(eq(requests.status, 'open'), lte(requests.deadlineAt, now), stillInstalled(requests.teamId)))
        .orderBy(asc(requests.deadlineAt))
        .limit(limit)
        .all();
    },
  };
}

export type RequestsRepository = ReturnType<typeof requestsRepository>;
