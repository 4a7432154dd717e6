import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommitGroup } from '../../src/db/commit-group.ts';
import { type BoostDatabase, openDatabase } from '../../src/db/connection.ts';
import { createRepositories } from '../../src/db/repositories/index.ts';

let dir: string;
let database: BoostDatabase;
/** Commits made. */
let commits: number;
let group: CommitGroup<undefined>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'boost-commit-group-'));
  database = openDatabase(join(dir, 'boost.sqlite'));
  commits = 0;
  const { sqlite } = database;
  const counted = {
    prepare(source: string) {
      const statement = sqlite.prepare(source);
      if (source !== 'commit') return statement;
      return {
        run() {
          commits += 1;
          return statement.run();
        },
      };
    },
    exec: (source: string) => sqlite.exec(source),
    get inTransaction() {
      return sqlite.inTransaction;
    },
  };
  group = new CommitGroup(counted as unknown as Pick<typeof sqlite, 'prepare' | 'exec' | 'inTransaction'>, undefined);
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

describe('CommitGroup with asynchronous work', () => {
  it('keeps work that awaits between its statements in one savepoint, apart from the others', async () => {
    const outcomes = await Promise.allSettled([
      group.run(async () => {
        insertRequest('first half');
        await Promise.resolve();
        return insertRequest('second half');
      }),
      group.run(async () => {
        insertRequest('rolled back');
        await Promise.resolve();
        throw new Error('refused');
      }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    expect(commits).toBe(1);
    expect(asks()).toEqual(['first half', 'second half']);
  });

  it('holds a call from outside until the open transaction has committed', async () => {
    const order: string[] = [];
    const inside = group.run(async () => {
      insertRequest('inside');
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('work done');
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(group.busy).toBe(true);
    const outside = group.whenIdle(() => {
      order.push('outside ran');
      return asks();
    });
    await inside;
    expect(await outside).toEqual(['inside']);
    expect(order).toEqual(['work done', 'outside ran']);
  });
});

describe('repositories around a transaction that is open', () => {
  it('keep a write made from outside out of the transaction, so its rollback cannot take that write with it', async () => {
    const repos = createRepositories(database.db, { receiptSecret: 'test-receipt-secret' });
    const failing = repos.transaction(async (tx) => {
      await tx.settings.update('T1', 'UINSIDE', { digest: true }, 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error('refused');
    });
    await new Promise((resolve) => setImmediate(resolve));
    const outside = repos.settings.update('T1', 'UOUTSIDE', { digest: true }, 2);
    await expect(failing).rejects.toThrow('refused');
    await outside;
    expect(await repos.settings.get('T1', 'UINSIDE')).toEqual({
      digest: null,
      showName: false,
      reminders: true,
      language: null,
    });
    expect((await repos.settings.get('T1', 'UOUTSIDE')).digest).toBe(true);
  });

  it('roll back a transaction begun inside another on its own, and keep the rest', async () => {
    const repos = createRepositories(database.db, { receiptSecret: 'test-receipt-secret' });
    await repos.transaction(async (tx) => {
      await tx.settings.update('T1', 'UKEPT', { digest: true }, 1);
      await tx
        .transaction(async (inner) => {
          await inner.settings.update('T1', 'UUNDONE', { digest: true }, 1);
          throw new Error('refused');
        })
        .catch(() => undefined);
    });
    expect((await repos.settings.get('T1', 'UKEPT')).digest).toBe(true);
    expect((await repos.settings.get('T1', 'UUNDONE')).digest).toBeNull();
  });
});
