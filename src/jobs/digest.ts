import type { Logger } from '@slack/bolt';
import type { Config } from '../config.ts';
import type { CandidateRow } from '../db/repositories/digests.ts';
import type { Repositories } from '../db/repositories/index.ts';
import {
  type Contribution,
  composeDigest,
  DIGEST_PERIOD_MS,
  type Digest,
  type DigestCandidate,
  type DigestRequest,
  HELPER_WINDOW_MS,
  isEligible,
  REQUESTER_WINDOW_MS,
} from '../domain/digest.ts';
import {
  EVERY_CLOCK,
  nextDecisionAt,
  nowSlotFinder,
  slotFinder,
  UTC,
  weeksAround,
  type Zone,
  zoneKey,
  zoneOf,
} from '../domain/schedule.ts';
import type { Clock } from '../domain/types.ts';
import type { DmSender, DmTally } from '../slack/dm-sender.ts';
import { storedLanguageOf } from '../slack/language.ts';
import { digestMessage } from '../slack/views/digest.ts';
import { JobLease } from './job-lease.ts';

const DAY_MS = 86_400_000;
/**
 * Participation times are summarised around this point before now. A slot this week is at most a week ago (a week
 * with a daylight-saving change lasts an hour longer), so a day of margin covers every slot a run can find.
 */
const SPLIT_BEFORE_NOW_MS = 8 * DAY_MS;
/** Time zones looked up per run (users.info), so one run never waits long on Slack; the rest wait for the next. */
const MAX_LOOKUPS_PER_RUN = 200;
const LOOKUP_CONCURRENCY = 4;
/** A person whose time zone could not be found is asked about again a day later at the earliest. */
const LOOKUP_RETRY_MS = DAY_MS;
/** Open requests considered per workspace when suggesting a few to helpers. */
const OPEN_PER_TEAM = 25;
/** People whose digests are composed together: bounds what a big run holds in memory at once. */
const SLICE_SIZE = 1000;
/** How long a scheduled run may go unrenewed before another instance takes it over (its instance died). */
export const DIGEST_RUN_LEASE_MS = 2 * 60_000;

export interface ZoneProfile {
  tz: string | null;
  tzOffsetSeconds: number | null;
}

export interface DigestJobDeps {
  repos: Repositories;
  config: Pick<Config, 'DIGEST_CRON' | 'DIGEST_TIMEZONE' | 'DEFAULT_LOCALE'>;
  sender: DmSender;
  logger: Logger;
  clock: Clock;
  /** Fetches (users.info) and caches a person's profile; undefined when Slack did not answer. */
  lookUpZone?: (teamId: string, userId: string) => Promise<ZoneProfile | undefined>;
}

export interface PlannedDigest {
  digest: Digest;
  /** The zone whose calendar decided the week, e.g. `Pacific/Kiritimati`. */
  zone: string;
  dueAt: number;
}

export interface DigestReport {
  /** False when a scheduled run skipped deciding because nothing could be due (see nextDecisionAt). */
  decided: boolean;
  /** Digests composed in this run: each one sent, or in a dry run handed to `onPlanned`. */
  composed: number;
  /** Eligible people whose time zone is not known yet; their digest waits for the lookup. */
  waitingForZone: number;
  tally: DmTally;
  /** Claims given back because Slack certainly did not deliver: a later run this week tries again. */
  released: number;
}

type Mode = 'scheduled' | 'now';

interface RunOptions {
  dryRun: boolean;
  maxLookups: number;
  onPlanned?: (planned: PlannedDigest) => void;
}

interface Decision {
  due: Due[];
  waitingForZone: number;
  /** The requests read to decide, by id. */
  requests: Map<number, DigestRequest>;
}

/** A candidate, and the weeks they already have a digest for. */
interface Person {
  candidate: DigestCandidate;
  claimedWeeks: readonly string[];
}

interface Due {
  candidate: DigestCandidate;
  zone: Zone;
  dueAt: number;
  week: string;
}

const EMPTY_TALLY: DmTally = { sent: 0, unreachable: 0, failed: 0, skipped: 0, halted: false };
const SKIPPED: DigestReport = { decided: false, composed: 0, waitingForZone: 0, tally: EMPTY_TALLY, released: 0 };

/**
 * The weekly digest. `runOnce(now)` (every minute) sends each eligible person this week's digest once their own slot
 * (DIGEST_CRON on their clock) has come; `sendNow` (npm run digest) sends this week's to everyone eligible now.
 *
 * Delivery is at most once per person per ISO week: the (team, user, week) row is claimed right before sending and
 * sent_at is set once Slack accepted it. A claim without sent_at (a crash while Slack was answering, or a message Slack
 * may have posted) is never sent again. A message Slack certainly did not post for a passing reason gives its claim back.
 *
 * Digests are composed and sent in slices of one workspace's people, so a run holds one slice's digests at a time.
 *
 * With several instances, one scheduled run at a time decides and sends (a lease in the database); the others look
 * again at their next tick, so whoever comes after a run that died (its lease ran out) sends what it left unclaimed.
 */
export class DigestJob {
  private stopped = false;
  private readonly lease: JobLease;
  /** When each person's time zone was last asked for in this process, so a failing lookup is retried only daily. */
  private readonly lookedUpAt = new Map<string, number>();
  /** When the last scheduled decision was made, and when the next one is needed; undefined: decide at once. */
  private schedule: { decidedAt: number; nextAt: number } | undefined;

  constructor(private readonly deps: DigestJobDeps) {
    this.lease = new JobLease(deps, 'digest', DIGEST_RUN_LEASE_MS);
  }

  /**
   * Sends the digests whose slot has come and that were not sent this week. Deciding that costs a pass over recent
   * activity, so a minute in which nothing can have become due is skipped (see nextDecisionAt).
   */
  async runOnce(now: number = this.deps.clock()): Promise<DigestReport> {
    const last = this.schedule;
    if (last && now >= last.decidedAt && now < last.nextAt) return SKIPPED;
    const run = await this.lease.run(now, () =>
      this.run(now, 'scheduled', { dryRun: false, maxLookups: MAX_LOOKUPS_PER_RUN }),
    );
    // Another instance is deciding and sending: this one looks again at its next tick, once that run is over.
    if (!run) return SKIPPED;
    const report = run.value;
    // Left-over work (zones to look up, claims given back, a stopped run) is decided again at the next tick.
    const leftOver = report.waitingForZone > 0 || report.tally.halted || report.released > 0;
    const { DIGEST_CRON, DIGEST_TIMEZONE } = this.deps.config;
    const clocks = DIGEST_TIMEZONE === 'user' ? EVERY_CLOCK : [{ tz: DIGEST_TIMEZONE }];
    this.schedule = { decidedAt: now, nextAt: leftOver ? now : nextDecisionAt(DIGEST_CRON, clocks, now) };
    return report;
  }

  /**
   * Sends (or with dryRun, only lists) this week's digest to everyone eligible now who has not had it. A dry run hands
   * each digest to `onPlanned` as it is composed, and keeps none.
   */
  sendNow(
    now: number,
    options: { dryRun: boolean; onPlanned?: (planned: PlannedDigest) => void },
  ): Promise<DigestReport> {
    // An operator waits for this run, so every unknown time zone is looked up now.
    return this.run(now, 'now', { ...options, maxLookups: Number.POSITIVE_INFINITY });
  }

  /** Stops claiming: digests in flight finish, the others wait for a later run. */
  stop(): void {
    this.stopped = true;
  }

  private async run(now: number, mode: Mode, options: RunOptions): Promise<DigestReport> {
    const { repos } = this.deps;
    const { due, waitingForZone, requests } = await this.decide(now, mode, options);
    const counter = { composed: 0 };
    if (due.length === 0) return { decided: true, composed: 0, waitingForZone, tally: EMPTY_TALLY, released: 0 };

    const planned = this.composeInSlices(due, requests, now, counter);
    if (options.dryRun) {
      for await (const item of planned) options.onPlanned?.(item);
      return { decided: true, composed: counter.composed, waitingForZone, tally: EMPTY_TALLY, released: 0 };
    }

    let released = 0;
    // The sender pulls digests one by one, so each slice is composed only when the previous one is on its way.
    const tally = await this.deps.sender.deliver({
      items: planned,
      to: ({ digest }) => ({ teamId: digest.teamId, userId: digest.userId }),
      claim: ({ digest }) => repos.digests.claim(digest.teamId, digest.userId, digest.week, this.timeAfter(now)),
      message: async ({ digest }) =>
        digestMessage(await storedLanguageOf(this.deps, digest.teamId, digest.userId), digest),
      unclaim: ({ digest }) => repos.digests.release(digest.teamId, digest.userId, digest.week),
      settle: async ({ digest }, outcome) => {
        if (outcome.status === 'sent') {
          await repos.digests.markSent(digest.teamId, digest.userId, digest.week, this.timeAfter(now));
        } else if (outcome.status === 'failed' && outcome.retryLater) {
          await repos.digests.release(digest.teamId, digest.userId, digest.week);
          released += 1;
        }
      },
      stopped: () => this.stopped,
    });
    if (tally.sent + tally.unreachable + tally.failed > 0) {
      this.deps.logger.info(
        `Weekly digest: ${tally.sent} sent, ${tally.unreachable} unreachable, ${tally.failed} failed, ${tally.skipped} already claimed.`,
      );
    }
    return { decided: true, composed: counter.composed, waitingForZone, tally, released };
  }

  /**
   * Who is due now (slot come, eligible at it, not claimed this week), in workspace then person order. Candidates are
   * judged as they are read, so only those due are kept, and those whose time zone must be asked for first.
   */
  private async decide(now: number, mode: Mode, options: RunOptions): Promise<Decision> {
    const { repos, config } = this.deps;
    const splitAt = now - SPLIT_BEFORE_NOW_MS;
    const requesterFrom = splitAt - REQUESTER_WINDOW_MS;
    const recent = await repos.digests.requestsOpenSince(requesterFrom);
    const requests = new Map(recent.map((request) => [request.id, request]));
    const requestsByPerson = groupRequests(recent);
    const slotOf = mode === 'now' ? nowSlotFinder(now) : slotFinder(config.DIGEST_CRON, now);
    const due: Due[] = [];
    const consider = ({ candidate, claimedWeeks }: Person, zone: Zone) => {
      const slot = slotOf(zone);
      if (!slot || claimedWeeks.includes(slot.week)) return;
      if (isEligible(candidate, slot.dueAt)) due.push({ candidate, zone, ...slot });
    };
    const zoneOfRow = this.zoneReader(options);
    const unplaced: Person[] = [];
    await repos.digests.eachCandidate(
      { helperFrom: splitAt - HELPER_WINDOW_MS, splitAt, requesterFrom, weeks: weeksAround(now) },
      (row) => {
        const person = { candidate: toCandidate(row, splitAt, requestsByPerson), claimedWeeks: row.claimedWeeks };
        const zone = zoneOfRow(row);
        if (zone) consider(person, zone);
        else if (isEligible(person.candidate, now)) unplaced.push(person);
      },
    );
    if (unplaced.length === 0) return { due, waitingForZone: 0, requests };

    const zones = await this.lookUpZones(unplaced, now, options.maxLookups);
    let waitingForZone = 0;
    unplaced.forEach((person, i) => {
      const zone = zones[i];
      if (zone) consider(person, zone);
      else waitingForZone += 1;
    });
    due.sort(
      (a, b) => compare(a.candidate.teamId, b.candidate.teamId) || compare(a.candidate.userId, b.candidate.userId),
    );
    return { due, waitingForZone, requests };
  }

  /**
   * Reads a candidate's zone: DIGEST_TIMEZONE for everyone, or their own from the profile cache (one Zone object per
   * zone, shared). Undefined when it must be looked up first; a dry run, or a job without lookups, assumes UTC instead.
   */
  private zoneReader({ dryRun }: RunOptions): (row: CandidateRow) => Zone | undefined {
    const fixed = this.deps.config.DIGEST_TIMEZONE;
    if (fixed !== 'user') {
      const zone: Zone = { tz: fixed };
      return () => zone;
    }
    const fallback = dryRun || !this.deps.lookUpZone ? UTC : undefined;
    const known = new Map<string, Zone | undefined>();
    return (row) => {
      if (row.profileFetchedAt === null) return fallback;
      const key = `${row.tz}|${row.tzOffsetSeconds}`;
      if (!known.has(key)) known.set(key, zoneOf(row));
      return known.get(key) ?? fallback;
    };
  }

  /**
   * The zones of eligible people whose zone is unknown: looked up (bounded, at most daily per person); one that stays
   * unknown after a lookup falls back to UTC, and one not looked up yet is undefined (that digest waits for a later run).
   */
  private async lookUpZones(
    people: readonly Person[],
    now: number,
    maxLookups: number,
  ): Promise<Array<Zone | undefined>> {
    const zones: Array<Zone | undefined> = people.map(() => undefined);
    const lookUp = this.deps.lookUpZone;
    if (!lookUp) return zones;
    const toLookUp: number[] = [];
    people.forEach(({ candidate }, i) => {
      const last = this.lookedUpAt.get(`${candidate.teamId}:${candidate.userId}`);
      if (last !== undefined && now - last < LOOKUP_RETRY_MS) zones[i] = UTC;
      else toLookUp.push(i);
    });
    await forEachLimited(toLookUp.slice(0, maxLookups), LOOKUP_CONCURRENCY, async (i) => {
      const candidate = people[i]?.candidate;
      if (!candidate || this.stopped) return;
      this.lookedUpAt.set(`${candidate.teamId}:${candidate.userId}`, now);
      const profile = await lookUp(candidate.teamId, candidate.userId).catch(() => undefined);
      zones[i] = zoneOf(profile ?? undefined) ?? UTC;
    });
    return zones;
  }

  /** The time to record for a step of a run that started at `now` (a long run takes minutes). */
  private timeAfter(now: number): number {
    return Math.max(now, this.deps.clock());
  }

  /**
   * Composes the due digests one slice at a time: what a slice's digests say is read in a few set-based queries just
   * before they are composed, and nothing of a slice is kept once its digests have been taken. `requests` starts with
   * the requests read to decide and keeps each one read since, so a request is read once per run.
   */
  private async *composeInSlices(
    due: readonly Due[],
    requests: Map<number, DigestRequest>,
    now: number,
    counter: { composed: number },
  ): AsyncGenerator<PlannedDigest> {
    const { digests, links } = this.deps.repos;
    const openByTeam = groupBy(await digests.openRequests(now, OPEN_PER_TEAM), ({ request }) => request.teamId);
    const contributionsFrom = now - SPLIT_BEFORE_NOW_MS - DIGEST_PERIOD_MS;
    for (const slice of slicesByTeam(due, SLICE_SIZE)) {
      const teamId = slice[0]?.candidate.teamId ?? '';
      const requestIds = slice.flatMap(({ candidate }) => candidate.requests.map((request) => request.id));
      const helpersByRequest = await digests.helpersOf(requestIds);
      const contributionRows = await digests.contributionsOf(
        teamId,
        slice.map(({ candidate }) => candidate.userId),
        contributionsFrom,
      );
      const contributedIds = [
        ...new Set([...contributionRows.values()].flatMap((rows) => rows.map((row) => row.requestId))),
      ];
      for (const request of await digests.requestsById(contributedIds.filter((id) => !requests.has(id)))) {
        requests.set(request.id, request);
      }
      const clicksByHelper = await links.clicksByHelperOf([...new Set([...requestIds, ...contributedIds])]);
      for (const { candidate, zone, dueAt, week } of slice) {
        const contributions: Contribution[] = [];
        for (const row of contributionRows.get(candidate.userId) ?? []) {
          const request = requests.get(row.requestId);
          if (request) contributions.push({ ...row, request });
        }
        const digest = composeDigest({
          candidate,
          week,
          dueAt,
          now,
          helpersByRequest,
          contributions,
          openRequests: openByTeam.get(candidate.teamId) ?? [],
          clicksByHelper,
        });
        if (!digest) continue;
        counter.composed += 1;
        yield { digest, zone: zoneKey(zone), dueAt };
      }
    }
  }
}

function toCandidate(
  row: CandidateRow,
  splitAt: number,
  requestsByPerson: ReadonlyMap<string, DigestRequest[]>,
): DigestCandidate {
  return {
    teamId: row.teamId,
    userId: row.userId,
    digest: row.digest,
    settingsUpdatedAt: row.settingsUpdatedAt,
    helped: { latestBefore: row.helpedLatestBefore, earliestFrom: row.helpedEarliestFrom, splitAt },
    requests: requestsByPerson.get(`${row.teamId}:${row.userId}`) ?? [],
  };
}

function groupRequests(requests: readonly DigestRequest[]): Map<string, DigestRequest[]> {
  return groupBy(requests, (request) => `${request.teamId}:${request.requesterId}`);
}

/** Consecutive runs of one workspace's people, at most `size` each (the due list is in workspace order). */
function* slicesByTeam(due: readonly Due[], size: number): Generator<Due[]> {
  let slice: Due[] = [];
  for (const item of due) {
    if (slice.length === size || (slice.length > 0 && slice[0]?.candidate.teamId !== item.candidate.teamId)) {
      yield slice;
      slice = [];
    }
    slice.push(item);
  }
  if (slice.length > 0) yield slice;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
