import { and, asc, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Participation } from '../../domain/types.ts';
import type { Db } from '../connection.ts';
import { tablesOf } from '../dialect.ts';

/** participations.thanked_at: each helper who shared is thanked once. Written for both databases (see dialect.ts). */
export function thanksRepository(db: Db) {
  const { participations } = tablesOf(db);
  return {
    /** Helpers who shared this request by `sharedBy` and were not thanked yet: whom a press of "Send thanks" is for. */
    async pending(requestId: number, sharedBy: number): Promise<Participation[]> {
      return await db
        .select()
        .from(participations)
        .where(
          and(
            eq(participations.requestId, requestId),
            lte(participations.sharedAt, sharedBy),
            isNull(participations.thankedAt),
          ),
        )
        .orderBy(asc(participations.id));
    },

    /**
     * Claims one helper's thanks right before the message is sent: sets thanked_at only if it is still unset, in one
     * statement on the row (PostgreSQL re-checks it on a row a concurrent claim just wrote), so two presses, two
     * instances or a press and the job finishing an earlier batch never both thank the same helper.
     */
    async claim(participationId: number, now: number): Promise<boolean> {
      const claimed = await db
        .update(participations)
        .set({ thankedAt: now })
        .where(
          and(
            eq(participations.id, participationId),
            isNotNull(participations.sharedAt),
            isNull(participations.thankedAt),
          ),
        )
        .returning({ id: participations.id });
      return claimed.length === 1;
    },

    /** Gives a claim back when Slack certainly did not deliver the thanks, so a later press (or run) tries again. */
    async release(participationId: number, claimedAt: number): Promise<void> {
      await db
        .update(participations)
        .set({ thankedAt: null })
        .where(and(eq(participations.id, participationId), eq(participations.thankedAt, claimedAt)));
    },
  };
}

export type ThanksRepository = ReturnType<typeof thanksRepository>;
