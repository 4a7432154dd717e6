import { answers, timeRequestsAnyStatus } from './lib/http-client.ts';
import { databaseActivity, resetActivity, startBenchPostgres } from './lib/postgres.ts';
import { line, loadLine, summary, verdict } from './lib/report.ts';
import {
  type BoostChild,
  createRequest,
  optInClicks,
  type PostedRequest,
  settle,
  startBoostChild,
  startFakeSlack,
  userId,
} from './lib/slack.ts';
import { median, ms, percentile, ratio } from './lib/stats.ts';

// 7. The ack on PostgreSQL against the ack on SQLite: the same signed "I'm in" clicks at 50 concurrent against two
// Boosts side by side, one on a SQLite file, one on a database of a throwaway PostgreSQL server on 127.0.0.1. Rounds
// alternate which goes first, against the same fake Slack, so that both see the same machine. On SQLite a click's
// database work is in Boost's process; on PostgreSQL it is split between Boost (the driver, the round trips) and the
// server's processes, so the CPU of both is reported.

const TOTAL = Number(process.env.BENCH_PG_ACK_CLICKS ?? 2500);
const ROUNDS = 5;
const CONCURRENCY = 50;
const WARMUP = 1000;
const TARGET_RATIO = 1.5;
const PER_ROUND = Math.ceil(TOTAL / ROUNDS);
/** DATABASE_POOL_SIZE of the PostgreSQL Boost; Boost's default (10) unless BENCH_PG_POOL_SIZE says otherwise. */
const POOL_SIZE = process.env.BENCH_PG_POOL_SIZE;

type Database = 'sqlite' | 'postgres';

loadLine('at the start');
const postgres = await startBenchPostgres();
const fake = await startFakeSlack();
const apps: Partial<Record<Database, BoostChild>> = {};
try {
  const databaseUrl = await postgres.freshDatabase();
  apps.sqlite = await startBoostChild(fake.info.apiUrl);
  apps.postgres = await startBoostChild(fake.info.apiUrl, {
    DATABASE_URL: databaseUrl,
    ...(POOL_SIZE ? { DATABASE_POOL_SIZE: POOL_SIZE } : {}),
  });
  const requests = {} as Record<Database, PostedRequest>;
  for (const database of ['sqlite', 'postgres'] as const) {
    requests[database] = await createRequest(apps[database] as BoostChild, fake, {
      requester: 'UBREQUESTER',
      channel: 'CBENCH0001',
      url: 'https://example.com/launch',
    });
  }

  const failures: Record<Database, string[]> = { sqlite: [], postgres: [] };
  // Returns the latencies, Boost's CPU per click (its work after the ack included) and, on PostgreSQL, the server's.
  const run = async (database: Database, users: string[]) => {
    const app = apps[database] as BoostChild;
    const from = await fake.call<number>('callCount');
    await app.call('stats');
    postgres.cpuMs();
    const { latencies, statuses } = await timeRequestsAnyStatus(
      optInClicks(app.info.url, fake.info.url, requests[database], users),
      CONCURRENCY,
    );
    // A click not acknowledged within Slack's 3 s gets Bolt's 404: a failure to report, and one reply fewer to wait for.
    const acked = statuses.get(200) ?? 0;
    if (acked < users.length) failures[database].push(`${answers(statuses)}`);
    await settle(app, fake, from, acked);
    const { cpuMs } = await app.call<{ cpuMs: number }>('stats');
    const serverCpuMs = postgres.cpuMs();
    return {
      latencies,
      cpuPerClick: cpuMs / users.length,
      serverCpuPerClick: database === 'postgres' ? serverCpuMs / users.length : 0,
    };
  };

  const warmup = Array.from({ length: WARMUP }, (_, i) => userId(5_000_000 + i));
  await run('sqlite', warmup);
  await run('postgres', warmup);

  const ratios: number[] = [];
  const cpu: Record<Database, number[]> = { sqlite: [], postgres: [] };
  const serverCpu: number[] = [];
  const all: Record<Database, number[]> = { sqlite: [], postgres: [] };
  await resetActivity(databaseUrl);
  const activityBefore = await databaseActivity(databaseUrl);
  line(
    `ack on PostgreSQL against SQLite: ${ROUNDS} rounds of ${PER_ROUND} clicks at ${CONCURRENCY} concurrent (after ${WARMUP} warm-up each), pool of ${POOL_SIZE ?? '10 (default)'} connections`,
  );
  line(
    'round  first     SQLite p50  SQLite p99  PG p50      PG p99      p99 ratio  CPU/click SQLite, PG (Boost + server)',
  );
  for (let round = 0; round < ROUNDS; round++) {
    const users = Array.from({ length: PER_ROUND }, (_, i) => userId(6_000_000 + round * PER_ROUND + i));
    const order: Database[] = round % 2 === 0 ? ['sqlite', 'postgres'] : ['postgres', 'sqlite'];
    const measured = {} as Record<Database, number[]>;
    for (const database of order) {
      const result = await run(database, users);
      measured[database] = result.latencies;
      all[database].push(...result.latencies);
      cpu[database].push(result.cpuPerClick);
      if (database === 'postgres') serverCpu.push(result.serverCpuPerClick);
    }
    const r = percentile(measured.postgres, 99) / percentile(measured.sqlite, 99);
    ratios.push(r);
    line(
      `${String(round + 1).padEnd(7)}${String(order[0]).padEnd(10)}` +
        [50, 99, 50, 99]
          .map((p, i) => ms(percentile(i < 2 ? measured.sqlite : measured.postgres, p)).padEnd(12))
          .join('') +
        ratio(r).padEnd(11) +
        `${ms(cpu.sqlite.at(-1) ?? Number.NaN)}, ${ms(cpu.postgres.at(-1) ?? Number.NaN)} + ${ms(serverCpu.at(-1) ?? Number.NaN)}`,
    );
  }
  const activityAfter = await databaseActivity(databaseUrl);
  const measuredClicks = ROUNDS * PER_ROUND;
  // Each reading adds one statement and one transaction of its own.
  const statements = (activityAfter.statements - activityBefore.statements - 3) / measuredClicks;
  const transactions = (activityAfter.transactions - activityBefore.transactions - 1) / measuredClicks;

  const medianRatio = median(ratios);
  const sqliteCpu = median(cpu.sqlite);
  const postgresCpu = median(cpu.postgres) + median(serverCpu);
  line(`all rounds: SQLite     p50 ${ms(percentile(all.sqlite, 50))}, p99 ${ms(percentile(all.sqlite, 99))}`);
  line(`            PostgreSQL p50 ${ms(percentile(all.postgres, 50))}, p99 ${ms(percentile(all.postgres, 99))}`);
  line(`median of the rounds' p99 ratios (PostgreSQL / SQLite): ${ratio(medianRatio)} (target <= ${TARGET_RATIO})`);
  line(
    `CPU per click (median of rounds): SQLite ${ms(sqliteCpu)}; PostgreSQL ${ms(median(cpu.postgres))} in Boost + ${ms(median(serverCpu))} in the server = ${ms(postgresCpu)} (${ratio(postgresCpu / sqliteCpu)})`,
  );
  line(
    `PostgreSQL work per click (replies and message updates included): ${statements.toFixed(1)} statements (round trips), ${transactions.toFixed(1)} transactions`,
  );
  for (const database of ['sqlite', 'postgres'] as const) {
    if (failures[database].length > 0)
      line(`WARNING: ${database} missed acks (warm-up included): ${failures[database].join('; ')}`);
  }
  line('  the most frequent, per measured click:');
  for (const { calls, query } of activityAfter.top) {
    line(
      `  ${(calls / measuredClicks).toFixed(2).padStart(6)}  ${query.length > 110 ? `${query.slice(0, 107)}...` : query}`,
    );
  }
  loadLine('at the end');
  summary(
    'ack on PostgreSQL',
    `PostgreSQL p50 ${ms(percentile(all.postgres, 50))} p99 ${ms(percentile(all.postgres, 99))}, SQLite p50 ${ms(percentile(all.sqlite, 50))} p99 ${ms(percentile(all.sqlite, 99))}, p99 ratio ${ratio(medianRatio)} (median of ${ROUNDS} rounds; target <= ${TARGET_RATIO.toFixed(2)}); CPU/click ${ms(postgresCpu)} (Boost + server) against ${ms(sqliteCpu)}, ${statements.toFixed(1)} statements/click${failures.postgres.length > 0 ? `; PostgreSQL missed acks: ${failures.postgres.join('; ')}` : ''}`,
    verdict(medianRatio <= TARGET_RATIO && failures.postgres.length === 0),
  );
} finally {
  await Promise.all(Object.values(apps).map((app) => app.stop()));
  await fake.stop();
  postgres.stop();
}
