import type { Db } from '../connection.ts';
import { botIdentitiesRepository } from './bot-identities.ts';
import { digestsRepository } from './digests.ts';
import { linksRepository } from './links.ts';
import { overviewRepository } from './overview.ts';
import { participationsRepository } from './participations.ts';
import { privacyRepository } from './personal-data.ts';
import { profilesRepository } from './profiles.ts';
import { receiptsRepository } from './receipts.ts';
import { remindersRepository } from './reminders.ts';
import { requestsRepository } from './requests.ts';
import { retentionRepository } from './retention.ts';
import { settingsRepository } from './settings.ts';
import { thanksRepository } from './thanks.ts';
import { statsRepository } from './workspace-weekly-totals.ts';
import { workspacesRepository } from './workspaces.ts';

export interface RepositorySecrets {
  /** Keys the hash under which Slack delivery keys are stored (see receipts.ts); the signing secret serves. */
  receiptSecret: string;
}

export function createRepositories(db: Db, { receiptSecret }: RepositorySecrets) {
  return {
    /** Runs fn in one SQLite transaction; fn must be synchronous (better-sqlite3 transactions are). */
    transaction: <T>(fn: () => T): T => db.transaction(() => fn()),
    requests: requestsRepository(db),
    participations: participationsRepository(db),
    receipts: receiptsRepository(db, receiptSecret),
    settings: settingsRepository(db),
    profiles: profilesRepository(db),
    overview: overviewRepository(db),
    thanks: thanksRepository(db),
    digests: digestsRepository(db),
    reminders: remindersRepository(db),
    links: linksRepository(db),
    privacy: privacyRepository(db),
    retention: retentionRepository(db),
    stats: statsRepository(db),
    workspaces: workspacesRepository(db),
    botIdentities: botIdentitiesRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
