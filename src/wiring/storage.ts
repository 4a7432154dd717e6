import type { Logger } from '@slack/bolt';
import type { Config } from '../config.ts';
import { type Checkpointer, checkpointInBackground } from '../db/checkpointer.ts';
import { type BoostDatabase, openDatabase } from '../db/connection.ts';
import { createRepositories, type Repositories } from '../db/repositories/index.ts';

export interface Storage {
  database: BoostDatabase;
  repos: Repositories;
  /** WAL checkpoints in a worker thread; none for an in-memory database. */
  checkpoints: Checkpointer | undefined;
}

/** Opens the database (migrations applied), starts its background checkpoints and builds the repositories. */
export function openStorage(config: Config, logger: Pick<Logger, 'warn'>): Storage {
  const database = openDatabase(config.DATABASE_PATH);
  const checkpoints =
    config.DATABASE_PATH === ':memory:'
      ? undefined
      : checkpointInBackground(database, (message) => logger.warn(`A background WAL checkpoint failed: ${message}`));
  const repos = createRepositories(database.db, { receiptSecret: config.SLACK_SIGNING_SECRET });
  return { database, repos, checkpoints };
}
