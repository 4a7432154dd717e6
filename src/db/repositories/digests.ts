import type Database from 'better-sqlite3';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import {
  DIGEST_REQUEST_FIELDS,
  type DigestRequest,
  type HelperOfRequest,
  type OpenRequest,
} from '../../domain/digest.ts';
import type { Db } from '../connection.ts';
import { affected, isPostgres, tablesOf } from '../dialect.ts';
import { columnsAs, type StoredRow, type StoredValue, sqlText } from '../raw-sql.ts';
import {
  digestDeliveries,
  participations,
  requests,
  type UserSettingsRow,
  userProfiles,
  userSettings,
} from '../schema.ts';
import { postgresDigestReads } from './digest-reads-pg.ts';
import { stillInstalled } from './workspaces.ts';

// The weekly digest reads what it needs in a handful of set-based queries, prepared once: candidates with their facts
// in one, then, for each slice of people composed together, their requests' helpers and their contributions.
// Rows are read one at a time (iterate) into narrow objects, never as one big array of raw rows. Lists of ids travel as
// one JSON parameter (json_each), so no statement ever grows with the number of people.

/**
 * A person who may get a digest, with the facts to decide it (see DigestCandidate in the domain), as the statement
 * returns it: typed from the columns it reads, left joins and aggregates adding null.
 */
interface StoredCandidate {
  teamId: StoredValue<typeof requests.teamId>;
  userId: StoredValue<typeof participations.userId>;
  digest: StoredValue<typeof userSettings.digest>;
  settingsUpdatedAt: StoredValue<typeof userSettings.updatedAt> | null;
  helpedLatestBefore: StoredValue<typeof participations.optedInAt> | null;
  helpedEarliestFrom: StoredValue<typeof participations.optedInAt> | null;
  /** Cached profile (time zone); all null when the person was never looked up. */
  tz: StoredValue<typeof userProfiles.tz>;
  tzOffsetSeconds: StoredValue<typeof userProfiles.tzOffsetSeconds>;
  profileFetchedAt: StoredValue<typeof userProfiles.fetchedAt> | null;
  /** ISO weeks (among those asked) for which this person already has a delivery row, comma-separated. */
  claimedWeeks: string | null;
}

/** A candidate decoded: the digest choice as a boolean, the claimed weeks as a list. */
export type CandidateRow = Omit<StoredCandidate, 'digest' | 'claimedWeeks'> & {
  digest: UserSettingsRow['digest'];
  claimedWeeks: readonly (typeof digestDeliveries.$inferSelect)['isoWeek'][];
};

export interface CandidateQuery {
  /** Participation times before this are ignored (four weeks before the earliest possible slot). */
  helperFrom: number;
  /** Participation times are summarised before and from this instant; see DigestCandidate.helped. */
  splitAt: number;
  /** A requester counts when one of their requests was still open at this instant or later. */
  requesterFrom: number;
  /** The weeks whose delivery rows matter (at most two: places on either side of the date line). */
  weeks: readonly string[];
}

const HELPER_FIELDS = ['requestId', 'userId', 'optedInAt', 'sharedAt', 'thankedAt'] as const;
type StoredHelper = StoredRow<typeof participations, (typeof HELPER_FIELDS)[number]>;

/** One of a person's participations with something new lately; its request is looked up by id (shared by many). */
export type ContributionRow = Omit<StoredHelper, 'userId'>;

/** Requests as digests read them; the rows are DigestRequests as they come, with nothing to decode. */
type StoredRequest = StoredRow<typeof requests, (typeof DIGEST_REQUEST_FIELDS)[number]>;
const requestColumns = columnsAs(requests, DIGEST_REQUEST_FIELDS);

const jsonList = (values: readonly unknown[]) => JSON.stringify(values);

/** Most people have no delivery row yet: they all share this one empty list. */
const NO_WEEKS: readonly string[] = Object.freeze([]);

/** This person's delivery rows for the weeks asked about (@weeks, a JSON list). */
const claimedBy = (teamId: SQL, userId: SQL) => sql`
  from ${digestDeliveries}
 where ${digestDeliveries.teamId} = ${teamId} and ${digestDeliveries.userId} = ${userId}
   and ${digestDeliveries.isoWeek} in (select value from json_each(@weeks))`;

// One pass that groups every reason to be a candidate by person (a single sort, no union or join of temporary
// tables): participation times since helperFrom, and requesters and subscribers as rows without a time.
const CANDIDATES_SQL = sqlText(sql`
  with events (team_id, user_id, at) as (
    select ${requests.teamId}, ${participations.userId}, ${participations.optedInAt}
      from ${participations} join ${requests} on ${requests.id} = ${participations.requestId}
     where ${participations.optedInAt} >= @helperFrom
    union all
    select ${requests.teamId}, ${participations.userId}, ${participations.sharedAt}
      from ${participations} join ${requests} on ${requests.id} = ${participations.requestId}
     where ${participations.sharedAt} >= @helperFrom
    union all
    select ${requests.teamId}, ${requests.requesterId}, null from ${requests}
     where ${requests.closedAt} is null or ${requests.closedAt} >= @requesterFrom
    union all
    select ${userSettings.teamId}, ${userSettings.userId}, null from ${userSettings} where ${userSettings.digest} = 1
  ),
  people as (
    select team_id, user_id,
           max(case when at < @splitAt then at end) as latest_before,
           min(case when at >= @splitAt then at end) as earliest_from
      from events group by team_id, user_id
  )
  select people.team_id as "teamId", people.user_id as "userId",
         ${userSettings.digest} as "digest", ${userSettings.updatedAt} as "settingsUpdatedAt",
         people.latest_before as "helpedLatestBefore", people.earliest_from as "helpedEarliestFrom",
         ${userProfiles.tz} as "tz", ${userProfiles.tzOffsetSeconds} as "tzOffsetSeconds",
         ${userProfiles.fetchedAt} as "profileFetchedAt",
         (select group_concat(${digestDeliveries.isoWeek}) ${claimedBy(sql`people.team_id`, sql`people.user_id`)}) as "claimedWeeks"
    from people
    left join ${userSettings} on ${userSettings.teamId} = people.team_id and ${userSettings.userId} = people.user_id
    left join ${userProfiles} on ${userProfiles.teamId} = people.team_id and ${userProfiles.userId} = people.user_id
   where (${userSettings.digest} is null or ${userSettings.digest} = 1)
     and ${stillInstalled(sql`people.team_id`)}
     -- Whoever already has a delivery row for every week in question is done: not even read back.
     and (select count(*) ${claimedBy(sql`people.team_id`, sql`people.user_id`)}) < @weekCount
   order by people.team_id, people.user_id`);

/** What the digest reads, each database with its own statements (this file for SQLite, digest-reads-pg.ts). */
export interface DigestReads {
  eachCandidate(query: CandidateQuery, visit: (row: CandidateRow) => void): void | Promise<void>;
  requestsOpenSince(from: number): DigestRequest[] | Promise<DigestRequest[]>;
  requestsById(ids: readonly number[]): DigestRequest[] | Promise<DigestRequest[]>;
  helpersOf(requestIds: readonly number[]): Map<number, HelperOfRequest[]> | Promise<Map<number, HelperOfRequest[]>>;
  contributionsOf(
    teamId: string,
    userIds: readonly string[],
    from: number,
  ): Map<string, ContributionRow[]> | Promise<Map<string, ContributionRow[]>>;
  /** The `perTeam` open requests of each workspace closest to their deadline. */
  openRequestRows(now: number, perTeam: number): DigestRequest[] | Promise<DigestRequest[]>;
}

function sqliteDigestReads(db: Db): DigestReads {
  const sqlite = (db as Db & { $client: Database.Database }).$client;
  const candidatesQuery = sqlite.prepare<
    [{ helperFrom: number; splitAt: number; requesterFrom: number; weeks: string; weekCount: number }],
    StoredCandidate
  >(CANDIDATES_SQL);
  const requestsOpenSinceQuery = sqlite.prepare<[number], StoredRequest>(
    sqlText(sql`select ${requestColumns} from ${requests}
                 where ${requests.closedAt} is null or ${requests.closedAt} >= ? order by ${requests.id}`),
  );
  const requestsByIdQuery = sqlite.prepare<[string], StoredRequest>(
    sqlText(sql`select ${requestColumns} from ${requests} where ${requests.id} in (select value from json_each(?))`),
  );
  const helpersQuery = sqlite.prepare<[string], StoredHelper>(
    sqlText(sql`select ${columnsAs(participations, HELPER_FIELDS)} from ${participations}
                 where ${participations.requestId} in (select value from json_each(?))
                 order by ${participations.requestId}, ${participations.optedInAt}, ${participations.id}`),
  );
  // Looked up person by person (participations_user): a slice's people, not the whole workspace's recent activity.
  const contributionsQuery = sqlite.prepare<[{ teamId: string; userIds: string; from: number }], StoredHelper>(
    sqlText(sql`select ${columnsAs(participations, HELPER_FIELDS)}
                  from ${participations} join ${requests} on ${requests.id} = ${participations.requestId}
                 where ${participations.userId} in (select value from json_each(@userIds)) and ${requests.teamId} = @teamId
                   and (${participations.optedInAt} >= @from or ${participations.sharedAt} >= @from
                        or ${participations.thankedAt} >= @from)`),
  );

  const requestFields = sql.join(
    DIGEST_REQUEST_FIELDS.map((field) => sql.identifier(field)),
    sql`, `,
  );
  const openRequestsQuery = sqlite.prepare<[{ now: number; perTeam: number }], StoredRequest>(
    sqlText(sql`select ${requestFields} from (
       select ${requestColumns},
              row_number() over (partition by ${requests.teamId} order by ${requests.deadlineAt}, ${requests.id}) as position
         from ${requests}
        where ${requests.status} = 'open' and ${requests.deadlineAt} > @now and ${requests.messageTs} is not null
          and ${stillInstalled(requests.teamId)})
      where position <= @perTeam
      order by "teamId", "deadlineAt", "id"`),
  );

  /** Everyone in each of these requests, in the order they joined. */
  function helpersOf(requestIds: readonly number[]): Map<number, HelperOfRequest[]> {
    const byRequest = new Map<number, HelperOfRequest[]>();
    if (requestIds.length === 0) return byRequest;
    for (const row of helpersQuery.iterate(jsonList(requestIds))) {
      let list = byRequest.get(row.requestId);
      if (!list) {
        list = [];
        byRequest.set(row.requestId, list);
      }
      list.push({ userId: row.userId, optedInAt: row.optedInAt, sharedAt: row.sharedAt, thankedAt: row.thankedAt });
    }
    return byRequest;
  }

  return {
    /**
     * Everyone who might get a digest: people who took part lately, requesters of recent requests, and subscribers,
     * minus those who stopped the digest, those already served for every week asked about, and workspaces that are
     * gone. One row per person with the facts to decide, handed to `visit` as it is read, in workspace then person
     * order. The statement is still running meanwhile, so `visit` must not use the database.
     */
    eachCandidate(query: CandidateQuery, visit: (row: CandidateRow) => void): void {
      const params = {
        helperFrom: query.helperFrom,
        splitAt: query.splitAt,
        requesterFrom: query.requesterFrom,
        weeks: jsonList(query.weeks),
        weekCount: query.weeks.length,
      };
      for (const row of candidatesQuery.iterate(params)) {
        visit({
          teamId: row.teamId,
          userId: row.userId,
          digest: row.digest === null ? null : row.digest === 1,
          settingsUpdatedAt: row.settingsUpdatedAt,
          helpedLatestBefore: row.helpedLatestBefore,
          helpedEarliestFrom: row.helpedEarliestFrom,
          tz: row.tz,
          tzOffsetSeconds: row.tzOffsetSeconds,
          profileFetchedAt: row.profileFetchedAt,
          claimedWeeks: row.claimedWeeks ? row.claimedWeeks.split(',') : NO_WEEKS,
        });
      }
    },

    /** Requests still open at `from` or later (any status now), with their requester: a requester's digest material. */
    requestsOpenSince(from: number): DigestRequest[] {
      const found: DigestRequest[] = [];
      for (const row of requestsOpenSinceQuery.iterate(from)) found.push(row);
      return found;
    },

    /** These requests, in no particular order (ids that do not exist are left out). */
    requestsById(ids: readonly number[]): DigestRequest[] {
      const found: DigestRequest[] = [];
      if (ids.length === 0) return found;
      for (const row of requestsByIdQuery.iterate(jsonList(ids))) found.push(row);
      return found;
    },

    helpersOf,

    /** These people's participations in their workspace with something new since `from` (joined, shared or thanked). */
    contributionsOf(teamId: string, userIds: readonly string[], from: number): Map<string, ContributionRow[]> {
      const byPerson = new Map<string, ContributionRow[]>();
      if (userIds.length === 0) return byPerson;
      for (const row of contributionsQuery.iterate({ teamId, userIds: jsonList(userIds), from })) {
        let list = byPerson.get(row.userId);
        if (!list) {
          list = [];
          byPerson.set(row.userId, list);
        }
        list.push({
          requestId: row.requestId,
          optedInAt: row.optedInAt,
          sharedAt: row.sharedAt,
          thankedAt: row.thankedAt,
        });
      }
      return byPerson;
    },

    openRequestRows(now: number, perTeam: number): DigestRequest[] {
      const found: DigestRequest[] = [];
      for (const row of openRequestsQuery.iterate({ now, perTeam })) found.push(row);
      return found;
    },
  };
}

/** Who gets a digest, and the claims that send each one once. Written for both databases (see dialect.ts). */
export function digestsRepository(db: Db) {
  const reads = isPostgres(db) ? postgresDigestReads(db) : sqliteDigestReads(db);
  const { digestDeliveries } = tablesOf(db);
  const ofWeek = (teamId: string, userId: string, isoWeek: string) =>
    and(
      eq(digestDeliveries.teamId, teamId),
      eq(digestDeliveries.userId, userId),
      eq(digestDeliveries.isoWeek, isoWeek),
    );

  return {
    /**
     * Everyone who might get a digest: people who took part lately, requesters of recent requests, and subscribers,
     * minus those who stopped the digest, those already served for every week asked about, and workspaces that are
     * gone. One row per person with the facts to decide, handed to `visit` as it is read, in workspace then person
     * order. The statement may still be running meanwhile, so `visit` must not use the database.
     */
    async eachCandidate(query: CandidateQuery, visit: (row: CandidateRow) => void): Promise<void> {
      await reads.eachCandidate(query, visit);
    },

    /** Requests still open at `from` or later (any status now), with their requester: a requester's digest material. */
    async requestsOpenSince(from: number): Promise<DigestRequest[]> {
      return await reads.requestsOpenSince(from);
    },

    /** These requests, in no particular order (ids that do not exist are left out). */
    async requestsById(ids: readonly number[]): Promise<DigestRequest[]> {
      return await reads.requestsById(ids);
    },

    /** Everyone in each of these requests, in the order they joined. */
    async helpersOf(requestIds: readonly number[]): Promise<Map<number, HelperOfRequest[]>> {
      return await reads.helpersOf(requestIds);
    },

    /** These people's participations in their workspace with something new since `from` (joined, shared or thanked). */
    async contributionsOf(
      teamId: string,
      userIds: readonly string[],
      from: number,
    ): Promise<Map<string, ContributionRow[]>> {
      return await reads.contributionsOf(teamId, userIds, from);
    },

    /** The `perTeam` open requests of each workspace closest to their deadline, with counts and who is in. */
    async openRequests(now: number, perTeam: number): Promise<OpenRequest[]> {
      const found = await reads.openRequestRows(now, perTeam);
      const helpers = await reads.helpersOf(found.map((request) => request.id));
      return found.map((request) => {
        const list = helpers.get(request.id) ?? [];
        return {
          request,
          counts: { optedIn: list.length, shared: list.filter((helper) => helper.sharedAt !== null).length },
          participants: new Set(list.map((helper) => helper.userId)),
        };
      });
    },

    /**
     * Claims this person's digest for the week before sending: true only for the first claimer, whichever process
     * or run it is, so a digest is never sent twice (the primary key is team, user, week).
     */
    async claim(teamId: string, userId: string, isoWeek: string, now: number): Promise<boolean> {
      const result = await db
        .insert(digestDeliveries)
        .values({ teamId, userId, isoWeek, claimedAt: now })
        .onConflictDoNothing();
      return affected(result) === 1;
    },

    async markSent(teamId: string, userId: string, isoWeek: string, now: number): Promise<void> {
      await db
        .update(digestDeliveries)
        .set({ sentAt: now })
        .where(ofWeek(teamId, userId, isoWeek));
    },

    /** Gives a claim back after Slack certainly did not deliver the digest, so a later run tries again this week. */
    async release(teamId: string, userId: string, isoWeek: string): Promise<void> {
      await db.delete(digestDeliveries).where(and(ofWeek(teamId, userId, isoWeek), isNull(digestDeliveries.sentAt)));
    },

    async delivery(teamId: string, userId: string, isoWeek: string) {
      const [row] = await db
        .select()
        .from(digestDeliveries)
        .where(ofWeek(teamId, userId, isoWeek));
      return row;
    },
  };
}

export type DigestsRepository = ReturnType<typeof digestsRepository>;
