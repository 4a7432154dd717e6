import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { findMigrationsFolder } from './connection.ts';
import { Reachability, type ReachabilityEvents } from './reachability.ts';
import * as schema from './schema-pg.ts';

export type PgDb = NodePgDatabase<typeof schema>;

export interface PostgresDatabase {
  db: PgDb;
  pool: pg.Pool;
  /** Whether the server answers a trivial query now (health and readiness checks); never waits past the pool's timeout. */
  answers(): Promise<boolean>;
  /** Whether the database can be reached, as the last attempts found; the repositories fail at once while it cannot. */
  reachability: Reachability;
  close(): Promise<void>;
}

export interface PostgresOptions {
  /** Connections held at most (DATABASE_POOL_SIZE). */
  poolSize: number;
  /** A statement running longer is cancelled by the server (DATABASE_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
  /** How long to wait for a connection from the pool (or a new one) before giving up (DATABASE_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
  /** Hears of a pooled connection that failed while idle (the server restarted, say); the pool opens a new one. */
  onIdleError?: (error: Error) => void;
  /** Told once when the database stops answering, and once when it answers again. */
  reachability?: ReachabilityEvents;
}

/** Well inside Slack's 3 seconds, so that a delivery is answered even when its first connection attempt times out. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 2000;

/** How often a fresh connection is tried while the database is down. */
const RETRY_MS = 1000;

/** The advisory lock instances take to migrate one at a time: "boost" in ASCII. */
export const MIGRATION_LOCK = 0x626f6f7374;

const migrationsFolder = findMigrationsFolder('drizzle-pg');

/**
 * Connects a pool to PostgreSQL and applies pending migrations. Instances starting together take turns through an
 * advisory lock: the first migrates, the others find nothing left to do.
 */
export async function openPostgres(url: string, options: PostgresOptions): Promise<PostgresDatabase> {
  const database = connectPostgres(url, options);
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/**
 * A pool ready to connect, without connecting yet (a connection is opened on first use): what a process builds at
 * once and migrates (`migrate`) before it serves.
 */
export function connectPostgres(
  url: string,
  options: PostgresOptions,
): PostgresDatabase & { migrate(): Promise<void> } {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize,
    statement_timeout: options.statementTimeoutMs,
    connectionTimeoutMillis: connectTimeoutMs,
    // A connection whose peer vanished without a word (a lost network) is found out rather than waited on forever:
    // the server answers every statement by its timeout (cancelling it), so no answer a moment after that means the
    // connection is gone, and it is dropped.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    query_timeout: options.statementTimeoutMs > 0 ? options.statementTimeoutMs + connectTimeoutMs : undefined,
  });
  const reachability = new Reachability(
    () => probe(url, connectTimeoutMs),
    options.reachability ?? { lost: () => undefined, back: () => undefined },
    RETRY_MS,
  );
  pool.on('error', (error) => {
    reachability.failed(error);
    options.onIdleError?.(error);
  });
  const answers = async () => {
    try {
      const answered = (await pool.query('select 1 as ok')).rowCount === 1;
      reachability.answered();
      return answered;
    } catch (error) {
      reachability.failed(error);
      return false;
    }
  };
  let ended: Promise<void> | undefined;
  return {
    db: drizzle(pool, { schema }),
    pool,
    answers,
    reachability,
    migrate: () => migrateUnderLock(url, connectTimeoutMs),
    close: () => {
      reachability.stop();
      ended ??= pool.end();
      return ended;
    },
  };
}

/** Opens a connection of its own (a busy pool says nothing of the server) and runs a trivial query on it. */
async function probe(url: string, connectTimeoutMs: number): Promise<void> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: connectTimeoutMs,
    query_timeout: connectTimeoutMs,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Migrations run on a connection of their own: waiting for another instance's, or a long one, is no hung statement. */
async function migrateUnderLock(url: string, connectTimeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await client.end();
  }
}
