import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Contribution, DigestRequest, HelperOfRequest, OpenRequest } from '../../domain/digest.ts';
import type { Db } from '../connection.ts';
import { digestDeliveries } from '../schema.ts';

// The weekly digest reads everything it needs in a handful of set-based queries, whatever the number of people:
// candidates with their facts in one, then requests, helpers, contributions and open requests in one each.
// Lists of ids travel as one JSON parameter (json_each), so no query ever grows with the number of people.

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
  claimedWeeks: string[];
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

const REQUEST_COLUMNS = sql.raw(
  'r.id, r.team_id, r.requester_id, r.title, r.url, r.channel_id, r.status, r.created_at, r.deadline_at, r.closed_at',
);

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

/** Workspaces that uninstalled Boost or revoked its tokens: no work is done for them. */
const GONE_TEAMS = sql.raw('(select team_id from workspaces where uninstalled_at is not null)');

export function digestsRepository(db: Db) {
  /** Everyone in each of these requests, in the order they joined. */
  function helpersOf(requestIds: readonly number[]): Map<number, HelperOfRequest[]> {
    const byRequest = new Map<number, HelperOfRequest[]>();
    if (requestIds.length === 0) return byRequest;
    const rows = db.all<{
      request_id: number;
      user_id: string;
      opted_in_at: number;
      shared_at: number | null;
      thanked_at: number | null;
    }>(sql`
      select request_id, user_id, opted_in_at, shared_at, thanked_at from participations
       where request_id in (select value from json_each(${jsonList(requestIds)}))
       order by request_id, opted_in_at, id`);
    for (const row of rows) {
      const list = byRequest.get(row.request_id) ?? [];
      list.push({
        userId: row.user_id,
        optedInAt: row.opted_in_at,
        sharedAt: row.shared_at,
        thankedAt: row.thanked_at,
      });
      byRequest.set(row.request_id, list);
    }
    return byRequest;
  }

  return {
    /**
     * Everyone who might get a digest: people who took part lately, requesters of recent requests, and subscribers,
     * minus those who stopped the digest, those already served for every week asked about, and workspaces that are
     * gone. One row per person with the facts to decide.
     */
    candidates(query: CandidateQuery): CandidateRow[] {
      const rows = db.all<RawCandidate>(sql`
        with events as (
          select r.team_id, p.user_id, p.opted_in_at as at
            from participations p join requests r on r.id = p.request_id
           where p.opted_in_at >= ${query.helperFrom}
          union all
          select r.team_id, p.user_id, p.shared_at as at
            from participations p join requests r on r.id = p.request_id
           where p.shared_at >= ${query.helperFrom}
        ),
        helpers as (
          select team_id, user_id,
                 max(case when at < ${query.splitAt} then at end) as latest_before,
                 min(case when at >= ${query.splitAt} then at end) as earliest_from
            from events group by team_id, user_id
        ),
        people as (
          select team_id, user_id from helpers
          union
          select team_id, requester_id from requests where closed_at is null or closed_at >= ${query.requesterFrom}
          union
          select team_id, user_id from user_settings where digest = 1
        )
        select pe.team_id, pe.user_id, s.digest, s.updated_at, h.latest_before, h.earliest_from,
               up.tz, up.tz_offset_seconds, up.fetched_at,
               (select group_concat(d.iso_week) from digest_deliveries d
                 where d.team_id = pe.team_id and d.user_id = pe.user_id
                   and d.iso_week in (select value from json_each(${jsonList(query.weeks)}))) as claimed_weeks
          from people pe
          left join user_settings s on s.team_id = pe.team_id and s.user_id = pe.user_id
          left join helpers h on h.team_id = pe.team_id and h.user_id = pe.user_id
          left join user_profiles up on up.team_id = pe.team_id and up.user_id = pe.user_id
         where (s.digest is null or s.digest = 1)
           and pe.team_id not in ${GONE_TEAMS}
           -- Whoever already has a delivery row for every week in question is done: not even read back.
           and (select count(*) from digest_deliveries d
                 where d.team_id = pe.team_id and d.user_id = pe.user_id
                   and d.iso_week in (select value from json_each(${jsonList(query.weeks)}))) < ${query.weeks.length}
         order by pe.team_id, pe.user_id`);
      return rows.map((row) => ({
        teamId: row.team_id,
        userId: row.user_id,
        digest: row.digest === null ? null : row.digest === 1,
        settingsUpdatedAt: row.updated_at,
        helpedLatestBefore: row.latest_before,
        helpedEarliestFrom: row.earliest_from,
        tz: row.tz,
        tzOffsetSeconds: row.tz_offset_seconds,
        profileFetchedAt: row.fetched_at,
        claimedWeeks: row.claimed_weeks ? row.claimed_weeks.split(',') : [],
      }));
    },

    /** Requests still open at `from` or later (any status now), with their requester: a requester's digest material. */
    requestsOpenSince(from: number): DigestRequest[] {
      return db
        .all<RawRequest>(
          sql`select ${REQUEST_COLUMNS} from requests r where r.closed_at is null or r.closed_at >= ${from} order by r.id`,
        )
        .map(toRequest);
    },

    helpersOf,

    /** Participations with something new since `from` (joined, shared or thanked), keyed by `team:user`. */
    contributionsSince(from: number): Map<string, Contribution[]> {
      const rows = db.all<
        RawRequest & { user_id: string; opted_in_at: number; shared_at: number | null; thanked_at: number | null }
      >(sql`
        with recent as (
          select id from participations where opted_in_at >= ${from}
          union select id from participations where shared_at >= ${from}
          union select id from participations where thanked_at >= ${from})
        select ${REQUEST_COLUMNS}, p.user_id, p.opted_in_at, p.shared_at, p.thanked_at
          from recent join participations p on p.id = recent.id join requests r on r.id = p.request_id`);
      const byPerson = new Map<string, Contribution[]>();
      // Tens of thousands of rows name a few thousand requests: one object per request keeps memory and GC down.
      const requestsById = new Map<number, DigestRequest>();
      for (const row of rows) {
        const key = `${row.team_id}:${row.user_id}`;
        const list = byPerson.get(key) ?? [];
        let request = requestsById.get(row.id);
        if (!request) {
          request = toRequest(row);
          requestsById.set(row.id, request);
        }
        list.push({
          request,
          optedInAt: row.opted_in_at,
          sharedAt: row.shared_at,
          thankedAt: row.thanked_at,
        });
        byPerson.set(key, list);
      }
      return byPerson;
    },

    /** The `perTeam` open requests of each workspace closest to their deadline, with counts and who is in. */
    openRequests(now: number, perTeam: number): OpenRequest[] {
      const requests = db
        .all<RawRequest>(sql`
          select * from (
            select ${REQUEST_COLUMNS},
                   row_number() over (partition by r.team_id order by r.deadline_at, r.id) as position
              from requests r
             where r.status = 'open' and r.deadline_at > ${now} and r.message_ts is not null
               and r.team_id not in ${GONE_TEAMS})
           where position <= ${perTeam}
           order by team_id, deadline_at, id`)
        .map(toRequest);
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
