import { answers, timeRequestsAnyStatus } from './lib/http-client.ts';
import { pairedRounds, roundPlan } from './lib/paired-rounds.ts';
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
} from './lib/slack.ts';
import { ms, percentile, ratio } from './lib/stats.ts';

// 7. The ack on PostgreSQL against the ack on SQLite: the same signed "I'm in" clicks at 50 concurrent against two
// Boosts side by side (see lib/paired-rounds.ts), one on a SQLite file, one on a database of a throwaway PostgreSQL
// server on 127.0.0.1. On SQLite a click's
// database work is in Boost's process; on PostgreSQL it is split between Boost (the driver, the round trips) and the
// server's processes, so the CPU of both is reported.

const PLAN = roundPlan(process.env.BENCH_PG_ACK_CLICKS);
const TARGET_RATIO = 1.5;
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
      PLAN.concurrency,
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
      elsewhereCpuPerClick: database === 'postgres' ? serverCpuMs / users.length : 0,
    };
  };

  let activityBefore = { statements: 0, transactions: 0 };
  const { all, medianRatio, cpuPerClick, elsewhereCpuPerClick } = await pairedRounds({
    title: `ack on PostgreSQL against SQLite, pool of ${POOL_SIZE ?? '10 (default)'} connections`,
    plan: PLAN,
    sides: ['sqlite', 'postgres'],
    labels: { sqlite: 'SQLite', postgres: 'PG' },
    firstUser: 5_000_000,
    run,
    // The database's counters count the measured rounds only.
    afterWarmup: async () => {
      await resetActivity(databaseUrl);
      activityBefore = await databaseActivity(databaseUrl);
    },
  });
  const activityAfter = await databaseActivity(databaseUrl);
  const measuredClicks = PLAN.rounds * PLAN.perRound;
  // Each reading adds one statement and one transaction of its own.
  const statements = (activityAfter.statements - activityBefore.statements - 3) / measuredClicks;
  const transactions = (activityAfter.transactions - activityBefore.transactions - 1) / measuredClicks;

  const sqliteCpu = cpuPerClick.sqlite;
  const postgresCpu = cpuPerClick.postgres;
  const serverCpu = elsewhereCpuPerClick.postgres;
  line(`all rounds: SQLite     p50 ${ms(percentile(all.sqlite, 50))}, p99 ${ms(percentile(all.sqlite, 99))}`);
  line(`            PostgreSQL p50 ${ms(percentile(all.postgres, 50))}, p99 ${ms(percentile(all.postgres, 99))}`);
  line(`median of the rounds' p99 ratios (PostgreSQL / SQLite): ${ratio(medianRatio)} (target <= ${TARGET_RATIO})`);
  line(
    `CPU per click (median of rounds): SQLite ${ms(sqliteCpu)}; PostgreSQL ${ms(postgresCpu - serverCpu)} in Boost + ${ms(serverCpu)} in the server = ${ms(postgresCpu)} (${ratio(postgresCpu / sqliteCpu)})`,
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
    `PostgreSQL p50 ${ms(percentile(all.postgres, 50))} p99 ${ms(percentile(all.postgres, 99))}, SQLite p50 ${ms(percentile(all.sqlite, 50))} p99 ${ms(percentile(all.sqlite, 99))}, p99 ratio ${ratio(medianRatio)} (median of ${PLAN.rounds} rounds; target <= ${TARGET_RATIO.toFixed(2)}); CPU/click ${ms(postgresCpu)} (Boost + server) against ${ms(sqliteCpu)}, ${statements.toFixed(1)} statements/click${failures.postgres.length > 0 ? `; PostgreSQL missed acks: ${failures.postgres.join('; ')}` : ''}`,
    verdict(medianRatio <= TARGET_RATIO && failures.postgres.length === 0),
  );
} finally {
  await Promise.all(Object.values(apps).map((app) => app.stop()));
  await fake.stop();
  postgres.stop();
}
