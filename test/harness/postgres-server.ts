import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
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
  /** Stops the server at once, as a crash or a lost network would: every connection is cut; its data stays. */
  halt(): void;
  /** Starts a halted server again, on the same port with the same data. */
  resume(): void;
  /** Stops the server and removes its folder. */
  stop(): void;
}

/**
 * Creates a cluster in a temp folder and starts it on a free port of 127.0.0.1. `durable` keeps every commit across
 * `halt()` (a commit waits for its WAL to be written), for tests that stop the server under a running Boost.
 */
export async function startPostgresServer({ durable = false } = {}): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'boost-postgres-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const id = (what: 'u' | 'g') => Number(execFileSync('id', [`-${what}`, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, id('u'), id('g'));
  }
  chmodSync(dir, 0o700);
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'boost', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  // fsync off: a test server's data is thrown away, and the suite must not wait on the disk. Without synchronous
  // commits, the last commits before an immediate stop would be lost.
  const commits = durable ? '' : ' -c synchronous_commit=off';
  const options = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off${commits} -c full_page_writes=off -c max_connections=300`;
  const start = () =>
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const halt = () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  start();
  let running = true;
  return {
    url: `postgres://boost@127.0.0.1:${port}/postgres`,
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

/** A new empty database on the server, for one test or one Boost: its postgres:// URL. */
export async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `boost_${process.pid}_${++databases}_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
