import { timeRequests } from './lib/http-client.ts';
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

// 1. Ack latency: signed "I'm in" clicks from distinct people at fixed concurrency, against Boost and against a bare
// Bolt app that only acks, interleaved in rounds against the same fake Slack. Slack drops an interaction that is not
// acknowledged within 3 s; what matters here is what Boost adds to Bolt's own cost.

const TOTAL = Number(process.env.BENCH_ACK_CLICKS ?? 2500);
const ROUNDS = 5;
const CONCURRENCY = 50;
const WARMUP = 1000;
const TARGET_RATIO = 1.1;
const PER_ROUND = Math.ceil(TOTAL / ROUNDS);

const fake = await startFakeSlack();
const [boost, bare] = await Promise.all([startBoostChild(fake.info.apiUrl), startBareBolt(fake.info.apiUrl)]);
try {
  const request = await createRequest(boost, fake, {
    requester: 'UBREQUESTER',
    channel: 'CBENCH0001',
    url: 'https://example.com/launch',
  });
  // Both apps get the very same clicks (the same people on the same message); Boost records each one.
  const run = async (app: AppChild, users: string[]) => {
    const from = await fake.call<number>('callCount');
    const latencies = await timeRequests(optInClicks(app.info.url, fake.info.url, request, users), CONCURRENCY);
    // Boost answers each click privately and updates the message after its ack; that tail must not spill into the
    // next measurement, so wait for it (the bare app does no such work).
    if (app === boost) await settle(boost, fake, from, users.length);
    else await sleep(200);
    return latencies;
  };

  const warmupUsers = Array.from({ length: WARMUP }, (_, i) => userId(1_000_000 + i));
  await run(boost, warmupUsers);
  await run(bare, warmupUsers);

  const all = { boost: [] as number[], bare: [] as number[] };
  const ratios: number[] = [];
  line(`ack latency: ${ROUNDS} rounds of ${PER_ROUND} clicks at ${CONCURRENCY} concurrent (after ${WARMUP} warm-up)`);
  line('round  first   boost p50   boost p99   bolt p50    bolt p99    p99 ratio');
  for (let round = 0; round < ROUNDS; round++) {
    const users = Array.from({ length: PER_ROUND }, (_, i) => userId(round * PER_ROUND + i));
    const boostFirst = round % 2 === 0;
    const measured: Record<'boost' | 'bare', number[]> = { boost: [], bare: [] };
    for (const which of boostFirst ? (['boost', 'bare'] as const) : (['bare', 'boost'] as const)) {
      measured[which] = await run(which === 'boost' ? boost : bare, users);
      all[which].push(...measured[which]);
    }
    const r = percentile(measured.boost, 99) / percentile(measured.bare, 99);
    ratios.push(r);
    line(
      `${String(round + 1).padEnd(7)}${(boostFirst ? 'boost' : 'bolt').padEnd(8)}` +
        [
          percentile(measured.boost, 50),
          percentile(measured.boost, 99),
          percentile(measured.bare, 50),
          percentile(measured.bare, 99),
        ]
          .map((x) => ms(x).padEnd(12))
          .join('') +
        ratio(r),
    );
  }

  const message = await fake.call<{ text?: string }>('message', request.channel, request.ts);
  const expected = `${WARMUP + ROUNDS * PER_ROUND} in`;
  line(`message after the run: "${message.text?.match(/\(.*\)$/)?.[0] ?? message.text}" (expected ${expected})`);
  if (!message.text?.includes(expected)) line('WARNING: the message does not show every opt-in');

  const medianRatio = median(ratios);
  line(`all rounds: boost p50 ${ms(percentile(all.boost, 50))}, p99 ${ms(percentile(all.boost, 99))}`);
  line(`            bolt  p50 ${ms(percentile(all.bare, 50))}, p99 ${ms(percentile(all.bare, 99))}`);
  line(`median of the rounds' p99 ratios: ${ratio(medianRatio)} (target <= ${TARGET_RATIO.toFixed(2)})`);
  summary(
    'ack latency',
    `boost p50 ${ms(percentile(all.boost, 50))} p99 ${ms(percentile(all.boost, 99))}, bare bolt p50 ${ms(percentile(all.bare, 50))} p99 ${ms(percentile(all.bare, 99))}, p99 ratio ${ratio(medianRatio)} (median of ${ROUNDS} rounds; target <= ${TARGET_RATIO.toFixed(2)})`,
    verdict(medianRatio <= TARGET_RATIO),
  );
} finally {
  await Promise.all([boost.stop(), bare.stop()]);
  await fake.stop();
}
