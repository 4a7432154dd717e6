import { getTableName, is, type Table } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Boost } from '../../src/app.ts';
import { main } from '../../src/db/copy-cli.ts';
import * as sqliteSchema from '../../src/db/schema.ts';
import * as pgSchema from '../../src/db/schema-pg.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { type BoostHarness, startBoost, startBoostOnPostgres, TEAM, TestClock } from '../harness/boost.ts';
import {
  ackMessage,
  CHANNEL,
  click,
  clickOnHome,
  command,
  createRequest,
  dmsTo,
  eventually,
  HOUR,
  isReplyTo,
  openHome,
  optIn,
  type Posted,
  participationRows,
  REQUESTER,
  rows,
  settled,
  sharedFormFor,
  submitSharedForm,
} from '../harness/driver.ts';
import { installedWorkspace } from '../harness/install.ts';
import { freshDatabase } from '../harness/postgres-server.ts';
import {
  JOINER,
  MONDAY_9_UTC,
  NEWCOMER,
  OLD_HELPER,
  OLD_REQUESTER,
  SHARER,
  STOPPED,
  SUBSCRIBER,
  scenario,
  WEDNESDAY,
} from './digest-driver.ts';

// Moving to PostgreSQL with `npm run db:copy`, proven by Boost itself: a SQLite database with a history made through
// Slack (an install, requests old and new, opt-ins, shares with a link, a personal link clicked, settings, a reminder,
// thanks, a digest, a closed request), copied into an empty PostgreSQL database. Boost started on the copy, against
// the same Slack, must hold every row, show every person the same Home, the same reports and the same counts as Boost
// on the original, and go on from there (new ids past the copied ones).

const ADMIN = 'UINSTALL1';
const REMINDED = 'UREMINDED';
const CLICKER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 BoostTestBrowser/9.9';
const PEOPLE = [REQUESTER, SHARER, JOINER, SUBSCRIBER, STOPPED, NEWCOMER, OLD_HELPER, OLD_REQUESTER, REMINDED];

/** Every table of a schema, by name. */
const tablesOf = (schema: Record<string, unknown>, isTable: (value: unknown) => boolean) =>
  new Map((Object.values(schema).filter(isTable) as Table[]).map((table) => [getTableName(table), table]));

/** A table's rows as Boost reads them (drizzle), each as JSON with sorted keys, in one order whatever the database's. */
async function contents(h: BoostHarness<Boost>, table: Table): Promise<string[]> {
  const database = h.boost.database;
  const read =
    'sqlite' in database
      ? database.db
          .select()
          .from(table as SQLiteTable)
          .all()
      : await database.db.select().from(table as PgTable);
  return (read as Record<string, unknown>[]).map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
}

/** The history: everything people do with Boost, each through Slack's own doors. */
async function history(h: BoostHarness): Promise<{ spring: Posted; closed: Posted }> {
  const installed = await installedWorkspace(h, { teamId: TEAM, name: 'Boost', installer: ADMIN, ids: PEOPLE });
  expect(installed.status).toBe(200);
  const spring = await scenario(h);

  const [link] = await rows<{ token: string }>(h, 'select token from tracked_links where user_id = ?', SHARER);
  const redirect = await fetch(`${h.sender.baseUrl}/r/${link?.token}`, {
    headers: { 'user-agent': CLICKER_AGENT },
    redirect: 'manual',
  });
  expect(redirect.status).toBe(302);

  const reply = await optIn(h, REMINDED, spring);
  await click(h, REMINDED, ACTIONS.remindMe, spring, { container: 'ephemeral', blocks: reply.args.blocks });
  await h.slack.waitFor(isReplyTo(REMINDED), 5000, 2);
  const shared = await click(h, JOINER, ACTIONS.markShared, spring);
  const form = await sharedFormFor(h, shared);
  expect((await submitSharedForm(h, JOINER, form, 'https://www.linkedin.com/posts/joiner-1', 'linkedin')).status).toBe(
    200,
  );

  const closed = await createRequest(h, { title: 'Closed early' }, OLD_REQUESTER);
  await optIn(h, OLD_HELPER, closed);
  await click(h, OLD_REQUESTER, ACTIONS.close, closed);
  await eventually(async () => (await rows(h, "select 1 from requests where status = 'closed'")).length > 0);

  await openHome(h, REQUESTER);
  await clickOnHome(h, REQUESTER, ACTIONS.sendThanks, String(spring.id));
  await eventually(() => dmsTo(h, SHARER).length > 0, 5000, 'the thanks to reach the sharer');

  h.clock.set(MONDAY_9_UTC);
  await h.boost.jobs.digest.runOnce(MONDAY_9_UTC);
  const [deadline] = await rows<{ deadline_at: number }>(h, 'select deadline_at from requests where id = ?', spring.id);
  await h.boost.jobs.reminders.runOnce(Number(deadline?.deadline_at) - 12 * HOUR);
  await eventually(() => dmsTo(h, REMINDED).length > 0, 5000, 'the reminder');
  return { spring, closed };
}

describe('Boost on a PostgreSQL database filled by npm run db:copy', () => {
  let original: BoostHarness;
  let copy: BoostHarness<Boost>;
  let posted: { spring: Posted; closed: Posted };
  const output: string[] = [];

  beforeAll(async () => {
    original = await startBoost({ BOOST_ADMINS: ADMIN }, new TestClock(WEDNESDAY), {
      distribution: true,
      runJobs: false,
    });
    posted = await history(original);
    const target = await freshDatabase(inject('postgresUrl'));
    // Nothing changes while it copies: every update and Home refresh is done, and no job runs.
    await settled(original);
    const copied = await main(
      ['--to', target, '--from', original.config.DATABASE_PATH],
      {},
      {
        out: (line) => output.push(line),
        err: (line) => output.push(line),
      },
    );
    expect(copied, output.join('\n')).toBe(0);
    // A fresh start of the original (nothing of its Homes kept in memory), and Boost on the copy beside it: both
    // serve the same Slack (the install's tokens are the fake's), at the same moment.
    await original.restart();
    copy = await startBoostOnPostgres({ BOOST_ADMINS: ADMIN, DATABASE_URL: target }, new TestClock(MONDAY_9_UTC), {
      distribution: true,
      runJobs: false,
      slack: original.slack,
    });
  });

  afterAll(async () => {
    await copy?.stop();
    await original?.stop();
  });

  it('holds every row of every table, table by table, as Boost reads it', async () => {
    const sqliteTables = tablesOf(sqliteSchema, (value) => is(value, SQLiteTable));
    const pgTables = tablesOf(pgSchema, (value) => is(value, PgTable));
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
    for (const [name, table] of sqliteTables) {
      const before = await contents(original, table);
      const after = await contents(copy, pgTables.get(name) as Table);
      expect(after.length, `rows in ${name}`).toBe(before.length);
      expect(after, `the rows of ${name}`).toEqual(before);
      expect(output, 'what db:copy printed').toContain(`  ${name}: ${before.length}`);
    }
    const filled = [
      'workspaces',
      'installations',
      'requests',
      'participations',
      'user_settings',
      'user_profiles',
      'digest_deliveries',
      'tracked_links',
      'link_clicks',
      'receipts',
    ];
    for (const name of filled)
      expect((await contents(copy, pgTables.get(name) as Table)).length, name).toBeGreaterThan(0);
  });

  it('shows every person the same Home as Boost on the original', async () => {
    const homes = new Map<string, string>();
    for (const person of PEOPLE) {
      const home = await openHome(original, person);
      expect(await openHome(copy, person), `the Home of ${person}`).toBe(home);
      homes.set(person, home);
    }
    expect(homes.get(REQUESTER)).toContain('Spring launch');
    expect(homes.get(OLD_REQUESTER)).toContain('Closed early');
  });

  it('gives the same report of each request, and the same counts in /boost list and /boost mine', async () => {
    const both = async (person: string, words: string) => {
      const before = ackMessage(await command(original, person, words));
      const after = ackMessage(await command(copy, person, words));
      expect(after, `/boost ${words} for ${person}`).toEqual(before);
      return after;
    };
    for (const [request, title] of [
      [posted.spring, 'Spring launch'],
      [posted.closed, 'Closed early'],
    ] as const) {
      expect(JSON.stringify(await both(request.requesterId, `report ${request.id}`))).toContain(title);
    }
    expect(JSON.stringify((await both(REQUESTER, 'list')).blocks)).toContain('Spring launch');
    for (const person of [REQUESTER, SHARER, JOINER, OLD_HELPER]) await both(person, 'mine');
    for (const request of [posted.spring, posted.closed]) {
      expect(await copy.boost.context.repos.participations.counts(request.id)).toEqual(
        await original.boost.context.repos.participations.counts(request.id),
      );
    }
  });

  it('goes on from the copied ids: a new request and a new opt-in get fresh ids, and count', async () => {
    const [{ max } = { max: 0 }] = await rows<{ max: number }>(original, 'select max(id) as max from requests');
    const fresh = await createRequest(copy, { title: 'After the move', channelId: CHANNEL });
    expect(fresh.id).toBe(max + 1);

    await optIn(copy, 'UNEWHELP1', posted.spring);
    const helpers = (await participationRows(copy, posted.spring.id)).map((row) => row.user_id);
    expect(helpers).toContain('UNEWHELP1');
    expect(helpers).toHaveLength((await participationRows(original, posted.spring.id)).length + 1);
  });
});
