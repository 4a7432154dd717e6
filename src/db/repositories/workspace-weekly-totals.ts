import { type Column, type SQL, sql } from 'drizzle-orm';
import type { WeekCounts } from '../../domain/stats.ts';
import type { Db } from '../connection.ts';
import { participations, requests } from '../schema.ts';

// Week numbers as in domain/stats.ts: (ms + 3 days) / 7 days, integer division; 1970-01-01 was a Thursday.
const WEEK = (time: Column | SQL) => sql`((${time} + 259200000) / 604800000)`;

/** Workspace totals for admins: counts only, never who. */
export function statsRepository(db: Db) {
  return {
    /** Per UTC ISO week since `from`: requests created, opt-ins, shares and distinct helpers; plus helpers overall. */
    weekly(teamId: string, from: number): { rows: WeekCounts[]; helpersOverall: number } {
      const created = db.all<{ week: number; n: number }>(sql`
        select ${WEEK(requests.createdAt)} as week, count(*) as n from ${requests}
         where ${requests.teamId} = ${teamId} and ${requests.createdAt} >= ${from} group by week`);
      const activity = sql`
        select ${participations.userId} as user_id, ${participations.optedInAt} as at, 1 as opt_in, 0 as share
          from ${participations} join ${requests} on ${requests.id} = ${participations.requestId}
         where ${requests.teamId} = ${teamId} and ${participations.optedInAt} >= ${from}
        union all
        select ${participations.userId}, ${participations.sharedAt}, 0, 1
          from ${participations} join ${requests} on ${requests.id} = ${participations.requestId}
         where ${requests.teamId} = ${teamId} and ${participations.sharedAt} >= ${from}`;
      const helped = db.all<{ week: number; opt_ins: number; shares: number; helpers: number }>(sql`
        select ${WEEK(sql`at`)} as week, sum(opt_in) as opt_ins, sum(share) as shares, count(distinct user_id) as helpers
          from (${activity}) group by week`);
      const overall = db.get<{ n: number }>(sql`select count(distinct user_id) as n from (${activity})`);

      const byWeek = new Map<number, WeekCounts>();
      const row = (week: number) => {
        let found = byWeek.get(week);
        if (!found) {
          found = { week, requests: 0, optIns: 0, shares: 0, helpers: 0 };
          byWeek.set(week, found);
        }
        return found;
      };
      for (const { week, n } of created) row(week).requests = n;
      for (const { week, opt_ins, shares, helpers } of helped)
        Object.assign(row(week), { optIns: opt_ins, shares, helpers });
      return { rows: [...byWeek.values()], helpersOverall: overall?.n ?? 0 };
    },
  };
}

export type StatsRepository = ReturnType<typeof statsRepository>;
