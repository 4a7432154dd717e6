import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { findMigrationsFolder } from './connection.ts';
import * as schema from './schema-pg.ts';

export type PgDb = NodePgDatabase<typeof schema>;

export interface PostgresDatabase {
  db: PgDb;
  pool: pg.Pool;
  /** Whether the server answers a trivial query now (health and readiness checks); never waits past the pool's timeout. */
  answers(): Promise<boolean>;
  close(): Promise<void>;
}

export interface PostgresOptions {
  /** Connections held at most (DATABASE_POOL_SIZE). */
  poolSize: number;
  /** A statement running longer is cancelled by the server (DATABASE_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
  /** How long to wait for a connection from the pool (or a new one) before giving up. */
  connectTimeoutMs?: number;
  /** Hears of a pooled connection that failed while idle (the server restarted, say); the pool opens a new one. */
  onIdleError?: (error: Error) => void;
}

/** The advisory lock instances take to migrate one at a time: "boost" in ASCII. */
export const MIGRATION_LOCK = 0x626f6f7374;

const migrationsFolder = findMigrationsFolder('drizzle-pg');

/**
 * Connects a pool to PostgreSQL and applies pending migrations. Instances starting together take turns through an
 * advisory lock: the first migrates, the others find nothing left to do.
 */
export async function openPostgres(url: string, options: PostgresOptions): Promise<PostgresDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize,
    statement_timeout: options.statementTimeoutMs,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  try {
    await migrateUnderLock(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const answers = async () => {
    try {
      return (await pool.query('select 1 as ok')).rowCount === 1;
    } catch {
      return false;
    }
  };
  return { db: drizzle(pool, { schema }), pool, answers, close: () => pool.end() };
}

async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    // Waiting for another instance's migration is no slow statement: no timeout while the lock is awaited.
    await client.query('set statement_timeout = 0');
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      await client.query('reset statement_timeout');
    }
  } finally {
    client.release();
  }
}
