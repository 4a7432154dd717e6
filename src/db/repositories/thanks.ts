import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Participation } from '../../domain/types.ts';
import type { Db } from '../connection.ts';
import { tablesOf } from '../dialect.ts';

/** participations.thanked_at: each helper who shared is thanked once. Written for both databases (see dialect.ts). */
export function thanksRepository(db: Db) {
  const { participations } = tablesOf(db);
  return {
    /**
     * Marks every helper who shared this request and was not thanked yet as thanked, and returns them. One statement,
     * so two presses at once (or Slack delivering one twice) never claim the same helper twice.
     */
    async claim(requestId: number, now: number): Promise<Participation[]> {
      return await db
        .update(participations)
        .set({ thankedAt: now })
        .where(
          and(
            eq(participations.requestId, requestId),
            isNotNull(participations.sharedAt),
            isNull(participations.thankedAt),
          ),
        )
        .returning();
    },

    /** Gives back claims whose message did not go through for a reason that may pass, so a later press tries again. */
    async release(requestId: number, userIds: readonly string[], claimedAt: number): Promise<void> {
      if (userIds.length === 0) return;
      await db
        .update(participations)
        .set({ thankedAt: null })
        .where(
          and(
            eq(participations.requestId, requestId),
            eq(participations.thankedAt, claimedAt),
            inArray(participations.userId, [...userIds]),
          ),
        );
    },
  };
}

export type ThanksRepository = ReturnType<typeof thanksRepository>;
