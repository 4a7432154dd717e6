import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BoostDatabase, openDatabase } from '../../src/db/connection.ts';
import { createRepositories, type Repositories } from '../../src/db/repositories/index.ts';
import { ClickBatch } from '../../src/http/click-batch.ts';

let dir: string;
let database: BoostDatabase;
let repos: Repositories;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'boost-clicks-'));
  database = openDatabase(join(dir, 'boost.sqlite'));
  repos = createRepositories(database.db, { receiptSecret: 'test-receipt-secret' });
  database.sqlite.exec(
    `insert into requests (id, team_id, requester_id, url, ask, networks, channel_id, created_at, deadline_at)
     values (1, 'T1', 'U1', 'https://example.com/', 'ask', '[]', 'C1', 0, 0)`,
  );
});

afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

async function linkFor(userId: string): Promise<string> {
  await repos.participations.optIn(1, userId, 0, false);
  const token = await repos.links.ensure(1, userId, 0);
  if (!token) throw new Error('no link');
  return token;
}

describe('counting clicks', () => {
  it('adds one per click, per link and day', async () => {
    const a = await linkFor('UA');
    const b = await linkFor('UB');
    const counted = await repos.links.countAll([
      { token: a, day: '2026-05-04' },
      { token: a, day: '2026-05-04' },
      { token: b, day: '2026-05-04' },
      { token: a, day: '2026-05-05' },
    ]);
    expect(counted).toBe(4);
    expect(await repos.links.clicksByHelper(1)).toEqual(
      new Map([
        ['UA', 3],
        ['UB', 1],
      ]),
    );
    expect(await repos.links.clicksByDay(1)).toEqual([
      { day: '2026-05-04', clicks: 3 },
      { day: '2026-05-05', clicks: 1 },
    ]);
  });

  it('still counts the other clicks of a batch when one link was deleted since it was looked up', async () => {
    const kept = await linkFor('UA');
    const gone = await linkFor('UB');
    await repos.participations.withdraw(1, 'UB');
    const counted = await repos.links.countAll([
      { token: kept, day: '2026-05-04' },
      { token: gone, day: '2026-05-04' },
      { token: kept, day: '2026-05-04' },
    ]);
    expect(counted).toBe(2);
    expect(await repos.links.totalClicks(1)).toBe(2);
  });

  it('gives one link per helper per request, however often it is asked for', async () => {
    const first = await linkFor('UA');
    expect(await repos.links.ensure(1, 'UA', 5)).toBe(first);
    expect(await repos.links.ensure(1, 'UNOBODY', 5)).toBeUndefined();
  });
});

describe('ClickBatch', () => {
  it('counts the clicks of one turn of the event loop in one transaction, then answers each', async () => {
    const token = await linkFor('UA');
    const batches: number[] = [];
    const batch = new ClickBatch(
      async (clicks) => {
        batches.push(clicks.length);
        return await repos.links.countAll(clicks);
      },
      (error) => {
        throw error;
      },
    );
    const answered = await Promise.all(
      Array.from(
        { length: 5 },
        () =>
          new Promise<number>((resolve) =>
            batch.record(token, '2026-05-04', () => void repos.links.totalClicks(1).then(resolve)),
          ),
      ),
    );
    expect(batches).toEqual([5]);
    // Every click is answered after its count was written.
    expect(answered).toEqual([5, 5, 5, 5, 5]);
  });

  it('answers the clicks even when they could not be counted', async () => {
    const token = await linkFor('UA');
    const errors: string[] = [];
    database.close();
    const batch = new ClickBatch(
      (clicks) => repos.links.countAll(clicks),
      (error, count) => errors.push(`${count}: ${(error as Error).message}`),
    );
    await new Promise<void>((resolve) => batch.record(token, '2026-05-04', resolve));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^1: /);
  });
});
