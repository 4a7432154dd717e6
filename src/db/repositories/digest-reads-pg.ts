import { and, asc, eq, getTableColumns, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { DIGEST_REQUEST_FIELDS, type DigestRequest, type HelperOfRequest } from '../../domain/digest.ts';
import type { Db } from '../connection.ts';
import { rowsOf, tablesOf } from '../dialect.ts';
import type { CandidateRow, ContributionRow, DigestReads } from './digests.ts';
import { stillInstalled } from './workspaces.ts';

/** A number PostgreSQL computed (max of a bigint, say), which node-postgres hands over as text. */
const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** The list kept under `key`, made empty on first use. */
function listIn<K, V>(lists: Map<K, V[]>, key: K): V[] {
  let list = lists.get(key);
  if (!list) {
    list = [];
    lists.set(key, list);
  }
  return list;
}

/**
 * The digest's reads on PostgreSQL: the same queries as on SQLite (digests.ts), lists of ids bound as arrays, and rows
 * read whole (the candidates are one narrow row per person).
 */
export function postgresDigestReads(db: Db): DigestReads {
  const { digestDeliveries, participations, requests, userProfiles, userSettings } = tablesOf(db);
  const columns = getTableColumns(requests);
  const requestFields = Object.fromEntries(DIGEST_REQUEST_FIELDS.map((field) => [field, columns[field]])) as {
    [F in (typeof DIGEST_REQUEST_FIELDS)[number]]: (typeof columns)[F];
  };
  const helperFields = {
    requestId: participations.requestId,
    userId: participations.userId,
    optedInAt: participations.optedInAt,
    sharedAt: participations.sharedAt,
    thankedAt: participations.thankedAt,
  };

  const helpersOf = async (requestIds: readonly number[]): Promise<Map<number, HelperOfRequest[]>> => {
    const byRequest = new Map<number, HelperOfRequest[]>();
    if (requestIds.length === 0) return byRequest;
    const rows = await db
      .select(helperFields)
      .from(participations)
      .where(inArray(participations.requestId, [...requestIds]))
      .orderBy(asc(participations.requestId), asc(participations.optedInAt), asc(participations.id));
    for (const { requestId, ...helper } of rows) listIn(byRequest, requestId).push(helper);
    return byRequest;
  };

  return {
    async eachCandidate(query, visit) {
      const weeks = sql`${sql.param([...query.weeks])}::text[]`;
      const claimedBy = (teamId: SQL, userId: SQL) => sql`
        from ${digestDeliveries}
       where ${digestDeliveries.teamId} = ${teamId} and ${digestDeliveries.userId} = ${userId}
         and ${digestDeliveries.isoWeek} = any(${weeks})`;
      const rows = await rowsOf<Record<keyof CandidateRow, unknown>>(
        db,
        sql`
        with events (team_id, user_id, at) as (
          select ${requests.teamId}, ${participations.userId}, ${participations.optedInAt}
            from ${participations} join ${requests} on ${requests.id} = ${participations.requestId}
           where ${participations.optedInAt} >= ${query.helperFrom}
          union all
          select ${requests.teamId}, ${participations.userId}, ${participations.sharedAt}
            from ${participations} join ${requests} on ${requests.id} = ${participations.requestId}
           where ${participations.sharedAt} >= ${query.helperFrom}
          union all
          select ${requests.teamId}, ${requests.requesterId}, null from ${requests}
           where ${requests.closedAt} is null or ${requests.closedAt} >= ${query.requesterFrom}
          union all
          select ${userSettings.teamId}, ${userSettings.userId}, null from ${userSettings} where ${userSettings.digest}
        ),
        people as (
          select team_id, user_id,
                 max(case when at < ${query.splitAt} then at end) as latest_before,
                 min(case when at >= ${query.splitAt} then at end) as earliest_from
            from events group by team_id, user_id
        )
        select people.team_id as "teamId", people.user_id as "userId",
               ${userSettings.digest} as "digest", ${userSettings.updatedAt} as "settingsUpdatedAt",
               people.latest_before as "helpedLatestBefore", people.earliest_from as "helpedEarliestFrom",
               ${userProfiles.tz} as "tz", ${userProfiles.tzOffsetSeconds} as "tzOffsetSeconds",
               ${userProfiles.fetchedAt} as "profileFetchedAt",
               (select string_agg(${digestDeliveries.isoWeek}, ',') ${claimedBy(sql`people.team_id`, sql`people.user_id`)}) as "claimedWeeks"
          from people
          left join ${userSettings} on ${userSettings.teamId} = people.team_id and ${userSettings.userId} = people.user_id
          left join ${userProfiles} on ${userProfiles.teamId} = people.team_id and ${userProfiles.userId} = people.user_id
         where (${userSettings.digest} is null or ${userSettings.digest})
           and ${stillInstalled(sql`people.team_id`)}
           and (select count(*) ${claimedBy(sql`people.team_id`, sql`people.user_id`)}) < ${query.weeks.length}
         order by people.team_id, people.user_id`,
      );
      for (const row of rows) {
        visit({
          teamId: String(row.teamId),
          userId: String(row.userId),
          digest: row.digest as boolean | null,
          settingsUpdatedAt: numberOrNull(row.settingsUpdatedAt),
          helpedLatestBefore: numberOrNull(row.helpedLatestBefore),
          helpedEarliestFrom: numberOrNull(row.helpedEarliestFrom),
          tz: row.tz as string | null,
          tzOffsetSeconds: numberOrNull(row.tzOffsetSeconds),
          profileFetchedAt: numberOrNull(row.profileFetchedAt),
          claimedWeeks: row.claimedWeeks ? String(row.claimedWeeks).split(',') : [],
        });
      }
    },

    async requestsOpenSince(from: number): Promise<DigestRequest[]> {
      return await db
        .select(requestFields)
        .from(requests)
        .where(or(isNull(requests.closedAt), gte(requests.closedAt, from)))
        .orderBy(asc(requests.id));
    },

    async requestsById(ids: readonly number[]): Promise<DigestRequest[]> {
      if (ids.length === 0) return [];
      return await db
        .select(requestFields)
        .from(requests)
        .where(inArray(requests.id, [...ids]));
    },

    helpersOf,

    async contributionsOf(teamId, userIds, from): Promise<Map<string, ContributionRow[]>> {
      const byPerson = new Map<string, ContributionRow[]>();
      if (userIds.length === 0) return byPerson;
      const rows = await db
        .select(helperFields)
        .from(participations)
        .innerJoin(requests, eq(requests.id, participations.requestId))
        .where(
          and(
            inArray(participations.userId, [...userIds]),
            eq(requests.teamId, teamId),
            or(
              gte(participations.optedInAt, from),
              gte(participations.sharedAt, from),
              gte(participations.thankedAt, from),
            ),
          ),
        );
      for (const { userId, ...contribution } of rows) listIn(byPerson, userId).push(contribution);
      return byPerson;
    },

    async openRequestRows(now: number, perTeam: number): Promise<DigestRequest[]> {
      const ranked = db
        .select({
          id: requests.id,
          position:
            sql<number>`row_number() over (partition by ${requests.teamId} order by ${requests.deadlineAt}, ${requests.id})`.as(
              'position',
            ),
        })
        .from(requests)
        .where(
          and(
            eq(requests.status, 'open'),
            sql`${requests.deadlineAt} > ${now}`,
            sql`${requests.messageTs} is not null`,
            stillInstalled(requests.teamId),
          ),
        )
        .as('ranked');
      return await db
        .select(requestFields)
        .from(requests)
        .innerJoin(ranked, eq(ranked.id, requests.id))
        .where(lte(ranked.position, perTeam))
        .orderBy(asc(requests.teamId), asc(requests.deadlineAt), asc(requests.id));
    },
  };
}
