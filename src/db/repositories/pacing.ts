import { and, asc, eq, isNotNull, isNull, like, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { affected, prepareOnce, type Tables, tablesOf } from '../dialect.ts';

/** The kinds of paced work: a request's message to update, a person's Home to publish (keys: a request id, team:user). */
export const PACED_KINDS = { messageUpdate: 'chat.update', homePublish: 'views.publish' } as const;

/** The key of a person's Home among the paced work. */
export const homeKey = (teamId: string, userId: string) => `${teamId}:${userId}`;

/** The Homes of people of these workspaces, among the paced work (they name people: retention drops them). */
export const homesOfWorkspaces = (pacedWork: Tables['pacedWork'], teamIds: string[]) =>
  and(eq(pacedWork.kind, PACED_KINDS.homePublish), or(...teamIds.map((teamId) => like(pacedWork.key, `${teamId}:%`))));

/** A key's pacing as stored: whether a run is due, when the next may start, until when a live instance holds it. */
export interface PaceRow {
  due: boolean;
  notBefore: number;
  heldUntil: number;
}

/** What a run is given when its instance claims it. */
export interface PaceClaim {
  failures: number;
  memo: string | null;
}

/** How a run ended, written as the holder gives the key back. */
export interface PaceRelease {
  /** Due again whatever was asked meanwhile (a retry). */
  due: boolean;
  notBefore: number;
  failures: number;
  memo?: string | null;
}

/**
 * Work paced per key across instances, and Slack's rate-limit pauses (see the tables in schema.ts). A key is marked
 * due by whoever changes what it shows, claimed with a lease by the instance that runs it, and given back with what
 * is due next. Written for both databases (see dialect.ts).
 */
export function pacingRepository(db: Db) {
  const { pacedMarks, pacedWork, rateLimitPauses } = tablesOf(db);
  const byKey = (kind: string, key: string) => and(eq(pacedWork.kind, kind), eq(pacedWork.key, key));
  const state = { dueAt: pacedWork.dueAt, notBefore: pacedWork.notBefore, heldUntil: pacedWork.heldUntil };
  /** A key with marks left is due whatever its row says. */
  const withMarks = async (kind: string, key: string, row: PaceRow | undefined): Promise<PaceRow | undefined> => {
    if (row?.due) return row;
    if (!(await marked(kind, key))) return row;
    return { notBefore: 0, heldUntil: 0, ...row, due: true };
  };
  const rowOf = ({ dueAt, ...row }: { dueAt: number | null; notBefore: number; heldUntil: number }): PaceRow => ({
    due: dueAt !== null,
    ...row,
  });
  // Nobody runs it now: free, or its holder's lease ran out (the holder died, the run counts as not done).
  const unheld = (now: number) => lte(pacedWork.heldUntil, now);
  // Run in the transaction of every click that changes a request: prepared once, and an insert only, so that clicks
  // committing together never wait on one row.
  const insertMark = prepareOnce(
    db
      .insert(pacedMarks)
      .values({ kind: PACED_KINDS.messageUpdate, key: sql.placeholder('key'), at: sql.placeholder('now') }),
    'mark_message_changed',
  );
  const marksOf = (kind: string, key: string) => and(eq(pacedMarks.kind, kind), eq(pacedMarks.key, key));
  const marked = async (kind: string, key: string) =>
    (await db.select({ id: pacedMarks.id }).from(pacedMarks).where(marksOf(kind, key)).limit(1)).length > 0;
  // Spelled out: the row being updated is paced_work, whichever way drizzle names its columns in an update.
  const hasMarks = sql`exists (select 1 from paced_marks m where m.kind = paced_work.kind and m.key = paced_work.key)`;
  /** Marks the claimer can see are taken with the claim: what they stand for is committed, so its run shows it. */
  const takeMarks = (kind: string, key: string) => db.delete(pacedMarks).where(marksOf(kind, key));
  const upsertDue = prepareOnce(
    db
      .insert(pacedWork)
      .values({ kind: sql.placeholder('kind'), key: sql.placeholder('key'), dueAt: sql.placeholder('now') })
      .onConflictDoUpdate({
        target: [pacedWork.kind, pacedWork.key],
        set: { dueAt: sql`coalesce(${pacedWork.dueAt}, excluded.due_at)` },
      }),
    'mark_paced_work_due',
  );
  // Run after every click for the Homes it changes: prepared once.
  const dueState = prepareOnce(
    db
      .select({ dueAt: pacedWork.dueAt, heldUntil: pacedWork.heldUntil })
      .from(pacedWork)
      .where(and(eq(pacedWork.kind, sql.placeholder('kind')), eq(pacedWork.key, sql.placeholder('key')))),
    'paced_work_due_state',
  );
  /**
   * After a change has committed, a run that has not started yet will show it: when one is due and nobody holds the
   * key, nothing needs writing (the common case under a burst, spared a write). Undefined when the key is unknown.
   */
  const dueAlready = async (kind: string, key: string, now: number): Promise<boolean | undefined> => {
    const [row] = await dueState.execute({ kind, key });
    return row && row.dueAt !== null && row.heldUntil <= now;
  };

  return {
    /** A change to a request that its message shows: its update is due, durably, in the transaction of the change. */
    async messageChanged(requestId: number, now: number): Promise<void> {
      await insertMark.execute({ key: String(requestId), now });
    },

    /** After a change has committed: a run of the key is due (once, however often this is called before it starts). */
    async markDue(kind: string, key: string, now: number): Promise<void> {
      if (!(await dueAlready(kind, key, now))) await upsertDue.execute({ kind, key, now });
    },

    /** The same, clearing the runner's memo (what it last sent may no longer be shown). */
    async markDueAfresh(kind: string, key: string, now: number): Promise<void> {
      await db
        .insert(pacedWork)
        .values({ kind, key, dueAt: now })
        .onConflictDoUpdate({
          target: [pacedWork.kind, pacedWork.key],
          set: { dueAt: sql`coalesce(${pacedWork.dueAt}, excluded.due_at)`, memo: null },
        });
    },

    /** After a change has committed: marks the key due if it is known at all; false when it is not. */
    async markDueIfKnown(kind: string, key: string, now: number): Promise<boolean> {
      const already = await dueAlready(kind, key, now);
      if (already !== false) return already === true;
      const result = await db
        .update(pacedWork)
        .set({ dueAt: sql`coalesce(${pacedWork.dueAt}, ${now})` })
        .where(byKey(kind, key));
      return affected(result) > 0;
    },

    /**
     * Takes the run of a due key, in one statement: only when nobody holds it and its pace allows. What was due is
     * taken with it; a change committed later marks it due again.
     */
    async claim(
      kind: string,
      key: string,
      holder: string,
      now: number,
      until: { notBefore: number; heldUntil: number },
    ): Promise<PaceClaim | undefined> {
      const [claimed] = await db
        .update(pacedWork)
        .set({ dueAt: null, holder, heldUntil: until.heldUntil, notBefore: until.notBefore })
        .where(
          and(
            byKey(kind, key),
            or(isNotNull(pacedWork.dueAt), isNotNull(pacedWork.holder), hasMarks),
            lte(pacedWork.notBefore, now),
            unheld(now),
          ),
        )
        .returning({ failures: pacedWork.failures, memo: pacedWork.memo });
      if (claimed) {
        await takeMarks(kind, key);
        return claimed;
      }
      // Changes marked on a key never run before: the first claim creates its row.
      if (!(await marked(kind, key))) return undefined;
      const [created] = await db
        .insert(pacedWork)
        .values({ kind, key, holder, heldUntil: until.heldUntil, notBefore: until.notBefore })
        .onConflictDoNothing()
        .returning({ failures: pacedWork.failures, memo: pacedWork.memo });
      if (created) await takeMarks(kind, key);
      return created;
    },

    async state(kind: string, key: string): Promise<PaceRow | undefined> {
      const [row] = await db.select(state).from(pacedWork).where(byKey(kind, key));
      return withMarks(kind, key, row && rowOf(row));
    },

    /** Keeps holding a run that takes long. */
    async renew(kind: string, key: string, holder: string, heldUntil: number): Promise<void> {
      await db
        .update(pacedWork)
        .set({ heldUntil })
        .where(and(byKey(kind, key), eq(pacedWork.holder, holder)));
    },

    /** Gives the key back after a run, if `holder` still holds it; says what is due next. */
    async release(
      kind: string,
      key: string,
      holder: string,
      now: number,
      end: PaceRelease,
    ): Promise<PaceRow | undefined> {
      const [row] = await db
        .update(pacedWork)
        .set({
          holder: null,
          heldUntil: 0,
          notBefore: end.notBefore,
          failures: end.failures,
          ...(end.due ? { dueAt: sql`coalesce(${pacedWork.dueAt}, ${now})` } : {}),
          ...(end.memo !== undefined ? { memo: end.memo } : {}),
        })
        .where(and(byKey(kind, key), eq(pacedWork.holder, holder)))
        .returning(state);
      return row && withMarks(kind, key, rowOf(row));
    },

    async forget(kind: string, key: string): Promise<void> {
      await db.delete(pacedWork).where(byKey(kind, key));
      await takeMarks(kind, key);
    },

    /** Keys due for a while that nobody runs: their instance died, or it was asked for elsewhere and never run. */
    async overdue(kind: string, now: number, dueBefore: number, limit: number): Promise<string[]> {
      const rows = await db
        .select({ key: pacedWork.key })
        .from(pacedWork)
        .where(
          and(
            eq(pacedWork.kind, kind),
            or(lte(pacedWork.dueAt, dueBefore), isNotNull(pacedWork.holder)),
            lte(pacedWork.notBefore, dueBefore),
            unheld(now),
          ),
        )
        .orderBy(asc(pacedWork.notBefore))
        .limit(limit);
      const markedLongAgo = await db
        .selectDistinct({ key: pacedMarks.key })
        .from(pacedMarks)
        .where(and(eq(pacedMarks.kind, kind), lte(pacedMarks.at, dueBefore)))
        .limit(limit);
      return [...new Set([...rows, ...markedLongAgo].map((row) => row.key))];
    },

    /** Drops keys with nothing due, nothing held and no pace left to keep since `before`. */
    async pruneIdle(kind: string, before: number): Promise<void> {
      await db
        .delete(pacedWork)
        .where(
          and(
            eq(pacedWork.kind, kind),
            isNull(pacedWork.dueAt),
            isNull(pacedWork.holder),
            eq(pacedWork.failures, 0),
            lt(pacedWork.notBefore, before),
          ),
        );
    },

    /** No call in `scope` starts before `until`; a longer pause already recorded stays. */
    async pause(scope: string, until: number): Promise<void> {
      await db
        .insert(rateLimitPauses)
        .values({ scope, until })
        .onConflictDoUpdate({
          target: rateLimitPauses.scope,
          set: { until },
          setWhere: lt(rateLimitPauses.until, until),
        });
    },

    async pausedUntil(scope: string): Promise<number> {
      const [row] = await db
        .select({ until: rateLimitPauses.until })
        .from(rateLimitPauses)
        .where(eq(rateLimitPauses.scope, scope));
      return row?.until ?? 0;
    },
  };
}
