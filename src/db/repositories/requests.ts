import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { PostFailure } from '../../domain/posting.ts';
import type { BoostRequest, RequestStatus } from '../../domain/types.ts';
import type { Db } from '../connection.ts';
import { affected, prepareOnce, type Tables, tablesOf, takeTurns } from '../dialect.ts';
import type { NewRequestRow } from '../schema.ts';
import { stillInstalled } from './workspaces.ts';

function conditions({ requests }: Tables) {
  return {
    /** Open and still without its channel message. */
    unposted: and(eq(requests.status, 'open'), isNull(requests.messageTs)) as SQL,
    /** Only a request whose message is in its channel is shown to people other than its requester. */
    posted: and(eq(requests.status, 'open'), isNotNull(requests.messageTs)) as SQL,
  };
}

/** Posting is done: nothing is due for it any more. */
const POSTED = { postState: null, postDueAt: null, postError: null, noticeDueAt: null } as const;

export interface PostFailureRecord {
  failure: PostFailure;
  error: string;
  /** When the tick tries again (retry only). */
  retryAt: number | null;
}

/** Requests and their posting. Written for both databases (see dialect.ts). */
export function requestsRepository(db: Db) {
  const tables = tablesOf(db);
  const { requests } = tables;
  const { unposted, posted } = conditions(tables);
  // Read on every click: prepared once, so a click pays neither query building nor SQL compilation.
  const byId = prepareOnce(
    db
      .select()
      .from(requests)
      .where(eq(requests.id, sql.placeholder('id'))),
    'request_by_id',
  );
  const countWhere = async (where: SQL | undefined) =>
    (await db.select({ n: count() }).from(requests).where(where))[0]?.n ?? 0;

  return {
    async insert(values: NewRequestRow): Promise<BoostRequest> {
      const [row] = await db.insert(requests).values(values).returning();
      if (!row) throw new Error('The request was not stored');
      return row;
    },

    async get(id: number): Promise<BoostRequest | undefined> {
      const [row] = await byId.execute({ id });
      return row;
    },

    /** Records the message of a request that has none yet; false when it already had one. */
    async adoptMessage(id: number, messageTs: string): Promise<boolean> {
      const result = await db
        .update(requests)
        .set({ messageTs, ...POSTED })
        .where(and(eq(requests.id, id), isNull(requests.messageTs)));
      return affected(result) === 1;
    },

    async setMessageTs(id: number, channelId: string, messageTs: string): Promise<void> {
      await db
        .update(requests)
        .set({ channelId, messageTs, ...POSTED })
        .where(eq(requests.id, id));
    },

    /**
     * Takes the next attempt at posting a request for its requester (Try again): allowed in any state but while
     * another attempt holds its lease. Undefined when it cannot be taken (posted, closed, or being posted).
     */
    async claimPostForRequester(id: number, now: number, leaseUntil: number): Promise<BoostRequest | undefined> {
      const free = or(isNull(requests.postState), ne(requests.postState, 'posting'), lte(requests.postDueAt, now));
      const [row] = await db
        .update(requests)
        .set({ postState: 'posting', postDueAt: leaseUntil, postAttempts: sql`${requests.postAttempts} + 1` })
        .where(and(eq(requests.id, id), unposted, free))
        .returning();
      return row;
    },

    /**
     * Takes the retry that is due first, leasing it until `leaseUntil`; one conditional UPDATE, so two instances never
     * take the same one. Returned as it is now (state `posting`), or undefined when none is due.
     */
    async claimDueRetry(now: number, leaseUntil: number): Promise<BoostRequest | undefined> {
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
      const [row] = await db
        .update(requests)
        .set({ postState: 'posting', postDueAt: leaseUntil, postAttempts: sql`${requests.postAttempts} + 1` })
        .where(and(inArray(requests.id, due), eq(requests.postState, 'retry')))
        .returning();
      return row;
    },

    /**
     * Attempts whose lease ran out without an answer (the process died, or Slack never answered): their post may have
     * landed, so they become `unconfirmed` and their requester is to be told. Returns their ids.
     */
    async lapsePostsPastLease(now: number): Promise<number[]> {
      const rows = await db
        .update(requests)
        .set({ postState: 'unconfirmed', postError: 'no_answer', postDueAt: null, noticeDueAt: now })
        .where(and(eq(requests.postState, 'posting'), lte(requests.postDueAt, now), unposted))
        .returning({ id: requests.id });
      return rows.map((row) => row.id);
    },

    /** Records a failed attempt, unless the message was found meanwhile (a click on it). */
    async recordPostFailure(id: number, { failure, error, retryAt }: PostFailureRecord): Promise<void> {
      await db
        .update(requests)
        .set({ postState: failure, postError: error, postDueAt: retryAt })
        .where(and(eq(requests.id, id), isNull(requests.messageTs)));
    },

    /** When to tell the requester again why it is not posted (null: told, or nothing to tell). */
    async setNoticeDue(id: number, at: number | null): Promise<void> {
      await db.update(requests).set({ noticeDueAt: at }).where(eq(requests.id, id));
    },

    /** Takes the notice that is due first, pushing it to `leaseUntil` so that one instance sends it. */
    async claimDueNotice(now: number, leaseUntil: number): Promise<BoostRequest | undefined> {
      const due = db
        .select({ id: requests.id })
        .from(requests)
        .where(and(lte(requests.noticeDueAt, now), unposted, stillInstalled(requests.teamId)))
        .orderBy(asc(requests.noticeDueAt))
        .limit(1);
      const [row] = await db
        .update(requests)
        .set({ noticeDueAt: leaseUntil })
        .where(and(inArray(requests.id, due), lte(requests.noticeDueAt, now)))
        .returning();
      return row;
    },

    /**
     * Inside a transaction: another transaction that also calls this for the same person waits until this one commits,
     * so counting their open requests and adding one is never interleaved (the limit per person holds across instances).
     */
    async takeTurnsOf(teamId: string, requesterId: string): Promise<void> {
      await takeTurns(db, `requester:${teamId}:${requesterId}`);
    },

    async countOpenBy(teamId: string, requesterId: string): Promise<number> {
      return await countWhere(
        and(eq(requests.teamId, teamId), eq(requests.requesterId, requesterId), eq(requests.status, 'open')),
      );
    },

    /** Open requests of a workspace that are in their channel, soonest deadline first. */
    async listOpen(teamId: string, limit: number): Promise<BoostRequest[]> {
      return await db
        .select()
        .from(requests)
        .where(and(eq(requests.teamId, teamId), posted))
        .orderBy(asc(requests.deadlineAt), asc(requests.id))
        .limit(limit);
    },

    /** How many open requests of a workspace are in their channel. */
    async countOpen(teamId: string): Promise<number> {
      return await countWhere(and(eq(requests.teamId, teamId), posted));
    },

    async listByRequester(teamId: string, requesterId: string, limit: number): Promise<BoostRequest[]> {
      return await db
        .select()
        .from(requests)
        .where(and(eq(requests.teamId, teamId), eq(requests.requesterId, requesterId)))
        .orderBy(desc(requests.createdAt), desc(requests.id))
        .limit(limit);
    },

    async countByRequester(teamId: string, requesterId: string): Promise<number> {
      return await countWhere(and(eq(requests.teamId, teamId), eq(requests.requesterId, requesterId)));
    },

    async listByIds(ids: readonly number[]): Promise<BoostRequest[]> {
      if (ids.length === 0) return [];
      return await db
        .select()
        .from(requests)
        .where(inArray(requests.id, [...ids]));
    },

    /** Closes an open request; false when it was not open (already closed, expired or missing). */
    async close(
      id: number,
      status: Exclude<RequestStatus, 'open'>,
      closedBy: string | null,
      now: number,
    ): Promise<boolean> {
      const result = await db
        .update(requests)
        .set({ status, closedAt: now, closedBy })
        .where(and(eq(requests.id, id), eq(requests.status, 'open')));
      return affected(result) === 1;
    },

    /** Open requests whose deadline has passed, in workspaces where Boost is still installed. */
    async listPastDeadline(now: number, limit: number): Promise<BoostRequest[]> {
      return await db
        .select()
        .from(requests)
        .where(and(eq(requests.status, 'open'), lte(requests.deadlineAt, now), stillInstalled(requests.teamId)))
        .orderBy(asc(requests.deadlineAt))
        .limit(limit);
    },
  };
}

export type RequestsRepository = ReturnType<typeof requestsRepository>;
