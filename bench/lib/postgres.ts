import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  freshDatabase,
  type PostgresServer,
  startPostgresServer,
  withClient,
} from '../../test/harness/postgres-server.ts';

// The PostgreSQL of the benchmarks: the tests' throwaway server (a cluster in a temp folder on 127.0.0.1, started here
// and stopped after), but with the disk kept in the picture. The tests turn fsync off; here the server flushes and
// checkpoints as in production, and only commits do not wait for their WAL flush (synchronous_commit off): the same
// promise as Boost's SQLite in WAL mode with synchronous=NORMAL, where a commit does not wait for the disk either.

// pg_stat_statements counts the statements Boost sends (each one a round trip from the pool), at a cost of a few
// per cent of the server's CPU.
export const BENCH_POSTGRES_SETTINGS = {
  fsync: 'on',
  full_page_writes: 'on',
  synchronous_commit: process.env.BENCH_PG_SYNCHRONOUS_COMMIT ?? 'off',
  shared_preload_libraries: 'pg_stat_statements',
};

export interface BenchPostgres extends PostgresServer {
  /** A new empty database on the server, for one Boost or for several sharing it; its statements are counted. */
  freshDatabase(): Promise<string>;
  /** CPU time the whole server (every backend, the WAL writer, the checkpointer) used since the previous call, in ms. */
  cpuMs(): number;
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const server = await startPostgresServer(BENCH_POSTGRES_SETTINGS);
  const postmaster = Number(readFileSync(join(server.dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let last = serverTicks(postmaster);
  return {
    ...server,
    async freshDatabase() {
      const url = await freshDatabase(server.url);
      await withClient(url, (client) => client.query('create extension pg_stat_statements'));
      return url;
    },
    cpuMs() {
      const now = serverTicks(postmaster);
      const used = now - last;
      last = now;
      return (used * 1000) / CLOCK_TICKS;
    },
  };
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime, stime, cutime, cstime and the parent of a process, from /proc/<pid>/stat (after the command's parentheses). */
function stat(pid: string | number): { parent: number; own: number; reaped: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const field = (n: number) => Number(fields[n - 3]);
    return { parent: field(4), own: field(14) + field(15), reaped: field(16) + field(17) };
  } catch {
    return undefined; // The process ended between the listing and the read.
  }
}

/**
 * The server's CPU in clock ticks: the postmaster's own and that of its children already ended (cutime, cstime), plus
 * every live child's. The pool keeps its connections, so most of it is in live backends.
 */
function serverTicks(postmaster: number): number {
  const main = stat(postmaster);
  if (!main) return 0;
  let ticks = main.own + main.reaped;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = stat(entry);
    if (child?.parent === postmaster) ticks += child.own;
  }
  return ticks;
}

/** The first column of the first row of a query on the database at `url`, as a number. */
export function queryNumber(url: string, text: string, values: unknown[] = []): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<Record<string, unknown>>(text, values);
    return Number(Object.values(rows[0] ?? {})[0]);
  });
}

export interface DatabaseActivity {
  /** Statements run in the database, each a round trip (BEGIN and COMMIT included). */
  statements: number;
  /** Transactions committed or rolled back (a statement alone is one). */
  transactions: number;
  /** The statements run most often, with how often. */
  top: Array<{ calls: number; query: string }>;
}

const IN_THIS_DATABASE = 'dbid = (select oid from pg_database where datname = current_database())';

/**
 * What the server has run in the database at `url` since `resetActivity` (statements) and since it was made
 * (transactions). The server publishes its counts when a backend goes idle, so read them once the work has settled.
 * Each reading adds one statement and one transaction of its own.
 */
export function databaseActivity(url: string): Promise<DatabaseActivity> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ statements: string; transactions: string }>(
      `select (select coalesce(sum(calls), 0) from pg_stat_statements where ${IN_THIS_DATABASE}) as statements,
              (select xact_commit + xact_rollback from pg_stat_database
                where datname = current_database()) as transactions`,
    );
    const top = await client.query<{ calls: string; query: string }>(
      `select calls, query from pg_stat_statements where ${IN_THIS_DATABASE} order by calls desc limit 12`,
    );
    return {
      statements: Number(rows[0]?.statements),
      transactions: Number(rows[0]?.transactions),
      top: top.rows.map((row) => ({ calls: Number(row.calls), query: row.query.replace(/\s+/g, ' ') })),
    };
  });
}

/** Forgets the statements counted so far (in every database of the server). */
export async function resetActivity(url: string): Promise<void> {
  await withClient(url, (client) => client.query('select pg_stat_statements_reset()'));
}
