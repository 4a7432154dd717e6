import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommitGroup } from '../../src/db/commit-group.ts';
import { type BoostDatabase, openDatabase } from '../../src/db/connection.ts';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.ts';

let dir: string;
let database: BoostDatabase;
let repos: Repositories;
/** Outermost transactions begun, that is commits. */
let commits: number;
let group: CommitGroup;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'boost-commit-group-'));
  database = openDatabase(join(dir, 'boost.sqlite'));
  repos = createRepositories(database.db, { receiptSecret: 'test-receipt-secret' });
  commits = 0;
  group = new CommitGroup((work) => {
    if (!database.sqlite.inTransaction) commits += 1;
    return repos.transaction(work);
  });
});

afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const insertRequest = (ask: string) =>
  Number(
    database.sqlite
      .prepare(
        `insert into requests (team_id, requester_id, url, ask, networks, channel_id, created_at, deadline_at)
         values ('T1', 'U1', 'https://example.com/', ?, '[]', 'C1', 0, 0)`,
      )
      .run(ask).lastInsertRowid,
  );
const asks = () =>
  (database.sqlite.prepare('select ask from requests order by id').all() as { ask: string }[]).map((r) => r.ask);

describe('CommitGroup', () => {
  it('commits work that arrives in one pass of the event loop together, and resolves each with its result', async () => {
    const results = await Promise.all(['a', 'b', 'c'].map((ask) => group.run(() => insertRequest(ask))));
    expect(commits).toBe(1);
    expect(results).toEqual([1, 2, 3]);
    expect(asks()).toEqual(['a', 'b', 'c']);
  });

  it('commits work that arrives later in a commit of its own', async () => {
    await group.run(() => insertRequest('first'));
    await group.run(() => insertRequest('second'));
    expect(commits).toBe(2);
    expect(asks()).toEqual(['first', 'second']);
  });

  it('rolls back only the work that failed; the rest of the group is saved', async () => {
    const outcomes = await Promise.allSettled([
      group.run(() => insertRequest('kept')),
      group.run(() => {
        insertRequest('half done');
        throw new Error('refused');
      }),
      group.run(() => insertRequest('also kept')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(asks()).toEqual(['kept', 'also kept']);
  });

  it('rejects the whole group when the commit itself fails, and nothing of it is saved', async () => {
    database.sqlite.pragma('defer_foreign_keys = ON');
    const outcomes = await Promise.allSettled([
      group.run(() => insertRequest('lost')),
      // A participation in a request that does not exist: with deferred checks, only the commit refuses it.
      group.run(() =>
        database.sqlite
          .prepare('insert into participations (request_id, user_id, opted_in_at, show_name) values (999, ?, 0, 0)')
          .run('U2'),
      ),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(asks()).toEqual([]);
  });
});
