import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { PostFailure } from '../../domain/posting.ts';
import type { BoostRequest, RequestStatus } from '../../domain/types.ts';
import type { Db } from '../connection.ts';
import { type NewRequestRow, requests } from '../schema.ts';
import { stillInstalled } from './workspaces.ts';

/** Open and still without its channel message. */
const unposted = and(eq(requests.status, 'open'), isNull(requests.messageTs));

/** Only a request whose message is in its channel is shown to people other than its requester. */
const posted = and(eq(requests.status, 'open'), isNotNull(requests.messageTs));

/** Posting is done: nothing is due for it any more. */
const POSTED = { postState: null, postDueAt: null, postError: null, noticeDueAt: null } as const;

export interface PostFailureRecord {
  failure: PostFailure;
  error: string;
  /** When the tick tries again (retry only). */
  retryAt: number | null;
}

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
          .set({ messageTs, ...POSTED })
          .where(and(eq(requests.id, id), isNull(requests.messageTs)))
          .run().changes === 1
      );
    },

    setMessageTs(id: number, channelId: string, messageTs: string): void {
      db.update(requests)
        .set({ channelId, messageTs, ...POSTED })
        .where(eq(requests.id, id))
        .run();
    },

    /**
     * Takes the next attempt at posting a request for its requester (Try again): allowed in any state but while
     * another attempt holds its lease. Undefined when it cannot be taken (posted, closed, or being posted).
     */
    claimPostForRequester(id: number, now: number, leaseUntil: number): BoostRequest | undefined {
      const free = or(isNull(requests.postState), ne(requests.postState, 'posting'), lte(requests.postDueAt, now));
      return db
        .update(requests)
        .set({ postState: 'posting', postDueAt: leaseUntil, postAttempts: sql`${requests.postAttempts} + 1` })
        .where(and(eq(requests.id, id), unposted, free))
        .returning()
        .get();
    },

    /**
     * Takes the retry that is due first, leasing it until `leaseUntil`; one conditional UPDATE, so two instances never
     * take the same one. Returned as it is now (state `posting`), or undefined when none is due.
     */
    claimDueRetry(now: number, leaseUntil: number): BoostRequest | undefined {
      const due = db
        .select({ id: requests.id })
        .from(requests)
        .where(
          and(
            eq(requests.postState, 'retry'),
            lte(requests.postDueAt, now),
            gte(requests.deadlineAt, now),
            unposted,
            stillInstalled(requests.teamId),
          ),
        )
        .orderBy(asc(requests.postDueAt))
        .limit(1);
      return db
        .update(requests)
        .set({ postState: 'posting', postDueAt: leaseUntil, postAttempts: sql`${requests.postAttempts} + 1` })
        .where(and(inArray(requests.id, due), eq(requests.postState, 'retry')))
        .returning()
        .get();
    },

    /**
     * Attempts whose lease ran out without an answer (the process died, or Slack never answered): their post may have
     * landed, so they become `unconfirmed` and their requester is to be told. Returns their ids.
     */
    lapsePostsPastLease(now: number): number[] {
      return db
        .update(requests)
        .set({ postState: 'unconfirmed', postError: 'no_answer', postDueAt: null, noticeDueAt: now })
        .where(and(eq(requests.postState, 'posting'), lte(requests.postDueAt, now), unposted))
        .returning({ id: requests.id })
        .all()
        .map((row) => row.id);
    },

    /** Records a failed attempt, unless the message was found meanwhile (a click on it). */
    recordPostFailure(id: number, { failure, error, retryAt }: PostFailureRecord): void {
      db.update(requests)
        .set({ postState: failure, postError: error, postDueAt: retryAt })
        .where(and(eq(requests.id, id), isNull(requests.messageTs)))
        .run();
    },

    /** When to tell the requester again why it is not posted (null: told, or nothing to tell). */
    setNoticeDue(id: number, at: number | null): void {
      db.update(requests).set({ noticeDueAt: at }).where(eq(requests.id, id)).run();
    },

    /** Takes the notice that is due first, pushing it to `leaseUntil` so that one instance sends it. */
    claimDueNotice(now: number, leaseUntil: number): BoostRequest | undefined {
      const due = db
        .select({ id: requests.id })
        .from(requests)
        .where(and(lte(requests.noticeDueAt, now), unposted, stillInstalled(requests.teamId)))
        .orderBy(asc(requests.noticeDueAt))
        .limit(1);
      return db
        .update(requests)
        .set({ noticeDueAt: leaseUntil })
        .where(and(inArray(requests.id, due), lte(requests.noticeDueAt, now)))
        .returning()
        .get();
    },

    countOpenBy(teamId: string, requesterId: string): number {
      const row = db
        .select({ n: sql<number>`count(*)` })
        .from(requests)
        .where(and(eq(requests.teamId, teamId), eq(requests.requesterId, requesterId), eq(requests.status, 'open')))
        .get();
      return row?.n ?? 0;
    },

    /** Open requests of a workspace that are in their channel, soonest deadline first. */
    listOpen(teamId: string, limit: number): BoostRequest[] {
      return db
        .select()
        .from(requests)
        .where(and(eq(requests.teamId, teamId), posted))
        .orderBy(asc(requests.deadlineAt), asc(requests.id))
        .limit(limit)
        .all();
    },

    /** How many open requests of a workspace are in their channel. */
    countOpen(teamId: string): number {
      const row = db
        .select({ n: sql<number>`count(*)` })
        .from(requests)
        .where(and(eq(requests.teamId, teamId), posted))
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

    countByRequester(teamId: string, requesterId: string): number {
      const row = db
        .select({ n: sql<number>`count(*)` })
        .from(requests)
        .where(and(eq(requests.teamId, teamId), eq(requests.requesterId, requesterId)))
        .get();
      return row?.n ?? 0;
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
