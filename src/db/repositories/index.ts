import type Database from 'better-sqlite3';
import { CommitGroup, settle } from '../commit-group.ts';
import type { Db } from '../connection.ts';
import { botIdentitiesRepository } from './bot-identities.ts';
import { digestsRepository } from './digests.ts';
import { leasesRepository } from './leases.ts';
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

function storesOf(db: Db, { receiptSecret }: RepositorySecrets) {
  return {
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
    leases: leasesRepository(db),
  };
}

type Stores = ReturnType<typeof storesOf>;

/** A repository whose every method answers with a promise. */
type Asynchronous<R> = {
  [K in keyof R]: R[K] extends (...args: infer A) => infer T ? (...args: A) => Promise<Awaited<T>> : R[K];
};

export type Repositories = { [K in keyof Stores]: Asynchronous<Stores[K]> } & {
  /**
   * Runs `fn` in one transaction and resolves once it is committed. `fn` is given the repositories to use inside it;
   * it calls nothing but them (and never Slack) before it returns.
   */
  transaction<T>(fn: (tx: Repositories) => T | Promise<T>): Promise<T>;
};

/** Each store's methods made asynchronous through `call`, which runs the original (now, or after a commit). */
function asynchronous(stores: Stores, call: <T>(run: () => T) => Promise<Awaited<T>>) {
  const result: Record<string, Record<string, unknown>> = {};
  for (const [name, store] of Object.entries(stores)) {
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(store)) {
      methods[key] = typeof value === 'function' ? (...args: unknown[]) => call(() => value.apply(store, args)) : value;
    }
    result[name] = methods;
  }
  return result as { [K in keyof Stores]: Asynchronous<Stores[K]> };
}

/**
 * The repositories over SQLite. Transactions that arrive together share one commit (see commit-group.ts); a call made
 * outside a transaction while one is open waits for its commit.
 */
export function createRepositories(db: Db, secrets: RepositorySecrets): Repositories {
  const stores = storesOf(db, secrets);
  const sqlite = (db as Db & { $client: Database.Database }).$client;
  const inside = { ...asynchronous(stores, settle) } as Repositories;
  const commits = new CommitGroup<Repositories>(sqlite, inside);
  inside.transaction = (fn) => commits.nested(fn);
  return {
    ...asynchronous(stores, (run) => commits.whenIdle(run)),
    transaction: (fn) => commits.run(fn),
  };
}
