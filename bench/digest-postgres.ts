import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.ts';
import { copyDatabase } from '../src/db/copy.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { DEFAULT_SIZES, generateWorkspace } from './digest/generate.ts';
import { type DigestFigures, describeDigest, describeGenerated, measureDigest } from './digest/measure.ts';
import { startBenchPostgres } from './lib/postgres.ts';
import { line, loadLine, summary, verdict } from './lib/report.ts';
import { mb, ms, ratio } from './lib/stats.ts';

// 9. The digest of benchmark 3 on PostgreSQL, beside the same digest on SQLite in the same run: the workspace of
// 50,000 people is generated into a SQLite file (the generator of benchmark 3), measured there, then copied into a
// database of a throwaway PostgreSQL server with `db:copy`'s own code and analysed (as autovacuum would soon do), and
// measured again by a fresh process on PostgreSQL. The targets are per instance: the Boost process's time and memory.
// One cold run on each (benchmark 3 also times a warm one), to keep the benchmark within a few minutes.

const TARGET_MS = 10_000;
const TARGET_RSS = 256 * 1024 * 1024;

const total = (figures: DigestFigures) => figures.runs[0].decideAndComposeMs + figures.runs[0].renderMs;

loadLine('at the start');
const dir = mkdtempSync(join(tmpdir(), 'boost-digest-pg-'));
const postgres = await startBenchPostgres();
try {
  const path = join(dir, 'boost.sqlite');
  const generated = generateWorkspace(path, Date.now(), DEFAULT_SIZES);
  line(`digest at scale on PostgreSQL: generated ${describeGenerated(generated)}`);

  line('on SQLite (the baseline of this run):');
  const onSqlite = measureDigest(path, generated.now, 1);
  for (const text of describeDigest(onSqlite)) line(text);

  const url = await postgres.freshDatabase();
  const copyStarted = performance.now();
  const source = openDatabase(path);
  // A bulk load, so without foreign key checks (as pg_restore --disable-triggers): the copy takes tables in the order
  // its schema module lists them, which under tsx is alphabetical, participations before requests.
  const bulk = new URL(url);
  bulk.searchParams.set('options', '-c session_replication_role=replica');
  const target = await openPostgres(bulk.toString(), { poolSize: 1, statementTimeoutMs: 600_000 });
  try {
    await copyDatabase(source, target);
  } finally {
    source.close();
    await target.close();
  }
  const analyse = new pg.Client({ connectionString: url });
  await analyse.connect();
  await analyse.query('vacuum analyze');
  await analyse.end();
  line(`copied into PostgreSQL and analysed in ${ms(performance.now() - copyStarted)}`);

  line('on PostgreSQL (pool and statement timeout of the defaults):');
  postgres.cpuMs();
  const onPostgres = measureDigest(url, generated.now, 1, 'digest-pg');
  const serverCpuMs = postgres.cpuMs();
  for (const text of describeDigest(onPostgres)) line(text);
  line(`  the PostgreSQL server's CPU over the run: ${ms(serverCpuMs)}`);
  const [cold] = onPostgres.runs;
  const same = cold.digests === onSqlite.runs[0].digests;
  if (!same) line(`WARNING: ${cold.digests} digests on PostgreSQL, ${onSqlite.runs[0].digests} on SQLite`);
  loadLine('at the end');
  summary(
    'digest at scale on PostgreSQL',
    `${cold.digests.toLocaleString('en-US')} digests in ${ms(total(onPostgres))} (fresh process, render included), peak RSS ${mb(cold.peakRssAfter)}; on SQLite in this run ${ms(total(onSqlite))}, ${mb(onSqlite.runs[0].peakRssAfter)}; time ratio ${ratio(total(onPostgres) / total(onSqlite))}, of the database part (decide + compose) ${ratio(cold.decideAndComposeMs / onSqlite.runs[0].decideAndComposeMs)} (targets < ${TARGET_MS} ms, < ${mb(TARGET_RSS)})`,
    verdict(same && total(onPostgres) < TARGET_MS && cold.peakRssAfter < TARGET_RSS),
  );
} finally {
  postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
