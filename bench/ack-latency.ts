import { performance } from 'node:perf_hooks';
import type { AppStats } from './lib/app-stats.ts';
import { timeOpenLoop, timeRequests } from './lib/http-client.ts';
import { line, summary, verdict } from './lib/report.ts';
import {
  type AppChild,
  createRequest,
  optInClicks,
  settle,
  sleep,
  startBareBolt,
  startBoostChild,
  startFakeSlack,
  userId,
} from './lib/slack.ts';
import { median, ms, percentile, ratio } from './lib/stats.ts';
import type { CallSummary } from './servers/fake-slack.ts';

// 1. Ack latency: signed "I'm in" clicks from distinct people at fixed concurrency, against Boost and against a bare
// Bolt app that only acks, interleaved in rounds against the same fake Slack. Slack drops an interaction that is not
// acknowledged within 3 s; what matters here is what Boost adds to Bolt's own cost.
//
// At 50 concurrent the server is saturated, so an ack waits behind every other click's work: latency then measures the
// CPU each click costs in total (including the private reply sent after the ack). Two more figures help read it: the
// CPU each app spends per click (its own process, measured by itself), and the latency of isolated clicks.

const TOTAL = Number(process.env.BENCH_ACK_CLICKS ?? 2500);
const ROUNDS = 5;
const CONCURRENCY = 50;
const WARMUP = 1000;
/** Isolated clicks: this many, one every ISOLATED_GAP_MS. */
const ONE_AT_A_TIME = 100;
const ISOLATED_GAP_MS = 100;
const TARGET_RATIO = 1.1;
const PER_ROUND = Math.ceil(TOTAL / ROUNDS);

type Which = 'boost' | 'bare';
const LABEL: Record<Which, string> = { boost: 'boost', bare: 'bolt' };
const wallClock = () => performance.timeOrigin + performance.now();

const fake = await startFakeSlack();
const [boost, bare] = await Promise.all([startBoostChild(fake.info.apiUrl), startBareBolt(fake.info.apiUrl)]);
const apps: Record<Which, AppChild> = { boost, bare };
try {
  const request = await createRequest(boost, fake, {
    requester: 'UBREQUESTER',
    channel: 'CBENCH0001',
    url: 'https://example.com/launch',
  });

  // Both apps get the very same clicks (the same people on the same message); Boost records each one. Returns the
  // latencies and the app's CPU time per click, its work after the ack included.
  // With BENCH_PROFILE, the last round is also profiled in each app (steady state, start-up left out).
  const run = async (which: Which, users: string[], profile = false) => {
    const app = apps[which];
    const from = await fake.call<number>('callCount');
    await app.call('stats');
    if (profile) await app.call('profileStart');
    const latencies = await timeRequests(optInClicks(app.info.url, fake.info.url, request, users), CONCURRENCY);
    const lastAck = wallClock();
    // Boost answers each click privately and updates the message after its ack; that tail must not spill into the
    // next measurement, so wait for it (the bare app does no such work). How long after the last ack the last private
    // reply reached Slack shows what putting acks first costs the replies.
    let lastReplyAfterMs = Number.NaN;
    if (which === 'boost') {
      await settle(boost, fake, from, users.length);
      const replies = await fake.call<CallSummary[]>('calls', from, 'response_url');
      lastReplyAfterMs = Math.max(...replies.map((call) => call.at)) - lastAck;
    }
    if (profile) line(`  profile: ${await app.call<string>('profileStop', `ack-${which}`)}`);
    const { cpuMs } = await app.call<AppStats>('stats');
    if (which === 'bare') await sleep(200);
    return { latencies, cpuPerClick: cpuMs / users.length, lastReplyAfterMs };
  };

  const warmupUsers = Array.from({ length: WARMUP }, (_, i) => userId(1_000_000 + i));
  await run('boost', warmupUsers);
  await run('bare', warmupUsers);

  const all: Record<Which, number[]> = { boost: [], bare: [] };
  const cpu: Record<Which, number[]> = { boost: [], bare: [] };
  const ratios: number[] = [];
  const replyTails: number[] = [];
  line(
    `ack latency: ${ROUNDS} rounds of ${PER_ROUND} clicks at ${CONCURRENCY} concurrent (after ${WARMUP} warm-up each)`,
  );
  line('round  first  boost p50   boost p99   bolt p50    bolt p99    p99 ratio  CPU/click boost, bolt');
  for (let round = 0; round < ROUNDS; round++) {
    const users = Array.from({ length: PER_ROUND }, (_, i) => userId(round * PER_ROUND + i));
    const order: Which[] = round % 2 === 0 ? ['boost', 'bare'] : ['bare', 'boost'];
    const measured: Record<Which, number[]> = { boost: [], bare: [] };
    for (const which of order) {
      const result = await run(which, users, Boolean(process.env.BENCH_PROFILE) && round === ROUNDS - 1);
      measured[which] = result.latencies;
      all[which].push(...result.latencies);
      cpu[which].push(result.cpuPerClick);
      if (which === 'boost') replyTails.push(result.lastReplyAfterMs);
    }
    const r = percentile(measured.boost, 99) / percentile(measured.bare, 99);
    ratios.push(r);
    line(
      `${String(round + 1).padEnd(7)}${LABEL[order[0] as Which].padEnd(7)}` +
        [50, 99, 50, 99].map((p, i) => ms(percentile(i < 2 ? measured.boost : measured.bare, p)).padEnd(12)).join('') +
        ratio(r).padEnd(11) +
        `${ms(cpu.boost.at(-1) ?? Number.NaN)}, ${ms(cpu.bare.at(-1) ?? Number.NaN)}`,
    );
  }

  // One click every 100 ms: no queue, and each click's work after its ack is done before the next arrives, so this is
  // the path to the ack itself (parse, verify, record, ack).
  const single: Record<Which, number[]> = { boost: [], bare: [] };
  for (const which of ['boost', 'bare'] as const) {
    const from = await fake.call<number>('callCount');
    const users = Array.from({ length: ONE_AT_A_TIME }, (_, i) => userId(2_000_000 + i));
    single[which] = (
      await timeOpenLoop(optInClicks(apps[which].info.url, fake.info.url, request, users), ISOLATED_GAP_MS, 1)
    ).latencies;
    if (which === 'boost') await settle(boost, fake, from, users.length);
  }

  const message = await fake.call<{ text?: string }>('message', request.channel, request.ts);
  // The channel message is in the workspace's language (English here), its numbers formatted for it.
  const expected = `${new Intl.NumberFormat('en').format(WARMUP + ROUNDS * PER_ROUND + ONE_AT_A_TIME)} in`;
  line(`message after the run: "${message.text?.match(/\(.*\)$/)?.[0] ?? message.text}" (expected ${expected})`);
  if (!message.text?.includes(expected)) line('WARNING: the message does not show every opt-in');

  const medianRatio = median(ratios);
  const cpuRatio = median(cpu.boost) / median(cpu.bare);
  line(`all rounds: boost p50 ${ms(percentile(all.boost, 50))}, p99 ${ms(percentile(all.boost, 99))}`);
  line(`            bolt  p50 ${ms(percentile(all.bare, 50))}, p99 ${ms(percentile(all.bare, 99))}`);
  line(`median of the rounds' p99 ratios: ${ratio(medianRatio)} (target <= ${TARGET_RATIO.toFixed(2)})`);
  line(
    `CPU per click (median of rounds): boost ${ms(median(cpu.boost))}, bolt ${ms(median(cpu.bare))}, ratio ${ratio(cpuRatio)}`,
  );
  line(
    `private replies (sent after the acks, while no click arrives): the last one of a round reached Slack ${ms(median(replyTails))} after the round's last ack (median of rounds)`,
  );
  line(
    `one click every ${ISOLATED_GAP_MS} ms (${ONE_AT_A_TIME} each): boost p50 ${ms(percentile(single.boost, 50))} p99 ${ms(percentile(single.boost, 99))}, bolt p50 ${ms(percentile(single.bare, 50))} p99 ${ms(percentile(single.bare, 99))}, p50 ratio ${ratio(percentile(single.boost, 50) / percentile(single.bare, 50))}`,
  );
  summary(
    'ack latency',
    `boost p50 ${ms(percentile(all.boost, 50))} p99 ${ms(percentile(all.boost, 99))}, bare bolt p50 ${ms(percentile(all.bare, 50))} p99 ${ms(percentile(all.bare, 99))}, p99 ratio ${ratio(medianRatio)} (median of ${ROUNDS} rounds; target <= ${TARGET_RATIO.toFixed(2)}); CPU/click ratio ${ratio(cpuRatio)}`,
    verdict(medianRatio <= TARGET_RATIO),
  );
} finally {
  await Promise.all([boost.stop(), bare.stop()]);
  await fake.stop();
}
