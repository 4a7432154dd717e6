import { type BurstFigures, burst, countInSqlite, TARGET_FINAL_MS, targetsMet } from './lib/burst-run.ts';
import { queryNumber, startBenchPostgres } from './lib/postgres.ts';
import { line, loadLine, summary, verdict } from './lib/report.ts';
import { type BoostChild, startBoostChild, startFakeSlack } from './lib/slack.ts';
import { ms } from './lib/stats.ts';

// 8. The burst of benchmark 2 over two instances: two Boost processes on one PostgreSQL database, behind an imagined
// load balancer that sends every other click to the other one, against one fake Slack. Slack allows about one
// chat.update per second per message whichever instance sends it, so the pacing must hold across both, and every
// click must be counted once, the last update showing the exact final counts. Figures are reported whatever they are.
// The baseline, in the same run and against the same fake Slack: the same burst on one Boost on SQLite.

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
    verdict(targetsMet(figures)),
  );
} finally {
  await Promise.all(instances.map((boost) => boost.stop()));
  await fake.stop();
  postgres.stop();
}
