import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { CommitGroup, settle } from '../commit-group.ts';
import type { Db } from '../connection.ts';
import { asRepositoryDb, isPostgres } from '../dialect.ts';
import { DatabaseUnavailable, isDatabaseUnreachable, type Reachability } from '../reachability.ts';
import * as pgSchema from '../schema-pg.ts';
import { botIdentitiesRepository } from './bot-identities.ts';
import { digestsRepository } from './digests.ts';
import { leasesRepository } from './leases.ts';
import { linksRepository } from './links.ts';
import { overviewRepository } from './overview.ts';
import { pacingRepository } from './pacing.ts';
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
    pacing: pacingRepository(db),
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
 * The repositories over the database `db` is connected to. On SQLite, transactions that arrive together share one
 * commit (see commit-group.ts), and a call made outside a transaction while one is open waits for its commit. On
 * PostgreSQL, see postgresRepositories.
 */
export function createRepositories(
  db: Db,
  secrets: RepositorySecrets,
  { reachability }: { reachability?: Reachability } = {},
): Repositories {
  if (isPostgres(db)) return postgresRepositories((db as Db & { $client: pg.Pool }).$client, secrets, reachability);
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

/** PostgreSQL's codes for a transaction that lost to another (serialization failure, deadlock): run it again. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 3;

function isRetryable(error: unknown): boolean {
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  return RETRYABLE.has(cause?.code ?? code ?? '');
}

/**
 * The repositories over a PostgreSQL pool. Outside a transaction each call takes any pooled connection; a transaction
 * holds one connection from BEGIN to COMMIT, with repositories bound to it (built once per pooled connection, so
 * their prepared statements are too). Read committed is enough for what must happen once: every such write is a
 * single statement on a unique key (a receipt, an opt-in, a claim), which PostgreSQL applies once however many
 * instances race. A transaction that loses a deadlock is run again, which is safe since it calls nothing but the
 * repositories.
 */
function postgresRepositories(pool: pg.Pool, secrets: RepositorySecrets, reachability?: Reachability): Repositories {
  const over = (client: pg.Pool | pg.PoolClient, call: typeof settle = settle) =>
    asynchronous(storesOf(asRepositoryDb(drizzle(client, { schema: pgSchema })), secrets), call);
  const bound = new WeakMap<pg.PoolClient, Repositories>();

  const boundTo = (client: pg.PoolClient): Repositories => {
    let repos = bound.get(client);
    if (!repos) {
      const inside = over(client) as Repositories;
      inside.transaction = (fn) => inSavepoint(client, inside, fn);
      repos = inside;
      bound.set(client, repos);
    }
    return repos;
  };

  let savepoints = 0;
  async function inSavepoint<T>(client: pg.PoolClient, tx: Repositories, fn: (tx: Repositories) => T | Promise<T>) {
    const name = `nested_${++savepoints}`;
    await client.query(`savepoint ${name}`);
    try {
      const value = await fn(tx);
      await client.query(`release savepoint ${name}`);
      return value;
    } catch (error) {
      await client.query(`rollback to savepoint ${name}`);
      throw error;
    }
  }

  async function once<T>(fn: (tx: Repositories) => T | Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    // The connection may be cut between two statements: heard here (unheard, it would stop the process), and the
    // connection is then dropped rather than handed to anyone else.
    const cut = (error: Error) => {
      broken = error;
    };
    client.on('error', cut);
    try {
      await client.query('begin');
      const value = await fn(boundTo(client));
      await client.query('commit');
      return value;
    } catch (error) {
      // A connection lost or no longer answering is dropped without a word more: the server rolls back what it held.
      if (isDatabaseUnreachable(error)) broken ??= error as Error;
      else {
        await client.query('rollback').catch((lost: Error) => {
          broken = lost;
        });
      }
      throw error;
    } finally {
      // A connection that could not even roll back is not handed to anyone else.
      client.removeListener('error', cut);
      client.release(broken);
    }
  }

  const outside = over(pool, reachability ? watchedBy(reachability) : settle) as Repositories;
  const inTransaction = async <T>(fn: (tx: Repositories) => T | Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const value = await once(fn);
        reachability?.answered();
        return value;
      } catch (error) {
        if (reachability && isDatabaseUnreachable(error)) throw unavailable(reachability, error);
        if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      }
    }
  };
  outside.transaction = (fn) =>
    reachability ? reachability.whenReachable(() => inTransaction(fn)) : inTransaction(fn);
  return outside;
}

/**
 * Calls through the pool as the reachability of the database allows: refused at once while it is known to be down
 * (Slack's deliveries must be answered within 3 seconds), and each outcome tells what was found.
 */
function watchedBy(reachability: Reachability): typeof settle {
  return (run) =>
    reachability
      .whenReachable(() => settle(run))
      .then(
        (value) => {
          reachability.answered();
          return value;
        },
        (error: unknown) => {
          throw isDatabaseUnreachable(error) ? unavailable(reachability, error) : error;
        },
      );
}

/** A failure for want of a connection, told to `reachability` and named for what it means to callers. */
function unavailable(reachability: Reachability, error: unknown): DatabaseUnavailable {
  reachability.failed(error);
  return error instanceof DatabaseUnavailable ? error : new DatabaseUnavailable(error);
}
