import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableName, is, sql, type Table } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { main } from '../../src/db/copy-cli.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import * as sqliteSchema from '../../src/db/schema.ts';
import * as pgSchema from '../../src/db/schema-pg.ts';
import { DEFAULT_IDS } from '../../src/playground/fixtures.ts';
import { type BoostHarness, startBoost } from '../harness/boost.ts';
import { createRequest, DAY, optIn, optInAndShare, REQUESTER, rows, settled } from '../harness/driver.ts';
import { freshDatabase } from '../harness/postgres-server.ts';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 BoostTestBrowser/9.9';
const TEAM = DEFAULT_IDS.teamId;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every row of every table, each table's rows in one order whatever the database gave them in. */
async function everything(read: (table: Table) => Promise<Record<string, unknown>[]>, tables: Table[]) {
  const all: Record<string, string[]> = {};
  for (const table of tables) {
    all[getTableName(table)] = (await read(table)).map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
  }
  return all;
}

const tablesOf = (schema: Record<string, unknown>, isTable: (value: unknown) => boolean) =>
  Object.values(schema).filter(isTable) as Table[];

describe('npm run db:copy', () => {
  let h: BoostHarness;
  let target: string;
  const output: string[] = [];
  const copy = (...args: string[]) =>
    main(
      ['--to', target, '--from', h.config.DATABASE_PATH, ...args],
      {},
      {
        out: (line) => output.push(line),
        err: (line) => output.push(line),
      },
    );

  beforeEach(async () => {
    output.length = 0;
    target = await freshDatabase(inject('postgresUrl'));
    h = await startBoost({ PUBLIC_BASE_URL: 'https://boost.example.com' });
    // What people do with Boost, through Slack's own doors: requests, opt-ins, shares, a click on a personal link.
    const first = await createRequest(h, { title: 'Our launch', networks: ['linkedin', 'x'] });
    const second = await createRequest(h, { title: 'Our blog post', deadline: undefined });
    await optIn(h, 'U0HELPER1', first);
    await optInAndShare(h, 'U0HELPER2', first);
    await optIn(h, 'U0HELPER1', second);
    const [link] = await rows<{ token: string }>(h, 'select token from tracked_links order by token');
    await fetch(`${h.sender.baseUrl}/r/${link?.token}`, { headers: { 'user-agent': BROWSER }, redirect: 'manual' });
    await h.boost.context.repos.settings.update(TEAM, 'U0HELPER1', { digest: true, showName: true }, h.clock.now());
    await h.boost.context.repos.profiles.save(TEAM, REQUESTER, {
      tz: 'Europe/Rome',
      tzOffsetSeconds: 3600,
      locale: 'it-IT',
      isAdmin: false,
      fetchedAt: h.clock.now(),
    });
    await h.boost.context.repos.digests.claim(TEAM, 'U0HELPER2', '2026-W01', h.clock.now() + DAY);
    await settled(h);
  });

  afterEach(async () => {
    await h.stop();
  });

  it('copies every row of every table into an empty PostgreSQL database', async () => {
    expect(await copy()).toBe(0);

    const source = openDatabase(h.config.DATABASE_PATH);
    const copied = await openPostgres(target, { poolSize: 2, statementTimeoutMs: 5000 });
    try {
      const fromSqlite = await everything(
        async (table) =>
          source.db
            .select()
            .from(table as SQLiteTable)
            .all(),
        tablesOf(sqliteSchema, (value) => is(value, SQLiteTable)),
      );
      const fromPostgres = await everything(
        (table) => copied.db.select().from(table as PgTable),
        tablesOf(pgSchema, (value) => is(value, PgTable)),
      );
      expect(fromPostgres).toEqual(fromSqlite);
      for (const table of ['requests', 'participations', 'tracked_links', 'link_clicks', 'user_settings']) {
        expect(fromPostgres[table]?.length, table).toBeGreaterThan(0);
      }
      expect(output.at(-1)).toMatch(/^Copied \d+ rows from /);
    } finally {
      source.close();
      await copied.close();
    }
  });

  it('copies as `npm run db:copy` runs it, in a process of its own, parents before the rows that refer to them', async () => {
    const run = spawnSync(
      join(ROOT, 'node_modules/.bin/tsx'),
      [join(ROOT, 'src/db/copy-cli.ts'), '--to', target, '--from', h.config.DATABASE_PATH],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, timeout: 60_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/ {2}participations: [1-9]\d*\n/);
    expect(run.stdout).toMatch(/Copied \d+ rows from /);
  });

  it('sets the id sequences past the copied ids, so new requests and participations never collide', async () => {
    expect(await copy()).toBe(0);
    const copied = await openPostgres(target, { poolSize: 2, statementTimeoutMs: 5000 });
    try {
      const [{ max } = { max: 0 }] = await rows<{ max: number }>(h, 'select max(id) as max from requests');
      const [added] = await copied.db
        .insert(pgSchema.requests)
        .values({
          teamId: TEAM,
          requesterId: REQUESTER,
          url: 'https://example.com/new',
          ask: 'Please share',
          networks: ['x'],
          channelId: 'C1',
          createdAt: 1,
          deadlineAt: 2,
        })
        .returning({ id: pgSchema.requests.id });
      expect(added?.id).toBe(max + 1);
    } finally {
      await copied.close();
    }
  });

  it('refuses a database that already holds Boost data, and changes nothing in it', async () => {
    expect(await copy()).toBe(0);
    const copied = await openPostgres(target, { poolSize: 2, statementTimeoutMs: 5000 });
    try {
      const count = async () =>
        (await copied.db.execute<{ n: string }>(sql`select count(*) as n from participations`)).rows[0]?.n;
      const before = await count();
      output.length = 0;
      expect(await copy()).toBe(1);
      expect(output.join('\n')).toContain('already holds Boost data');
      expect(await count()).toBe(before);
    } finally {
      await copied.close();
    }
  });

  it('says what is wrong with its options instead of copying', async () => {
    expect(
      await main(['--to', 'mysql://example'], {}, { out: () => undefined, err: (line) => output.push(line) }),
    ).toBe(2);
    expect(output.join('\n')).toContain('--to must be a postgres://');
  });
});
