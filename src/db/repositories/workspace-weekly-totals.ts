import { type Column, type SQL, sql } from 'drizzle-orm';
import type { WeekCounts } from '../../domain/weekly-stats.ts';
import type { Db } from '../connection.ts';
import { rowsOf, tablesOf } from '../dialect.ts';

// Week numbers as in domain/weekly-stats.ts: (ms + 3 days) / 7 days, integer division; 1970-01-01 was a Thursday.
const WEEK = (time: Column | SQL) => sql`((${time} + 259200000) / 604800000)`;

/** Workspace totals for admins: counts only, never who. Written for both databases (see dialect.ts). */
export function statsRepository(db: Db) {
  const { participations, requests } = tablesOf(db);
  return {
    /** Per UTC ISO week since `from`: requests created, opt-ins, shares and distinct helpers; plus helpers overall. */
    async weekly(teamId: string, from: number): Promise<{ rows: WeekCounts[]; helpersOverall: number }> {
      const created = await rowsOf<{ week: number; n: number }>(
        db,
        sql`
        select ${WEEK(requests.createdAt)} as week, count(*) as n from ${requests}
         where ${requests.teamId} = ${teamId} and ${requests.createdAt} >= ${from} group by week`,
      );
      const activity = sql`
        select ${participations.userId} as user_id, ${participations.optedInAt} as at, 1 as opt_in, 0 as share
          from ${participations} join ${requests} on ${requests.id} = ${participations.requestId}
         where ${requests.teamId} = ${teamId} and ${participations.optedInAt} >= ${from}
        union all
        select ${participations.userId}, ${participations.sharedAt}, 0, 1
          from ${participations} join ${requests} on ${requests.id} = ${participations.requestId}
         where ${requests.teamId} = ${teamId} and ${participations.sharedAt} >= ${from}`;
      const helped = await rowsOf<{ week: number; opt_ins: number; shares: number; helpers: number }>(
        db,
        sql`
        select ${WEEK(sql`at`)} as week, sum(opt_in) as opt_ins, sum(share) as shares, count(distinct user_id) as helpers
          from (${activity}) as activity group by week`,
      );
      const [overall] = await rowsOf<{ n: number }>(
        db,
        sql`select count(distinct user_id) as n from (${activity}) as activity`,
      );

      const byWeek = new Map<number, WeekCounts>();
      const row = (week: number) => {
        let found = byWeek.get(week);
        if (!found) {
          found = { week, requests: 0, optIns: 0, shares: 0, helpers: 0 };
          byWeek.set(week, found);
        }
        return found;
      };
      for (const { week, n } of created) row(Number(week)).requests = Number(n);
      for (const { week, opt_ins, shares, helpers } of helped)
        Object.assign(row(Number(week)), { optIns: Number(opt_ins), shares: Number(shares), helpers: Number(helpers) });
      return { rows: [...byWeek.values()], helpersOverall: Number(overall?.n ?? 0) };
    },
  };
}

export type StatsRepository = ReturnType<typeof statsRepository>;
