import type { Logger } from '@slack/bolt';
import type { Config } from '../config.ts';
import { type Checkpointer, checkpointInBackground } from '../db/checkpointer.ts';
import { type BoostDatabase, type Db, openDatabase } from '../db/connection.ts';
import { asRepositoryDb } from '../db/dialect.ts';
import { connectPostgres, type PostgresDatabase } from '../db/postgres.ts';
import { createRepositories, type Repositories } from '../db/repositories/index.ts';

export interface Storage {
  /** SQLite's (the default), or PostgreSQL's when DATABASE_URL is set. */
  database: BoostDatabase | PostgresDatabase;
  /** The connection as the repositories take it, whichever the database. */
  db: Db;
  repos: Repositories;
  /**
   * The repositories message updates read and pace through. On PostgreSQL, a pool of their own: a burst of clicks and
   * the private replies after them queue hundreds of statements for the main pool, and an update waiting its turn
   * behind each of them left a message seconds stale. On SQLite, `repos`.
   */
  updateRepos: Repositories;
  /** WAL checkpoints in a worker thread; none for an in-memory database or PostgreSQL. */
  checkpoints: Checkpointer | undefined;
  /** Resolves once the database is migrated and Boost may serve: at once on SQLite, which migrates as it opens. */
  ready(): Promise<void>;
  /** Settles when `ready` has: reads made before start wait for it, rather than find tables not made yet. */
  migrated: Promise<void>;
}

/** Connections of each instance's own pool for message updates, beside DATABASE_POOL_SIZE: runs, and the sweep. */
export const UPDATE_POOL_SIZE = 2;

/**
 * Opens the database and builds the repositories: PostgreSQL when DATABASE_URL is set (its pool connects on first use
 * and its migrations run in `ready`), else SQLite at DATABASE_PATH (migrated here, with its background checkpoints
 * unless a one-off command asks for none).
 */
export function openStorage(
  config: Config,
  logger: Pick<Logger, 'warn' | 'info'>,
  { checkpoints: inBackground = true }: { checkpoints?: boolean } = {},
): Storage {
  const secrets = { receiptSecret: config.SLACK_SIGNING_SECRET };
  if (config.DATABASE_URL) {
    const database = connectPostgres(config.DATABASE_URL, {
      poolSize: config.DATABASE_POOL_SIZE,
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
      // A pooled connection lost while idle is no news by itself: the pool opens another, and only an outage is told.
      reachability: {
        lost: (error) =>
          logger.warn(
            `PostgreSQL cannot be reached (${describe(error)}): /readyz answers 503 and Slack's deliveries are told that nothing was saved, until it answers again`,
          ),
        back: (downForMs) =>
          logger.info(`PostgreSQL answers again, after ${Math.round(downForMs / 1000)} s out of reach`),
      },
    });
    const db = asRepositoryDb(database.db);
    // Told of nothing: the main pool tells of an outage once.
    const updates = connectPostgres(config.DATABASE_URL, {
      poolSize: UPDATE_POOL_SIZE,
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    });
    const closeMain = database.close;
    database.close = async () => {
      await Promise.all([closeMain(), updates.close()]);
    };
    let migrated: () => void = () => undefined;
    return {
      database,
      db,
      repos: createRepositories(db, secrets, { reachability: database.reachability }),
      updateRepos: createRepositories(asRepositoryDb(updates.db), secrets, { reachability: updates.reachability }),
      checkpoints: undefined,
      ready: async () => {
        await database.migrate();
        migrated();
      },
      migrated: new Promise((resolve) => {
        migrated = resolve;
      }),
    };
  }
  const database = openDatabase(config.DATABASE_PATH);
  const checkpoints =
    config.DATABASE_PATH === ':memory:' || !inBackground
      ? undefined
      : checkpointInBackground(database, (message) => logger.warn(`A background WAL checkpoint failed: ${message}`));
  const repos = createRepositories(database.db, secrets);
  return {
    database,
    db: database.db,
    repos,
    updateRepos: repos,
    checkpoints,
    ready: async () => {},
    migrated: Promise.resolve(),
  };
}

/** What a failed connection met, without the URL (which may hold a password). */
function describe(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' ? code : typeof message === 'string' ? message : String(error);
}
