import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { CallSummary } from '../servers/fake-slack.ts';
import { answers, type PreparedRequest, timeOpenLoop, timeRequestsAnyStatus } from './http-client.ts';
import { line } from './report.ts';
import {
  type BoostChild,
  countsShown,
  createRequest,
  type FakeSlackChild,
  optInClicks,
  type PostedRequest,
  settle,
  sleep,
  userId,
  waitUntil,
} from './slack.ts';
import { ms, percentile } from './stats.ts';
import { updatePace } from './updates.ts';

// The burst of benchmarks 2 and 8: a popular request gets 1,000 clicks within about two seconds, sent open-loop on a
// fixed schedule whatever the answers, as people would, to one Boost or alternately to several. Slack allows about one
// chat.update per second per message, so Boost coalesces: the message must stay current (about one update a second
// while clicks come in) and show the exact final counts soon after the last click.

export const CLICKS = 1000;
const SPREAD_MS = 2000;
export const TARGET_FINAL_MS = 2000;
/** "About one update per second". */
const MAX_RATE = 1.2;
/** Updates arriving closer than this (on the fake's clock) are not one pace of about one a second. */
const LEAST_SPACING_MS = 900;

const now = () => performance.timeOrigin + performance.now();

/** Every other click to the other instance, as a round-robin load balancer would spread them. */
function spreadOver(instances: readonly BoostChild[], fakeUrl: string, request: PostedRequest, users: string[]) {
  const perInstance = instances.map((boost) => optInClicks(boost.info.url, fakeUrl, request, users));
  return users.map((_, i) => (perInstance[i % instances.length] as PreparedRequest[])[i] as PreparedRequest);
}

/**
 * Waits until neither instance has an update pending and the fake has seen `n` private replies since `from`; says so
 * and goes on if that does not happen (a click that failed gets no reply), so the figures are reported whatever they are.
 */
async function settleAll(instances: readonly BoostChild[], fake: FakeSlackChild, from: number, n: number) {
  for (const boost of instances) {
    if (boost.process.exitCode !== null || boost.process.signalCode !== null) continue;
    await settle(boost, fake, from, n).catch((error: Error) =>
      line(`  WARNING: ${error.message} (${n} private replies expected)`),
    );
  }
}

export interface BurstFigures {
  acked: number;
  ackP99: number;
  /** Seconds from the first click to the last. */
  spanS: number;
  exact: boolean;
  counted: number;
  updates: number;
  closest: number;
  rate: number;
  longestGap: number;
  finalDelay: number;
  answers: string;
}

/**
 * Warms `instances` up on a request of their own, then sends them the burst (alternating when there are several) and
 * reports what Slack saw. `counted` reads how many opt-ins the database holds for a request.
 */
export async function burst(
  label: string,
  instances: readonly BoostChild[],
  fake: FakeSlackChild,
  counted: (requestId: number) => Promise<number>,
  { profile = false }: { profile?: boolean } = {},
): Promise<BurstFigures> {
  const [first] = instances as [BoostChild];
  line(`${label}:`);
  const warm = await createRequest(first, fake, {
    requester: 'UBWARM',
    channel: 'CBENCH0003',
    url: 'https://example.com/a',
  });
  const warmFrom = await fake.call<number>('callCount');
  const warmUsers = Array.from({ length: 500 }, (_, i) => userId(8_000_000 + i));
  const warmed = await timeRequestsAnyStatus(spreadOver(instances, fake.info.url, warm, warmUsers), 20);
  line(`  warm-up: ${warmUsers.length} clicks at 20 concurrent, answers ${answers(warmed.statuses)}`);
  await settleAll(instances, fake, warmFrom, warmed.statuses.get(200) ?? 0);

  const request = await createRequest(first, fake, {
    requester: 'UBREQUESTER',
    channel: 'CBENCH0004',
    url: 'https://example.com/popular',
  });
  const users = Array.from({ length: CLICKS }, (_, i) => userId(7_000_000 + i));
  const clicks = spreadOver(instances, fake.info.url, request, users);
  const from = await fake.call<number>('callCount');
  await sleep(1500); // past the updater's interval for the new message's first post

  if (profile) await first.call('profileStart');
  const {
    dueAt,
    latencies: ackMs,
    statuses,
  } = await timeOpenLoop(clicks, SPREAD_MS / CLICKS, 200, { unanswered: true });
  const firstClick = dueAt[0] as number;
  const lastClick = dueAt[CLICKS - 1] as number;
  const lastAck = Math.max(...dueAt.map((at, i) => at + (ackMs[i] as number)));

  // The exact final counts, as the fake Slack stores the message; reported as missing rather than thrown if they never
  // come (a stale update from one instance landing after the other's final one would leave the message behind).
  // As the workspace's language (English here) writes the numbers.
  const exact = `${CLICKS.toLocaleString('en-US')} in, 0 shared`;
  const shownAt = await waitUntil(
    'the message to show the final counts',
    async () => {
      const message = await fake.call<{ text?: string }>('message', request.channel, request.ts);
      return message.text?.includes(exact) ? now() : undefined;
    },
    30_000,
  ).catch(() => Number.NaN);
  await settleAll(instances, fake, from, statuses.get(200) ?? 0);
  if (profile) line(`  profile: ${await first.call<string>('profileStop', 'burst-boost')}`);
  const stored = await fake.call<{ text?: string }>('message', request.channel, request.ts);
  const inDatabase = await counted(request.requestId);
  const calls = (await fake.call<CallSummary[]>('calls', from, 'chat.update')).filter((call) => call.ts === request.ts);
  const updates = calls.filter((call) => call.ok);
  const finalUpdate = updates.find((call) => countsShown(call.text)?.optedIn === CLICKS);
  const finalAt = finalUpdate?.at ?? shownAt;
  const finalDelay = finalAt - lastClick;
  const { longestGap, closest, rate } = updatePace(updates, firstClick, lastClick, finalAt);
  const tooClose = updates.filter(
    (call, i) => i > 0 && call.at - (updates[i - 1] as CallSummary).at < LEAST_SPACING_MS,
  );
  const shownAtEnd = countsShown(stored.text);

  line(
    `  ${CLICKS} clicks sent over ${ms(lastClick - firstClick)} (open loop${instances.length > 1 ? ', alternating' : ''}), answers ${answers(statuses)}`,
  );
  line(
    `  acks during the burst: p50 ${ms(percentile(ackMs, 50))}, p99 ${ms(percentile(ackMs, 99))}, last answered ${ms(lastAck - lastClick)} after the last click`,
  );
  line(`  counted in the database: ${inDatabase}; the message shows ${shownAtEnd?.optedIn ?? '?'} in at the end`);
  line(
    `  chat.update calls on the message: ${updates.length} (${calls.length - updates.length} refused by Slack; clicks arrived for ${((lastClick - firstClick) / 1000).toFixed(1)} s)`,
  );
  for (const call of updates) {
    const shown = countsShown(call.text);
    line(`    +${ms(call.at - firstClick).padStart(8)}  ${shown ? `${shown.optedIn} in` : call.text}`);
  }
  line(`  longest gap without an update while clicks arrived: ${ms(longestGap)}`);
  line(
    `  closest two updates on arrival: ${ms(closest)} (${tooClose.length} of ${Math.max(0, updates.length - 1)} intervals under ${LEAST_SPACING_MS} ms); ${rate.toFixed(2)} updates/s from the first to the final one`,
  );
  line(
    `  exact final counts (${exact}) reached the fake Slack ${ms(finalDelay)} after the last click (seen in its stored message ${ms(shownAt - lastClick)} after it)`,
  );
  return {
    acked: statuses.get(200) ?? 0,
    ackP99: percentile(ackMs, 99),
    spanS: (lastClick - firstClick) / 1000,
    exact: inDatabase === CLICKS && shownAtEnd?.optedIn === CLICKS,
    counted: inDatabase,
    updates: updates.length,
    closest,
    rate,
    longestGap,
    finalDelay,
    answers: answers(statuses),
  };
}

export /** Opt-ins on a request in Boost's SQLite file, read by this process. */
function countInSqlite(boost: BoostChild) {
  return async (requestId: number) => {
    const sqlite = new Database(join(boost.dir, 'boost.sqlite'), { readonly: true });
    try {
      const row = sqlite.prepare('select count(*) as n from participations where request_id = ?').get(requestId);
      return (row as { n: number }).n;
    } finally {
      sqlite.close();
    }
  };
}

/** Every click acknowledged and counted, about one update a second, the exact final state within the target. */
export function targetsMet(figures: BurstFigures): boolean {
  return (
    figures.acked === CLICKS &&
    figures.exact &&
    figures.finalDelay <= TARGET_FINAL_MS &&
    figures.rate <= MAX_RATE &&
    figures.longestGap <= 2000
  );
}
