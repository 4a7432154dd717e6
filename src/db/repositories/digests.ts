import type Database from 'better-sqlite3';
import { and, eq, isNull } from 'drizzle-orm';
import type { DigestRequest, HelperOfRequest, OpenRequest } from '../../domain/digest.ts';
import type { Db } from '../connection.ts';
import { digestDeliveries } from '../schema.ts';

// The weekly digest reads what it needs in a handful of set-based queries, prepared once: candidates with their facts
// in one, then, for each slice of people composed together, their requests' helpers and their contributions.
// Rows are read one at a time (iterate) into narrow objects, never as one big array of raw rows. Lists of ids travel as
// one JSON parameter (json_each), so no statement ever grows with the number of people.

/** A person who may get a digest, with the facts to decide it; see DigestCandidate in the domain. */
export interface CandidateRow {
  teamId: string;
  userId: string;
  digest: boolean | null;
  settingsUpdatedAt: number | null;
  helpedLatestBefore: number | null;
  helpedEarliestFrom: number | null;
  /** Cached profile (time zone); all null when the person was never looked up. */
  tz: string | null;
  tzOffsetSeconds: number | null;
  profileFetchedAt: number | null;
  /** ISO weeks (among those asked) for which this person already has a delivery row. */
  claimedWeeks: readonly string[];
}

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

/** One of a person's participations with something new lately; its request is looked up by id (shared by many). */
export interface ContributionRow {
  requestId: number;
  optedInAt: number;
  sharedAt: number | null;
  thankedAt: number | null;
}

interface RawCandidate {
  team_id: string;
  user_id: string;
  digest: number | null;
  updated_at: number | null;
  latest_before: number | null;
  earliest_from: number | null;
  tz: string | null;
  tz_offset_seconds: number | null;
  fetched_at: number | null;
  claimed_weeks: string | null;
}

interface RawRequest {
  id: number;
  team_id: string;
  requester_id: string;
  title: string | null;
  url: string;
  channel_id: string;
  status: DigestRequest['status'];
  created_at: number;
  deadline_at: number;
  closed_at: number | null;
}

const REQUEST_COLUMNS =
  'r.id, r.team_id, r.requester_id, r.title, r.url, r.channel_id, r.status, r.created_at, r.deadline_at, r.closed_at';

const toRequest = (row: RawRequest): DigestRequest => ({
  id: row.id,
  teamId: row.team_id,
  requesterId: row.requester_id,
  title: row.title,
  url: row.url,
  channelId: row.channel_id,
  status: row.status,
  createdAt: row.created_at,
  deadlineAt: row.deadline_at,
  closedAt: row.closed_at,
});

const jsonList = (values: readonly unknown[]) => JSON.stringify(values);

/** Most people have no delivery row yet: they all share this one empty list. */
const NO_WEEKS: readonly string[] = Object.freeze([]);

/** Workspaces that uninstalled Boost or revoked its tokens: no work is done for them. */
const GONE_TEAMS = '(select team_id from workspaces where uninstalled_at is not null)';

// One pass that groups every reason to be a candidate by person (a single sort, no union or join of temporary
// tables): participation times since helperFrom, and requesters and subscribers as rows without a time.
const CANDIDATES_SQL = `
  with events as (
    select r.team_id, p.user_id, p.opted_in_at as at
      from participations p join requests r on r.id = p.request_id
     where p.opted_in_at >= @helperFrom
    union all
    select r.team_id, p.user_id, p.shared_at
      from participations p join requests r on r.id = p.request_id
     where p.shared_at >= @helperFrom
    union all
    select team_id, requester_id, null from requests where closed_at is null or closed_at >= @requesterFrom
    union all
    select team_id, user_id, null from user_settings where digest = 1
  ),
  people as (
    select team_id, user_id,
           max(case when at < @splitAt then at end) as latest_before,
           min(case when at >= @splitAt then at end) as earliest_from
      from events group by team_id, user_id
  )
  select pe.team_id, pe.user_id, s.digest, s.updated_at, pe.latest_before, pe.earliest_from,
         up.tz, up.tz_offset_seconds, up.fetched_at,
         (select group_concat(d.iso_week) from digest_deliveries d
           where d.team_id = pe.team_id and d.user_id = pe.user_id
             and d.iso_week in (select value from json_each(@weeks))) as claimed_weeks
    from people pe
    left join user_settings s on s.team_id = pe.team_id and s.user_id = pe.user_id
    left join user_profiles up on up.team_id = pe.team_id and up.user_id = pe.user_id
   where (s.digest is null or s.digest = 1)
     and pe.team_id not in ${GONE_TEAMS}
     -- Whoever already has a delivery row for every week in question is done: not even read back.
     and (select count(*) from digest_deliveries d
           where d.team_id = pe.team_id and d.user_id = pe.user_id
             and d.iso_week in (select value from json_each(@weeks))) < @weekCount
   order by pe.team_id, pe.user_id`;

export function digestsRepository(db: Db) {
  const sqlite = (db as Db & { $client: Database.Database }).$client;
  const candidatesQuery = sqlite.prepare<
    [{ helperFrom: number; splitAt: number; requesterFrom: number; weeks: string; weekCount: number }],
    RawCandidate
  >(CANDIDATES_SQL);
  const requestsOpenSinceQuery = sqlite.prepare<[number], RawRequest>(
    `select ${REQUEST_COLUMNS} from requests r where r.closed_at is null or r.closed_at >= ? order by r.id`,
  );
  const requestsByIdQuery = sqlite.prepare<[string], RawRequest>(
    `select ${REQUEST_COLUMNS} from requests r where r.id in (select value from json_each(?))`,
  );
  const helpersQuery = sqlite.prepare<
    [string],
    { request_id: number; user_id: string; opted_in_at: number; shared_at: number | null; thanked_at: number | null }
  >(
    `select request_id, user_id, opted_in_at, shared_at, thanked_at from participations
      where request_id in (select value from json_each(?))
      order by request_id, opted_in_at, id`,
  );
  // Looked up person by person (participations_user): a slice's people, not the whole workspace's recent activity.
  const contributionsQuery = sqlite.prepare<
    [{ teamId: string; userIds: string; from: number }],
    { user_id: string; request_id: number; opted_in_at: number; shared_at: number | null; thanked_at: number | null }
  >(
    `select p.user_id, p.request_id, p.opted_in_at, p.shared_at, p.thanked_at
       from participations p join requests r on r.id = p.request_id
      where p.user_id in (select value from json_each(@userIds)) and r.team_id = @teamId
        and (p.opted_in_at >= @from or p.shared_at >= @from or p.thanked_at >= @from)`,
  );

  const openRequestsQuery = sqlite.prepare<[{ now: number; perTeam: number }], RawRequest>(
    `select * from (
       select ${REQUEST_COLUMNS},
              row_number() over (partition by r.team_id order by r.deadline_at, r.id) as position
         from requests r
        where r.status = 'open' and r.deadline_at > @now and r.message_ts is not null
          and r.team_id not in ${GONE_TEAMS})
      where position <= @perTeam
      order by team_id, deadline_at, id`,
  );

  /** Everyone in each of these requests, in the order they joined. */
  function helpersOf(requestIds: readonly number[]): Map<number, HelperOfRequest[]> {
    const byRequest = new Map<number, HelperOfRequest[]>();
    if (requestIds.length === 0) return byRequest;
    for (const row of helpersQuery.iterate(jsonList(requestIds))) {
      let list = byRequest.get(row.request_id);
      if (!list) {
        list = [];
        byRequest.set(row.request_id, list);
      }
      list.push({
        userId: row.user_id,
        optedInAt: row.opted_in_at,
        sharedAt: row.shared_at,
        thankedAt: row.thanked_at,
      });
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
          teamId: row.team_id,
          userId: row.user_id,
          digest: row.digest === null ? null : row.digest === 1,
          settingsUpdatedAt: row.updated_at,
          helpedLatestBefore: row.latest_before,
          helpedEarliestFrom: row.earliest_from,
          tz: row.tz,
          tzOffsetSeconds: row.tz_offset_seconds,
          profileFetchedAt: row.fetched_at,
          claimedWeeks: row.claimed_weeks ? row.claimed_weeks.split(',') : NO_WEEKS,
        });
      }
    },

    /** Requests still open at `from` or later (any status now), with their requester: a requester's digest material. */
    requestsOpenSince(from: number): DigestRequest[] {
      const requests: DigestRequest[] = [];
      for (const row of requestsOpenSinceQuery.iterate(from)) requests.push(toRequest(row));
      return requests;
    },

    /** These requests, in no particular order (ids that do not exist are left out). */
    requestsById(ids: readonly number[]): DigestRequest[] {
      const requests: DigestRequest[] = [];
      if (ids.length === 0) return requests;
      for (const row of requestsByIdQuery.iterate(jsonList(ids))) requests.push(toRequest(row));
      return requests;
    },

    helpersOf,

    /** These people's participations in their workspace with something new since `from` (joined, shared or thanked). */
    contributionsOf(teamId: string, userIds: readonly string[], from: number): Map<string, ContributionRow[]> {
      const byPerson = new Map<string, ContributionRow[]>();
      if (userIds.length === 0) return byPerson;
      for (const row of contributionsQuery.iterate({ teamId, userIds: jsonList(userIds), from })) {
        let list = byPerson.get(row.user_id);
        if (!list) {
          list = [];
          byPerson.set(row.user_id, list);
        }
        list.push({
          requestId: row.request_id,
          optedInAt: row.opted_in_at,
          sharedAt: row.shared_at,
          thankedAt: row.thanked_at,
        });
      }
      return byPerson;
    },

    /** The `perTeam` open requests of each workspace closest to their deadline, with counts and who is in. */
    openRequests(now: number, perTeam: number): OpenRequest[] {
      const requests: DigestRequest[] = [];
      for (const row of openRequestsQuery.iterate({ now, perTeam })) requests.push(toRequest(row));
      const helpers = helpersOf(requests.map((request) => request.id));
      return requests.map((request) => {
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
    claim(teamId: string, userId: string, isoWeek: string, now: number): boolean {
      return (
        db.insert(digestDeliveries).values({ teamId, userId, isoWeek, claimedAt: now }).onConflictDoNothing().run()
          .changes === 1
      );
    },

    markSent(teamId: string, userId: string, isoWeek: string, now: number): void {
      db.update(digestDeliveries)
        .set({ sentAt: now })
        .where(
          and(
            eq(digestDeliveries.teamId, teamId),
            eq(digestDeliveries.userId, userId),
            eq(digestDeliveries.isoWeek, isoWeek),
          ),
        )
        .run();
    },

    /** Gives a claim back after Slack certainly did not deliver the digest, so a later run tries again this week. */
    release(teamId: string, userId: string, isoWeek: string): void {
      db.delete(digestDeliveries)
        .where(
          and(
            eq(digestDeliveries.teamId, teamId),
            eq(digestDeliveries.userId, userId),
            eq(digestDeliveries.isoWeek, isoWeek),
            isNull(digestDeliveries.sentAt),
          ),
        )
        .run();
    },

    delivery(teamId: string, userId: string, isoWeek: string) {
      return db
        .select()
        .from(digestDeliveries)
        .where(
          and(
            eq(digestDeliveries.teamId, teamId),
            eq(digestDeliveries.userId, userId),
            eq(digestDeliveries.isoWeek, isoWeek),
          ),
        )
        .get();
    },
  };
}

export type DigestsRepository = ReturnType<typeof digestsRepository>;
