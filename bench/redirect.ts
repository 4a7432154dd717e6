import type { AppStats } from './lib/app-stats.ts';
import { timeRequests } from './lib/http-client.ts';
import { startChild } from './lib/processes.ts';
import { type RawGet, rawGet, timeRawGets, timeRawGetsPaced } from './lib/raw-http.ts';
import { line, summary, verdict } from './lib/report.ts';
import {
  type AppChild,
  createRequest,
  optInClicks,
  settle,
  startBoostChild,
  startFakeSlack,
  userId,
} from './lib/slack.ts';
import { median, ms, percentile, ratio } from './lib/stats.ts';

// 4. Redirect: GET /r/<token> (a helper's personal tracked link) at 100 concurrent clients, each answered with a 302 and
// counted, against a bare node:http server answering 302 in the same run, interleaved in rounds. The GETs go through
// the lean raw-socket client (lib/raw-http.ts) for both servers: node:http's client costs as much CPU as the servers.

const ROUNDS = 4;
const PER_ROUND = 5000;
const WARMUP = 2000;
const CONCURRENCY = 100;
const HELPERS = 100;
const TARGET_P99_MS = 10;
/** The paced run: people clicking links at this rate over 100 connections, each request timed from when it was due. */
const PACED_RATE = 1000;
const PACED_COUNT = 5000;
const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

const fake = await startFakeSlack();
const boost = await startBoostChild(fake.info.apiUrl);
const bare = await startChild<{ port: number; url: string }>('servers/bare-http.ts');
try {
  // Tracked links exist once people opt in: the private reply carries each helper's personal link.
  const request = await createRequest(boost, fake, {
    requester: 'UBREQUESTER',
    channel: 'CBENCH0002',
    url: 'https://example.com/launch',
  });
  const from = await fake.call<number>('callCount');
  const helpers = Array.from({ length: HELPERS }, (_, i) => userId(9_000_000 + i));
  await timeRequests(optInClicks(boost.info.url, fake.info.url, request, helpers), 10);
  await settle(boost, fake, from, HELPERS);
  const tokens = await fake.call<string[]>('findInArgs', from, 'response_url', '/r/([A-Za-z0-9_-]{24})');
  if (tokens.length === 0) throw new Error('no tracked link in the private replies (is PUBLIC_BASE_URL set?)');

  const links = (app: AppChild): RawGet[] =>
    tokens.map((token) => rawGet(`${app.info.url}/r/${token}`, { 'user-agent': BROWSER, accept: 'text/html' }));
  const linksOf = { boost: links(boost), bare: links(bare) };
  const gets = (which: 'boost' | 'bare', count: number): RawGet[] =>
    Array.from({ length: count }, (_, i) => linksOf[which][i % tokens.length] as RawGet);
  const clicksBefore = await boost.call<number>('linkClicks');
  await timeRawGets(gets('boost', WARMUP), CONCURRENCY, 302);
  await timeRawGets(gets('bare', WARMUP), CONCURRENCY, 302);

  line(
    `redirect: ${ROUNDS} rounds of ${PER_ROUND} GET /r/<token> (${tokens.length} links) at ${CONCURRENCY} concurrent`,
  );
  line('round  first   boost p50   boost p99   node p50    node p99    p99 ratio');
  const all = { boost: [] as number[], bare: [] as number[] };
  const ratios: number[] = [];
  // CPU time over the rounds, of each server and of the load generator while it measured that server: it depends less
  // than latency on what else the machine is doing.
  const serverCpuMs = { boost: 0, bare: 0 };
  const clientCpuMs = { boost: 0, bare: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const boostFirst = round % 2 === 0;
    const measured = { boost: [] as number[], bare: [] as number[] };
    for (const which of boostFirst ? (['boost', 'bare'] as const) : (['bare', 'boost'] as const)) {
      const server = which === 'boost' ? boost : bare;
      await server.call('stats');
      const clientCpu = process.cpuUsage();
      measured[which] = await timeRawGets(gets(which, PER_ROUND), CONCURRENCY, 302);
      const client = process.cpuUsage(clientCpu);
      clientCpuMs[which] += (client.user + client.system) / 1000;
      serverCpuMs[which] += (await server.call<AppStats>('stats')).cpuMs;
      all[which].push(...measured[which]);
    }
    const r = percentile(measured.boost, 99) / percentile(measured.bare, 99);
    ratios.push(r);
    line(
      `${String(round + 1).padEnd(7)}${(boostFirst ? 'boost' : 'node').padEnd(8)}` +
        [50, 99, 50, 99].map((p, i) => ms(percentile(i < 2 ? measured.boost : measured.bare, p)).padEnd(12)).join('') +
        ratio(r),
    );
  }
  // Saturated, each answer waits behind up to 99 others, so p99 is mostly queueing (the bare server shows the floor).
  // Paced below saturation, latency is the time to answer one link.
  const paced = { boost: [] as number[], bare: [] as number[] };
  for (const which of ['bare', 'boost'] as const) {
    const result = await timeRawGetsPaced(gets(which, PACED_COUNT), 1000 / PACED_RATE, CONCURRENCY);
    if (result.statuses.get(302) !== PACED_COUNT) throw new Error(`paced ${which}: ${[...result.statuses]}`);
    paced[which] = result.latencies;
  }
  line(
    `paced at ${PACED_RATE}/s over ${CONCURRENCY} connections (${PACED_COUNT} each): boost p50 ${ms(percentile(paced.boost, 50))} p99 ${ms(percentile(paced.boost, 99))}, node p50 ${ms(percentile(paced.bare, 50))} p99 ${ms(percentile(paced.bare, 99))}`,
  );
  const counted = (await boost.call<number>('linkClicks')) - clicksBefore;
  const expected = WARMUP + ROUNDS * PER_ROUND + PACED_COUNT;
  line(
    `clicks counted: ${counted} of ${expected}${counted === expected ? '' : ' (WARNING: some clicks were not counted)'}`,
  );
  const p99 = percentile(all.boost, 99);
  line(`all rounds: boost p50 ${ms(percentile(all.boost, 50))} p99 ${ms(p99)}`);
  line(`            node  p50 ${ms(percentile(all.bare, 50))} p99 ${ms(percentile(all.bare, 99))}`);
  line(`median of the rounds' p99 ratios: ${ratio(median(ratios))}`);
  const perRequest = (cpuMs: number) => `${((cpuMs * 1000) / (ROUNDS * PER_ROUND)).toFixed(0)} µs`;
  line(
    `cpu per request: boost ${perRequest(serverCpuMs.boost)}, node ${perRequest(serverCpuMs.bare)}; load generator ${perRequest(clientCpuMs.boost)} against boost, ${perRequest(clientCpuMs.bare)} against node`,
  );
  summary(
    'redirect',
    `at ${CONCURRENCY} concurrent: boost p50 ${ms(percentile(all.boost, 50))} p99 ${ms(p99)}, bare node:http p50 ${ms(percentile(all.bare, 50))} p99 ${ms(percentile(all.bare, 99))}, p99 ratio ${ratio(median(ratios))}; paced ${PACED_RATE}/s: boost p99 ${ms(percentile(paced.boost, 99))}, node p99 ${ms(percentile(paced.bare, 99))} (target p99 < ${TARGET_P99_MS} ms at ${CONCURRENCY} concurrent)`,
    verdict(p99 < TARGET_P99_MS),
  );
} finally {
  await Promise.all([boost.stop(), bare.stop()]);
  await fake.stop();
}
