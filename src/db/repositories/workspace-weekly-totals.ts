import { sql } from 'drizzle-orm';
import type { WeekCounts } from '../../domain/stats.ts';
import type { Db } from '../connection.ts';

// Week numbers as in domain/stats.ts: (ms + 3 days) / 7 days, integer division; 1970-01-01 was a Thursday.
const WEEK = (column: string) => sql.raw(`((${column} + 259200000) / 604800000)`);

/** Workspace totals for admins: counts only, never who. */
export function statsRepository(db: Db) {
  return {
    /** Per UTC ISO week since `from`: requests created, opt-ins, shares and distinct helpers; plus helpers overall. */
    weekly(teamId: string, from: number): { rows: WeekCounts[]; helpersOverall: number } {
      const created = db.all<{ week: number; n: number }>(sql`
        select ${WEEK('created_at')} as week, count(*) as n from requests
         where team_id = ${teamId} and created_at >= ${from} group by week`);
      const activity = sql`
        select p.user_id, p.opted_in_at as at, 1 as opt_in, 0 as share
          from participations p join requests r on r.id = p.request_id
         where r.team_id = ${teamId} and p.opted_in_at >= ${from}
        union all
        select p.user_id, p.shared_at as at, 0 as opt_in, 1 as share
          from participations p join requests r on r.id = p.request_id
         where r.team_id = ${teamId} and p.shared_at >= ${from}`;
      const helped = db.all<{ week: number; opt_ins: number; shares: number; helpers: number }>(sql`
        select ${WEEK('at')} as week, sum(opt_in) as opt_ins, sum(share) as shares, count(distinct user_id) as helpers
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
