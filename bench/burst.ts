import { performance } from 'node:perf_hooks';
import { keepAliveAgent, send, timeRequests } from './lib/http-client.ts';
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
import type { CallSummary } from './servers/fake-slack.ts';

// 2. Burst: a popular request gets 1,000 clicks within about two seconds. Slack allows about one chat.update per
// second per message, so Boost coalesces: the message must stay current (about one update a second while clicks come
// in) and show the exact final counts soon after the last click. Clicks are sent open-loop, on a fixed schedule,
// whatever the answers, as people would.

const CLICKS = 1000;
const SPREAD_MS = 2000;
const TARGET_FINAL_MS = 2000;
/** "About one update per second": no two updates closer than this. */
const MIN_INTERVAL_MS = 900;

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

  // Open loop: click i leaves at start + i * SPREAD_MS / CLICKS, however slowly earlier ones are answered.
  const agent = keepAliveAgent(200);
  const sentAt = new Array<number>(CLICKS);
  const ackMs = new Array<number>(CLICKS);
  const statuses = new Map<number, number>();
  const start = now() + 20;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < CLICKS; i++) {
    const due = start + (i * SPREAD_MS) / CLICKS;
    const wait = due - now();
    if (wait > 1) await sleep(wait);
    sentAt[i] = now();
    inFlight.push(
      send(agent, clicks[i] as (typeof clicks)[number]).then(({ status, latencyMs }) => {
        ackMs[i] = latencyMs;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
    );
  }
  const firstClick = sentAt[0] as number;
  const lastClick = sentAt[CLICKS - 1] as number;
  await Promise.all(inFlight);
  const lastAck = Math.max(...sentAt.map((at, i) => at + (ackMs[i] as number)));
  agent.destroy();

  // The exact final counts, as the fake Slack stores the message.
  const exact = `${CLICKS} in, 0 shared`;
  const shownAt = await waitUntil(
    'the message to show the final counts',
    async () => {
      const message = await fake.call<{ text?: string }>('message', request.channel, request.ts);
      return message.text?.includes(exact) ? now() : undefined;
    },
    15_000,
  );
  await settle(boost, fake, from, CLICKS);
  const updates = (await fake.call<CallSummary[]>('calls', from, 'chat.update')).filter(
    (call) => call.ts === request.ts && call.ok,
  );
  const finalUpdate = updates.find((call) => countsShown(call.text)?.optedIn === CLICKS);

  // The longest time without an update while clicks were arriving (from the first click to the last).
  const during = updates.map((call) => call.at).filter((at) => at >= firstClick && at <= lastClick);
  const marks = [firstClick, ...during, lastClick];
  let longestGap = 0;
  for (let i = 1; i < marks.length; i++)
    longestGap = Math.max(longestGap, (marks[i] as number) - (marks[i - 1] as number));
  let closest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < updates.length; i++) {
    closest = Math.min(closest, (updates[i] as CallSummary).at - (updates[i - 1] as CallSummary).at);
  }
  const finalDelay = (finalUpdate?.at ?? shownAt) - lastClick;
  const spanS = (lastClick - firstClick) / 1000;

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
  line(`  closest two updates: ${ms(closest)}`);
  line(
    `  exact final counts (${exact}) sent ${ms(finalDelay)} after the last click, seen in the stored message ${ms(shownAt - lastClick)} after it`,
  );
  summary(
    'burst',
    `${CLICKS} clicks in ${spanS.toFixed(1)} s -> ${updates.length} chat.update, longest gap ${ms(longestGap)}, closest ${ms(closest)}, exact final state ${ms(finalDelay)} after the last click (targets ~1 update/s, final <= ${TARGET_FINAL_MS} ms)`,
    verdict(
      statuses.get(200) === CLICKS && finalDelay <= TARGET_FINAL_MS && closest >= MIN_INTERVAL_MS && longestGap <= 2000,
    ),
  );
} finally {
  await boost.stop();
  await fake.stop();
}
