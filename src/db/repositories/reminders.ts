import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { BoostRequest } from '../../domain/types.ts';
import type { Db } from '../connection.ts';
import { type Tables, tablesOf } from '../dialect.ts';
import { stillInstalled } from './workspaces.ts';

export interface DueReminder {
  participationId: number;
  userId: string;
  request: BoostRequest;
}

/**
 * The conditions of rule 5, in SQL: asked for, not reminded yet, not shared, request still open with its deadline in
 * the window, reminders not turned off, workspace still installed. Withdrawing deletes the participation, so a
 * withdrawn helper is never found.
 */
const stillDue = ({ participations, requests, userSettings }: Tables, now: number) => sql`
  ${participations.remindMe} = true and ${participations.remindedAt} is null and ${participations.sharedAt} is null
  and ${requests.status} = 'open' and ${requests.deadlineAt} > ${now}
  and not exists (select 1 from ${userSettings}
                   where ${userSettings.teamId} = ${requests.teamId} and ${userSettings.userId} = ${participations.userId}
                     and ${userSettings.reminders} = false)
  and ${stillInstalled(requests.teamId)}`;

/** The reminders a helper asked for. Written for both databases (see dialect.ts). */
export function remindersRepository(db: Db) {
  const tables = tablesOf(db);
  const { participations, requests } = tables;
  return {
    /** Reminders whose moment has come: deadlines between now and `now + leadMs`, soonest first. */
    async due(now: number, leadMs: number, limit: number): Promise<DueReminder[]> {
      return await db
        .select({ participationId: participations.id, userId: participations.userId, request: requests })
        .from(requests)
        .innerJoin(participations, eq(participations.requestId, requests.id))
        .where(and(lte(requests.deadlineAt, now + leadMs), stillDue(tables, now)))
        .orderBy(asc(requests.deadlineAt), asc(participations.id))
        .limit(limit);
    },

    /**
     * Claims one reminder just before sending it: sets reminded_at only if it is still due, in one statement, so two
     * overlapping runs (or two processes) never both send it, and a restart never sends it again.
     */
    async claim(participationId: number, now: number): Promise<boolean> {
      const due = db
        .select({ id: participations.id })
        .from(participations)
        .innerJoin(requests, eq(requests.id, participations.requestId))
        .where(and(eq(participations.id, participationId), stillDue(tables, now)));
      const claimed = await db
        .update(participations)
        .set({ remindedAt: now })
        // The row's own condition is checked again on the row a concurrent claim just wrote (PostgreSQL re-reads it
        // under read committed; a subquery alone would still see it unclaimed), so only one of two claims wins.
        .where(
          and(
            eq(participations.id, participationId),
            isNull(participations.remindedAt),
            inArray(participations.id, due),
          ),
        )
        .returning({ id: participations.id });
      return claimed.length === 1;
    },

    /** Gives a claim back when Slack certainly did not deliver the reminder, so the next run tries again. */
    async release(participationId: number, claimedAt: number): Promise<void> {
      await db
        .update(participations)
        .set({ remindedAt: null })
        .where(and(eq(participations.id, participationId), eq(participations.remindedAt, claimedAt)));
    },
  };
}

export type RemindersRepository = ReturnType<typeof remindersRepository>;
