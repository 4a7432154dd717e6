import type { Db } from '../connection.ts';
import { participationsRepository } from './participations.ts';
import { profilesRepository } from './profiles.ts';
import { receiptsRepository } from './receipts.ts';
import { requestsRepository } from './requests.ts';
import { settingsRepository } from './settings.ts';

export function createRepositories(db: Db) {
  return {
    /** Runs fn in one SQLite transaction; fn must be synchronous (better-sqlite3 transactions are). */
    transaction: <T>(fn: () => T): T => db.transaction(() => fn()),
    requests: requestsRepository(db),
    participations: participationsRepository(db),
    receipts: receiptsRepository(db),
    settings: settingsRepository(db),
    profiles: profilesRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
