import type { Logger } from '@slack/bolt';
import type { Config } from '../config.ts';
import type { CandidateRow } from '../db/repositories/digests.ts';
import type { Repositories } from '../db/repositories/index.ts';
import {
  composeDigest,
  DIGEST_PERIOD_MS,
  type Digest,
  type DigestCandidate,
  type DigestRequest,
  HELPER_WINDOW_MS,
  isEligible,
  REQUESTER_WINDOW_MS,
} from '../domain/digest.ts';
import { nowSlotFinder, slotFinder, UTC, weeksAround, type Zone, zoneKey, zoneOf } from '../domain/schedule.ts';
import type { Clock } from '../domain/types.ts';
import type { DmSender, DmTally } from '../slack/dm-sender.ts';
import { digestMessage } from '../slack/views/digest.ts';

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

export interface ZoneProfile {
  tz: string | null;
  tzOffsetSeconds: number | null;
}

export interface DigestJobDeps {
  repos: Repositories;
  config: Pick<Config, 'DIGEST_CRON' | 'DIGEST_TIMEZONE'>;
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
  /** Digests due in this run, with their content (sent, or only printed in a dry run). */
  planned: PlannedDigest[];
  /** Eligible people whose time zone is not known yet; their digest waits for the lookup. */
  waitingForZone: number;
  tally: DmTally;
}

type Mode = 'scheduled' | 'now';

interface RunOptions {
  dryRun: boolean;
  maxLookups: number;
}

const EMPTY_TALLY: DmTally = { sent: 0, refused: 0, failed: 0, skipped: 0, halted: false };

/**
 * The weekly digest. `runOnce(now)` (every minute) sends each eligible person this week's digest once their own slot
 * (DIGEST_CRON on their clock) has come; `sendNow` (npm run digest) sends this week's to everyone eligible now.
 *
 * Delivery is at most once per person per ISO week: the (team, user, week) row is claimed right before sending and
 * sent_at is set once Slack accepted it. A claim without sent_at (a crash while Slack was answering, or a message Slack
 * may have posted) is never sent again. A message Slack certainly did not post for a passing reason gives its claim back.
 */
export class DigestJob {
  private stopped = false;
  /** When each person's time zone was last asked for in this process, so a failing lookup is retried only daily. */
  private readonly lookedUpAt = new Map<string, number>();

  constructor(private readonly deps: DigestJobDeps) {}

  /** Sends the digests whose slot has come and that were not sent this week. */
  runOnce(now: number = this.deps.clock()): Promise<DigestReport> {
    return this.run(now, 'scheduled', { dryRun: false, maxLookups: MAX_LOOKUPS_PER_RUN });
  }

  /** Sends (or with dryRun, only lists) this week's digest to everyone eligible now who has not had it. */
  sendNow(now: number, options: { dryRun: boolean }): Promise<DigestReport> {
    // An operator waits for this run, so every unknown time zone is looked up now.
    return this.run(now, 'now', { dryRun: options.dryRun, maxLookups: Number.POSITIVE_INFINITY });
  }

  /** Stops claiming: digests in flight finish, the others wait for a later run. */
  stop(): void {
    this.stopped = true;
  }

  private async run(now: number, mode: Mode, options: RunOptions): Promise<DigestReport> {
    const { repos } = this.deps;
    const { dryRun } = options;
    const splitAt = now - SPLIT_BEFORE_NOW_MS;
    const requesterFrom = splitAt - REQUESTER_WINDOW_MS;
    const rows = repos.digests.candidates({
      helperFrom: splitAt - HELPER_WINDOW_MS,
      splitAt,
      requesterFrom,
      weeks: weeksAround(now),
    });
    if (rows.length === 0) return { planned: [], waitingForZone: 0, tally: EMPTY_TALLY };

    const requestsByPerson = groupRequests(repos.digests.requestsOpenSince(requesterFrom));
    const candidates = rows.map((row) => toCandidate(row, splitAt, requestsByPerson));
    const zones = await this.zonesOf(rows, candidates, now, options);

    const slotOf = mode === 'now' ? nowSlotFinder(now) : slotFinder(this.deps.config.DIGEST_CRON, now);
    const due: Array<{ candidate: DigestCandidate; zone: Zone; dueAt: number; week: string }> = [];
    let waitingForZone = 0;
    candidates.forEach((candidate, i) => {
      const zone = zones[i];
      if (!zone) {
        if (isEligible(candidate, now)) waitingForZone += 1;
        return;
      }
      const slot = slotOf(zone);
      if (!slot || rows[i]?.claimedWeeks.includes(slot.week)) return;
      if (isEligible(candidate, slot.dueAt)) due.push({ candidate, zone, ...slot });
    });
    if (due.length === 0) return { planned: [], waitingForZone, tally: EMPTY_TALLY };

    const planned = this.compose(due, now);
    if (dryRun || planned.length === 0) return { planned, waitingForZone, tally: EMPTY_TALLY };

    const tally = await this.deps.sender.deliver({
      items: planned,
      to: ({ digest }) => digest.userId,
      claim: ({ digest }) => repos.digests.claim(digest.teamId, digest.userId, digest.week, this.timeAfter(now)),
      message: ({ digest }) => digestMessage(digest),
      settle: ({ digest }, outcome) => {
        if (outcome.status === 'sent') {
          repos.digests.markSent(digest.teamId, digest.userId, digest.week, this.timeAfter(now));
        } else if (outcome.status === 'failed' && outcome.retryLater) {
          repos.digests.release(digest.teamId, digest.userId, digest.week);
        }
      },
      stopped: () => this.stopped,
    });
    if (tally.sent + tally.refused + tally.failed > 0) {
      this.deps.logger.info(
        `Weekly digest: ${tally.sent} sent, ${tally.refused} refused by Slack, ${tally.failed} failed, ${tally.skipped} already claimed.`,
      );
    }
    return { planned, waitingForZone, tally };
  }

  /** The time to record for a step of a run that started at `now` (a long run takes minutes). */
  private timeAfter(now: number): number {
    return Math.max(now, this.deps.clock());
  }

  /** Loads what the due digests say in a few set-based queries, then composes each one. */
  private compose(
    due: ReadonlyArray<{ candidate: DigestCandidate; zone: Zone; dueAt: number; week: string }>,
    now: number,
  ): PlannedDigest[] {
    const { digests } = this.deps.repos;
    const requestIds = due.flatMap(({ candidate }) => candidate.requests.map((request) => request.id));
    const helpersByRequest = digests.helpersOf(requestIds);
    const contributions = digests.contributionsSince(now - SPLIT_BEFORE_NOW_MS - DIGEST_PERIOD_MS);
    const openRequests = digests.openRequests(now, OPEN_PER_TEAM);
    const contributed = [...contributions.values()].flatMap((list) => list.map((c) => c.request.id));
    const clicksByHelper = this.deps.repos.links.clicksByHelperOf([...new Set([...requestIds, ...contributed])]);
    const planned: PlannedDigest[] = [];
    for (const { candidate, zone, dueAt, week } of due) {
      const digest = composeDigest({
        candidate,
        week,
        dueAt,
        now,
        helpersByRequest,
        contributions: contributions.get(`${candidate.teamId}:${candidate.userId}`) ?? [],
        openRequests,
        clicksByHelper,
      });
      if (digest) planned.push({ digest, zone: zoneKey(zone), dueAt });
    }
    return planned;
  }

  /**
   * Each candidate's zone: DIGEST_TIMEZONE for everyone, or their own from the profile cache. Unknown zones are looked
   * up (bounded, at most daily per person); one that stays unknown after a lookup falls back to UTC, and one not looked
   * up yet is undefined (that digest waits for a later run). A dry run looks nothing up and assumes UTC.
   */
  private async zonesOf(
    rows: readonly CandidateRow[],
    candidates: readonly DigestCandidate[],
    now: number,
    { dryRun, maxLookups }: RunOptions,
  ): Promise<Array<Zone | undefined>> {
    const fixed = this.deps.config.DIGEST_TIMEZONE;
    if (fixed !== 'user') return rows.map(() => ({ tz: fixed }));
    const zones = rows.map((row) => zoneOf(row.profileFetchedAt === null ? undefined : row));
    const lookUp = this.deps.lookUpZone;
    if (dryRun || !lookUp) return zones.map((zone) => zone ?? UTC);

    const weeks = weeksAround(now);
    const toLookUp: number[] = [];
    const assumeUtc = new Set<number>();
    zones.forEach((zone, i) => {
      const row = rows[i];
      const candidate = candidates[i];
      if (zone || !row || !candidate) return;
      if (weeks.every((week) => row.claimedWeeks.includes(week)) || !isEligible(candidate, now)) return;
      const last = this.lookedUpAt.get(`${row.teamId}:${row.userId}`);
      if (last !== undefined && now - last < LOOKUP_RETRY_MS) assumeUtc.add(i);
      else toLookUp.push(i);
    });
    const batch = toLookUp.slice(0, maxLookups);
    await forEachLimited(batch, LOOKUP_CONCURRENCY, async (i) => {
      const row = rows[i];
      if (!row || this.stopped) return;
      this.lookedUpAt.set(`${row.teamId}:${row.userId}`, now);
      const profile = await lookUp(row.teamId, row.userId).catch(() => undefined);
      zones[i] = zoneOf(profile ?? undefined) ?? UTC;
    });
    for (const i of assumeUtc) zones[i] = UTC;
    return zones;
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
  const byPerson = new Map<string, DigestRequest[]>();
  for (const request of requests) {
    const key = `${request.teamId}:${request.requesterId}`;
    const list = byPerson.get(key) ?? [];
    list.push(request);
    byPerson.set(key, list);
  }
  return byPerson;
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
