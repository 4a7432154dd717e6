import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Counts, Participation } from '../../domain/types.ts';
import type { Db } from '../connection.ts';
import { affected, prepareOnce, tablesOf } from '../dialect.ts';

export interface ShareDetails {
  shareUrl: string | null;
  network: string | null;
}

/** Who takes part in which request. Written for both databases (see dialect.ts). */
export function participationsRepository(db: Db) {
  const { participations } = tablesOf(db);
  const byRequestAndUser = (requestId: number, userId: string) =>
    and(eq(participations.requestId, requestId), eq(participations.userId, userId));

  // Run on every click: prepared once, so a click pays neither query building nor SQL compilation.
  const one = prepareOnce(
    db
      .select()
      .from(participations)
      .where(
        and(
          eq(participations.requestId, sql.placeholder('requestId')),
          eq(participations.userId, sql.placeholder('userId')),
        ),
      ),
    'participation_of_person',
  );
  const insertOptIn = prepareOnce(
    db
      .insert(participations)
      .values({
        requestId: sql.placeholder('requestId'),
        userId: sql.placeholder('userId'),
        optedInAt: sql.placeholder('now'),
        showName: sql.placeholder('showName'),
      })
      .onConflictDoNothing(),
    'opt_in',
  );

  return {
    async get(requestId: number, userId: string): Promise<Participation | undefined> {
      const [participation] = await one.execute({ requestId, userId });
      return participation;
    },

    /** Opts a person in; a second opt-in changes nothing. Returns whether a row was created. */
    async optIn(requestId: number, userId: string, now: number, showName: boolean): Promise<boolean> {
      return affected(await insertOptIn.execute({ requestId, userId, now, showName })) === 1;
    },

    /**
     * Marks a share, opting the person in first when they pressed "I shared it" straight away.
     * The first share time is kept; a later call may add or change the link to their post.
     */
    async markShared(
      requestId: number,
      userId: string,
      now: number,
      showName: boolean,
      details?: ShareDetails,
    ): Promise<void> {
      await db
        .insert(participations)
        .values({ requestId, userId, optedInAt: now, sharedAt: now, showName, ...details })
        .onConflictDoUpdate({
          target: [participations.requestId, participations.userId],
          set: {
            sharedAt: sql`coalesce(${participations.sharedAt}, ${now})`,
            ...(details
              ? {
                  shareUrl: sql`coalesce(${details.shareUrl}, ${participations.shareUrl})`,
                  network: sql`coalesce(${details.network}, ${participations.network})`,
                }
              : {}),
          },
        });
    },

    /** Withdrawing deletes the participation: nothing about it is kept. */
    async withdraw(requestId: number, userId: string): Promise<boolean> {
      return affected(await db.delete(participations).where(byRequestAndUser(requestId, userId))) === 1;
    },

    async setRemindMe(requestId: number, userId: string, remindMe: boolean): Promise<boolean> {
      return (
        affected(await db.update(participations).set({ remindMe }).where(byRequestAndUser(requestId, userId))) === 1
      );
    },

    async counts(requestId: number): Promise<Counts> {
      const [row] = await db
        .select({ optedIn: count(), shared: count(participations.sharedAt) })
        .from(participations)
        .where(eq(participations.requestId, requestId));
      return { optedIn: row?.optedIn ?? 0, shared: row?.shared ?? 0 };
    },

    async listForRequest(requestId: number): Promise<Participation[]> {
      return await db
        .select()
        .from(participations)
        .where(eq(participations.requestId, requestId))
        .orderBy(asc(participations.optedInAt), asc(participations.id));
    },

    /** Helpers who chose to be named on the public message, in the order they joined. */
    async publicNames(requestId: number, limit: number): Promise<string[]> {
      const rows = await db
        .select({ userId: participations.userId })
        .from(participations)
        .where(and(eq(participations.requestId, requestId), eq(participations.showName, true)))
        .orderBy(asc(participations.optedInAt), asc(participations.id))
        .limit(limit);
      return rows.map((row) => row.userId);
    },
  };
}

export type ParticipationsRepository = ReturnType<typeof participationsRepository>;
