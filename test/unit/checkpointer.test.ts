import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointInBackground } from '../../src/db/checkpointer.ts';
import { type BoostDatabase, openDatabase } from '../../src/db/connection.ts';
import { eventually } from '../harness/driver.ts';

let dir: string;
let path: string;
let database: BoostDatabase;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'boost-checkpoints-'));
  path = join(dir, 'boost.sqlite');
  database = openDatabase(path);
});

afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes `count` requests, one commit each, as clicks do. */
function commitMany(count: number): void {
  const insert = database.sqlite.prepare(
    `insert into requests (team_id, requester_id, url, ask, networks, channel_id, created_at, deadline_at)
     values ('T1', 'U1', 'https://example.com/', ?, '[]', 'C1', 0, 0)`,
  );
  for (let i = 0; i < count; i++) insert.run('x'.repeat(500));
}

describe('checkpoints in a worker thread', () => {
  it('leave the commits of the app alone, and copy them into the database file soon after', async () => {
    const failures: string[] = [];
    const checkpoints = checkpointInBackground(database, (message) => failures.push(message));
    // The app's connection no longer checkpoints on its own until the WAL is far larger than this.
    expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    const before = statSync(path).size;

    // About 2,500 pages of WAL, under the app's own threshold: the database file grows only if the worker checkpoints.
    commitMany(500);
    await eventually(() => statSync(path).size > before + 200_000, 10_000, 'a checkpoint by the worker');
    await checkpoints.stop();

    expect(failures).toEqual([]);
    expect(database.sqlite.prepare('select count(*) as n from requests').get()).toEqual({ n: 500 });
  });

  it('stops once however often it is asked, and the app keeps its connection', async () => {
    const checkpoints = checkpointInBackground(database, () => undefined);
    await Promise.all([checkpoints.stop(), checkpoints.stop()]);
    await checkpoints.stop();
    commitMany(3);
    expect(database.sqlite.prepare('select count(*) as n from requests').get()).toEqual({ n: 3 });
  });

  it('leaves a quiet database to the app, whose connection checkpoints all of it on closing', async () => {
    const checkpoints = checkpointInBackground(database, () => undefined);
    commitMany(3);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    await checkpoints.stop();
    database.close();

    expect(existsSync(`${path}-wal`)).toBe(false);
    database = openDatabase(path);
    expect(database.sqlite.prepare('select count(*) as n from requests').get()).toEqual({ n: 3 });
  });
});
