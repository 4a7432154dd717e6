import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Counts, Participation } from '../../domain/types.ts';
import type { Db } from '../connection.ts';
import { participations } from '../schema.ts';

export interface ShareDetails {
  shareUrl: string | null;
  network: string | null;
}

export function participationsRepository(db: Db) {
  const byRequestAndUser = (requestId: number, userId: string) =>
    and(eq(participations.requestId, requestId), eq(participations.userId, userId));

  // Run on every click: prepared once, so a click pays neither query building nor SQL compilation.
  const one = db
    .select()
    .from(participations)
    .where(
      and(
        eq(participations.requestId, sql.placeholder('requestId')),
        eq(participations.userId, sql.placeholder('userId')),
      ),
    )
    .prepare();
  const insertOptIn = db
    .insert(participations)
    .values({
      requestId: sql.placeholder('requestId'),
      userId: sql.placeholder('userId'),
      optedInAt: sql.placeholder('now'),
      showName: sql.placeholder('showName'),
    })
    .onConflictDoNothing()
    .prepare();

  return {
    get(requestId: number, userId: string): Participation | undefined {
      return one.get({ requestId, userId });
    },

    /** Opts a person in; a second opt-in changes nothing. Returns whether a row was created. */
    optIn(requestId: number, userId: string, now: number, showName: boolean): boolean {
      return insertOptIn.run({ requestId, userId, now, showName }).changes === 1;
    },

    /**
     * Marks a share, opting the person in first when they pressed "I shared it" straight away.
     * The first share time is kept; a later call may add or change the link to their post.
     */
    markShared(requestId: number, userId: string, now: number, showName: boolean, details?: ShareDetails): void {
      db.insert(participations)
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
        })
        .run();
    },

    /** Withdrawing deletes the participation: nothing about it is kept. */
    withdraw(requestId: number, userId: string): boolean {
      return db.delete(participations).where(byRequestAndUser(requestId, userId)).run().changes === 1;
    },

    setRemindMe(requestId: number, userId: string, remindMe: boolean): boolean {
      return db.update(participations).set({ remindMe }).where(byRequestAndUser(requestId, userId)).run().changes === 1;
    },

    counts(requestId: number): Counts {
      const row = db
        .select({
          optedIn: sql<number>`count(*)`,
          shared: sql<number>`count(${participations.sharedAt})`,
        })
        .from(participations)
        .where(eq(participations.requestId, requestId))
        .get();
      return { optedIn: row?.optedIn ?? 0, shared: row?.shared ?? 0 };
    },

    listForRequest(requestId: number): Participation[] {
      return db
        .select()
        .from(participations)
        .where(eq(participations.requestId, requestId))
        .orderBy(asc(participations.optedInAt), asc(participations.id))
        .all();
    },

    /** Helpers who chose to be named on the public message, in the order they joined. */
    publicNames(requestId: number, limit: number): string[] {
      return db
        .select({ userId: participations.userId })
        .from(participations)
        .where(and(eq(participations.requestId, requestId), eq(participations.showName, true)))
        .orderBy(asc(participations.optedInAt), asc(participations.id))
        .limit(limit)
        .all()
        .map((row) => row.userId);
    },

    listSharedUnthanked(requestId: number): Participation[] {
      return db
        .select()
        .from(participations)
        .where(
          and(
            eq(participations.requestId, requestId),
            isNotNull(participations.sharedAt),
            sql`${participations.thankedAt} is null`,
          ),
        )
        .all();
    },
  };
}

export type ParticipationsRepository = ReturnType<typeof participationsRepository>;
