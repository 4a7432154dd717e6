import { performance } from 'node:perf_hooks';
import { timeOpenLoop, timeRequests } from './lib/http-client.ts';
import { line, summary, verdict } from './lib/report.ts';
import {
  countsShown,
  createRequest,
  optInClicks,
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

// 2. Burst: a popular request gets 1,000 clicks within about two seconds. Slack allows about one chat.update per
// second per message, so Boost coalesces: the message must stay current (about one update a second while clicks come
// in) and show the exact final counts soon after the last click. Clicks are sent open-loop, on a fixed schedule,
// whatever the answers, as people would.

const CLICKS = 1000;
const SPREAD_MS = 2000;
const TARGET_FINAL_MS = 2000;
/** "About one update per second". */
const MAX_RATE = 1.2;

const now = () => performance.timeOrigin + performance.now();

const fake = await startFakeSlack();
const boost = await startBoostChild(fake.info.apiUrl);
try {
  // Warm up on another request, so the burst meets a process that has run this code before.
  const warm = await createRequest(boost, fake, {
    requester: 'UBWARM',
    channel: 'CBENCH0003',
    url: 'https://example.com/a',
  });
  const warmFrom = await fake.call<number>('callCount');
  const warmUsers = Array.from({ length: 500 }, (_, i) => userId(8_000_000 + i));
  await timeRequests(optInClicks(boost.info.url, fake.info.url, warm, warmUsers), 20);
  await settle(boost, fake, warmFrom, warmUsers.length);

  const request = await createRequest(boost, fake, {
    requester: 'UBREQUESTER',
    channel: 'CBENCH0004',
    url: 'https://example.com/popular',
  });
  const users = Array.from({ length: CLICKS }, (_, i) => userId(7_000_000 + i));
  const clicks = optInClicks(boost.info.url, fake.info.url, request, users);
  const from = await fake.call<number>('callCount');
  await sleep(1500); // past the updater's interval for the new message's first post

  // Open loop: click i is due at start + i * SPREAD_MS / CLICKS, however slowly earlier ones are answered.
  if (process.env.BENCH_PROFILE) await boost.call('profileStart');
  const { dueAt, latencies: ackMs, statuses } = await timeOpenLoop(clicks, SPREAD_MS / CLICKS, 200);
  const firstClick = dueAt[0] as number;
  const lastClick = dueAt[CLICKS - 1] as number;
  const lastAck = Math.max(...dueAt.map((at, i) => at + (ackMs[i] as number)));

  // The exact final counts, as the fake Slack stores the message.
  // As the workspace's language (English here) writes the numbers.
  const exact = `${CLICKS.toLocaleString('en-US')} in, 0 shared`;
  const shownAt = await waitUntil(
    'the message to show the final counts',
    async () => {
      const message = await fake.call<{ text?: string }>('message', request.channel, request.ts);
      return message.text?.includes(exact) ? now() : undefined;
    },
    15_000,
  );
  await settle(boost, fake, from, CLICKS);
  if (process.env.BENCH_PROFILE) line(`  profile: ${await boost.call<string>('profileStop', 'burst-boost')}`);
  const updates = (await fake.call<CallSummary[]>('calls', from, 'chat.update')).filter(
    (call) => call.ts === request.ts && call.ok,
  );
  const finalUpdate = updates.find((call) => countsShown(call.text)?.optedIn === CLICKS);

  const finalDelay = (finalUpdate?.at ?? shownAt) - lastClick;
  const spanS = (lastClick - firstClick) / 1000;
  const { longestGap, closest, rate } = updatePace(updates, firstClick, lastClick, finalUpdate?.at ?? shownAt);

  line(
    `burst: ${CLICKS} clicks sent over ${ms(lastClick - firstClick)} (open loop), answers ${[...statuses]
      .map(([status, n]) => `${n} x ${status}`)
      .join(', ')}`,
  );
  line(
    `  acks during the burst: p50 ${ms(percentile(ackMs, 50))}, p99 ${ms(percentile(ackMs, 99))}, last answered ${ms(lastAck - lastClick)} after the last click`,
  );
  line(`  chat.update calls on the message: ${updates.length} (clicks arrived for ${spanS.toFixed(1)} s)`);
  for (const call of updates) {
    const shown = countsShown(call.text);
    line(`    +${ms(call.at - firstClick).padStart(8)}  ${shown ? `${shown.optedIn} in` : call.text}`);
  }
  line(`  longest gap without an update while clicks arrived: ${ms(longestGap)}`);
  // Boost starts updates at least a second apart; arrival times at the fake also carry the transport's jitter.
  line(
    `  closest two updates on arrival: ${ms(closest)}; ${rate.toFixed(2)} updates/s from the first to the final one`,
  );
  line(
    `  exact final counts (${exact}) reached the fake Slack ${ms(finalDelay)} after the last click (seen in its stored message ${ms(shownAt - lastClick)} after it)`,
  );
  summary(
    'burst',
    `${CLICKS} clicks in ${spanS.toFixed(1)} s -> ${updates.length} chat.update (${rate.toFixed(2)}/s), longest gap ${ms(longestGap)}, exact final state ${ms(finalDelay)} after the last click; ack p99 ${ms(percentile(ackMs, 99))} (targets ~1 update/s, final <= ${TARGET_FINAL_MS} ms)`,
    verdict(statuses.get(200) === CLICKS && finalDelay <= TARGET_FINAL_MS && rate <= MAX_RATE && longestGap <= 2000),
  );
} finally {
  await boost.stop();
  await fake.stop();
}
