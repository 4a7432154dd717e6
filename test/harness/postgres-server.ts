import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgres } from '../../src/db/postgres.ts';
import { freePort } from './boost-process.ts';

// A real PostgreSQL for the tests: a throwaway cluster in a temp folder, listening on 127.0.0.1 only, started by the
// test setup and stopped after. Debian's postgresql package provides initdb and pg_ctl (.ci/run installs it). The
// server refuses to run as root, so as root it runs as the `postgres` user the package creates.

const DEBIAN_VERSIONS = '/usr/lib/postgresql';

/** The program from the newest server version Debian installed, else whatever PATH has. */
function binary(name: string): string {
  const versions = existsSync(DEBIAN_VERSIONS) ? readdirSync(DEBIAN_VERSIONS) : [];
  const newest = versions
    .map((version) => join(DEBIAN_VERSIONS, version, 'bin', name))
    .filter((path) => existsSync(path))
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))[0];
  return newest ?? name;
}

const asRoot = userInfo().uid === 0;

/** Runs a PostgreSQL program, as `postgres` when the tests run as root. */
function run(program: string, args: string[]): void {
  const [command, commandArgs] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', binary(program), ...args]]
    : [binary(program), args];
  const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout || result.error}`);
  }
}

export interface PostgresServer {
  /** postgres://… of the server's `postgres` database, as the superuser `boost`. */
  url: string;
  /** The cluster's data folder (its postmaster.pid names the server's process). */
  dataDirectory: string;
  /** Stops the server at once, as a crash or a lost network would: every connection is cut; its data stays. */
  halt(): void;
  /** Starts a halted server again, on the same port with the same data. */
  resume(): void;
  /** Stops the server and removes its folder. */
  stop(): void;
}

/** What the tests run with: a test server's data is thrown away, and the suite must not wait on the disk. */
const THROWAWAY: Record<string, string> = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '300',
};

/** What keeps every commit across `halt()`: a commit waits for its WAL to be written. */
export const DURABLE_COMMITS: Record<string, string> = { synchronous_commit: 'on' };

/**
 * Creates a cluster in a temp folder and starts it on a free port of 127.0.0.1, with the tests' settings unless
 * `settings` replaces some (the benchmarks keep the disk in the picture; tests that stop the server under a running
 * Boost keep their commits with DURABLE_COMMITS).
 */
export async function startPostgresServer(settings: Record<string, string> = {}): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'boost-postgres-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const id = (what: 'u' | 'g') => Number(execFileSync('id', [`-${what}`, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, id('u'), id('g'));
  }
  chmodSync(dir, 0o700);
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'boost', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const serverSettings = Object.entries({ ...THROWAWAY, ...settings }).map(([name, value]) => `-c ${name}=${value}`);
  const options = `-h 127.0.0.1 -p ${port} -k ${dir} ${serverSettings.join(' ')}`;
  const start = () =>
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const halt = () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  start();
  let running = true;
  return {
    url: `postgres://boost@127.0.0.1:${port}/postgres`,
    dataDirectory: data,
    halt() {
      halt();
      running = false;
    },
    resume() {
      start();
      running = true;
    },
    stop() {
      try {
        if (running) halt();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

let databases = 0;

/** The database every Boost of the tests starts from: Boost's migrations applied once, cloned per test. */
const MIGRATED_TEMPLATE = 'boost_migrated_template';

/** A new empty database on the server, for one test or one Boost: its postgres:// URL. */
export function freshDatabase(serverUrl: string): Promise<string> {
  return createDatabase(serverUrl);
}

/**
 * A new database with Boost's migrations already applied, as Boost would leave an empty one: a copy of the template
 * `prepareMigratedTemplate` made, about half the cost of migrating each time. Boost's own migration at start then finds
 * nothing to do, and each test still has a database of its own.
 */
export function migratedDatabase(serverUrl: string): Promise<string> {
  return createDatabase(serverUrl, MIGRATED_TEMPLATE);
}

/** Makes the template `migratedDatabase` copies: run once per server, before any test asks for a database. */
export async function prepareMigratedTemplate(serverUrl: string): Promise<void> {
  await withClient(serverUrl, (client) => client.query(`create database "${MIGRATED_TEMPLATE}"`));
  const database = await openPostgres(databaseUrl(serverUrl, MIGRATED_TEMPLATE), {
    poolSize: 1,
    statementTimeoutMs: 60_000,
  });
  await database.close();
}

async function createDatabase(serverUrl: string, template?: string): Promise<string> {
  const name = `boost_${process.pid}_${++databases}_${Date.now().toString(36)}`;
  const from = template ? ` template "${template}"` : '';
  await withClient(serverUrl, (client) => client.query(`create database "${name}"${from}`));
  return databaseUrl(serverUrl, name);
}

/** Runs `use` with a connection of its own to the database at `url`, closed after. */
export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
