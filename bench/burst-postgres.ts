import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { PreparedRequest } from './lib/http-client.ts';
import { answers, timeOpenLoop, timeRequestsAnyStatus } from './lib/http-client.ts';
import { queryNumber, startBenchPostgres } from './lib/postgres.ts';
import { line, loadLine, summary, verdict } from './lib/report.ts';
import {
  type BoostChild,
  countsShown,
  createRequest,
  type FakeSlackChild,
  optInClicks,
  type PostedRequest,
  settle,
  sleep,
  startBoostChild,
  startFakeSlack,
  userId,
  waitUntil,
} from './lib/slack.ts';
import { ms, percentile } from './lib/stats.ts';
import { updatePace } from './lib/updates.ts';
import type { CallSummary } from './servers/fake-slack.ts';

// 8. The burst of benchmark 2 over two instances: two Boost processes on one PostgreSQL database, behind an imagined
// load balancer that sends every other click to the other one, against one fake Slack. Slack allows about one
// chat.update per second per message whichever instance sends it, so the pacing must hold across both, and every
// click must be counted once, the last update showing the exact final counts. Figures are reported whatever they are.
// The baseline, in the same run and against the same fake Slack: the same burst on one Boost on SQLite.

const CLICKS = 1000;
const SPREAD_MS = 2000;
const TARGET_FINAL_MS = 2000;
/** "About one update per second". */
const MAX_RATE = 1.2;
/** Updates arriving closer than this (on the fake's clock) are two instances' updates crossing, not one pace. */
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

interface BurstFigures {
  acked: number;
  ackP99: number;
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
async function burst(
  label: string,
  instances: readonly BoostChild[],
  fake: FakeSlackChild,
  counted: (requestId: number) => Promise<number>,
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

  const { dueAt, latencies: ackMs, statuses } = await timeOpenLoop(clicks, SPREAD_MS / CLICKS, 200);
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

/** Opt-ins on a request in Boost's SQLite file, read by this process. */
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

loadLine('at the start');
const postgres = await startBenchPostgres();
const fake = await startFakeSlack();
const instances: BoostChild[] = [];
try {
  const onSqlite = await startBoostChild(fake.info.apiUrl);
  instances.push(onSqlite);
  const baseline = await burst('one Boost on SQLite (baseline)', [onSqlite], fake, countInSqlite(onSqlite));
  await onSqlite.stop();
  instances.length = 0;

  const databaseUrl = await postgres.freshDatabase();
  // One after the other, as a deploy starts them: the first migrates, the second finds nothing left to do.
  for (let i = 0; i < 2; i++) instances.push(await startBoostChild(fake.info.apiUrl, { DATABASE_URL: databaseUrl }));
  // An instance that dies under the burst is a figure too: say so instead of stopping the benchmark.
  const deaths: string[] = [];
  for (const [i, boost] of instances.entries()) {
    boost.process.once('exit', (code, signal) => deaths.push(`instance ${i + 1} exited (${signal ?? code})`));
  }
  const figures = await burst('two Boosts on one PostgreSQL', instances, fake, (requestId) =>
    queryNumber(databaseUrl, 'select count(*) from participations where request_id = $1', [requestId]),
  );
  for (const death of deaths) line(`  WARNING: ${death}`);
  loadLine('at the end');
  const described = (f: BurstFigures) =>
    `${f.counted} counted (${f.exact ? 'exact' : 'NOT exact'}), ${f.updates} chat.update (${f.rate.toFixed(2)}/s, closest ${ms(f.closest)}), longest gap ${ms(f.longestGap)}, exact final state ${ms(f.finalDelay)} after the last click, ack p99 ${ms(f.ackP99)}, answers ${f.answers}`;
  summary(
    'burst over 2 instances on PostgreSQL',
    `${described(figures)}${deaths.length > 0 ? `; ${deaths.join(', ')}` : ''}; baseline, one Boost on SQLite: ${described(baseline)} (targets exact, ~1 update/s, final <= ${TARGET_FINAL_MS} ms)`,
    verdict(
      figures.acked === CLICKS &&
        figures.exact &&
        figures.finalDelay <= TARGET_FINAL_MS &&
        figures.rate <= MAX_RATE &&
        figures.longestGap <= 2000,
    ),
  );
} finally {
  await Promise.all(instances.map((boost) => boost.stop()));
  await fake.stop();
  postgres.stop();
}
